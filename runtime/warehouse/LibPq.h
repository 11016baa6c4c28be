// libpq's functions, found with dlopen on first use: only `seg export` and `seg run
// --engine postgres` talk to a server, and linking libpq (with its TLS and Kerberos
// libraries) cost every `seg` process 2 ms of start-up.
#pragma once

#include <libpq-fe.h>
#include <string>

namespace seg::warehouse {

struct LibPq {
  decltype(&::PQconnectdbParams) PQconnectdbParams;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQexec) PQexec;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQclear) PQclear;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQputCopyData) PQputCopyData;
  decltype(&::PQputCopyEnd) PQputCopyEnd;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQgetCopyData) PQgetCopyData; // seg import --from postgres
  decltype(&::PQfreemem) PQfreemem;
};

// The functions (loaded once per process), or null with `error` saying why.
const LibPq* loadLibPq(std::string& error);

// The loaded functions: only for code that runs once a connection exists.
const LibPq& pq();

} // namespace seg::warehouse

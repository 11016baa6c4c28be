// `seg export`: a store's contacts and events written into the tables of `seg sql --ddl` on
// a PostgreSQL server (one transaction) or a ClickHouse server (each table filled in a
// staging table, renamed in once every table is filled). Either all rows are written or, on
// any error, none; the error names the step and gives the server's words.
#pragma once

#include "store/Store.h"
#include "warehouse/ChSession.h"

#include <string>
#include <vector>

namespace seg::warehouse {

struct ExportedTable {
  std::string name; // with the prefix, unquoted: "seg_event_purchase"
  std::size_t rows = 0;
};

struct ExportResult {
  std::vector<ExportedTable> tables;
  std::string error;      // "writing event_purchase: …"; empty on success
  bool connected = false; // false: the server was never reached (nothing could be written)
  bool inPlace = false;   // ClickHouse: Distributed tables were filled through, not staged
  bool ok() const { return error.empty(); }
};

// `ddl` (the dialect's `seg sql --ddl` statements) creates absent tables; empty: every table
// must exist.
ExportResult exportToPostgres(const runtime::Store& store, const std::string& dsn,
                              const std::string& prefix, const std::string& ddl);
ExportResult exportToClickHouse(const runtime::Store& store, const ChAddress& address,
                                const std::string& prefix, const std::string& ddl);

} // namespace seg::warehouse

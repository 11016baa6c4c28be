// What DuckDB needs written differently from PostgreSQL where the PostgreSQL text would not
// keep Seg's meaning there (the rest of the PostgreSQL text is DuckDB's too).
#pragma once

#include "plan/FunctionRegistry.h"

#include <string>

namespace seg::sql::duckdb {

// a % b of BIGINTs with Seg's results: null for a zero or null b, 0 for b = −1 (DuckDB
// raises an overflow error for the smallest integer % −1, on every row it evaluates).
std::string modulo(const std::string& a, const std::string& b);
// year(), month(), day_of_week(), hour() of BIGINT µs since 1970, in UTC: read from a
// TIMESTAMP (make_timestamp), whose calendar functions are DuckDB's own, not the ICU
// extension's, and know no time zone (those of a TIMESTAMPTZ follow the session's).
std::string calendarPart(plan::Function function, const std::string& micros);

} // namespace seg::sql::duckdb

// DuckDB spellings of the operations whose PostgreSQL form differs there (see SqlDuckDb.h).
#include "sql/SqlDuckDb.h"

#include <fmt/format.h>

namespace seg::sql::duckdb {

std::string modulo(const std::string& a, const std::string& b) {
  // x % 1 is 0 for every x, as x % −1 is in Seg.
  return fmt::format("({} % CASE {} WHEN 0 THEN NULL WHEN -1 THEN 1 ELSE {} END)", a, b, b);
}

std::string calendarPart(plan::Function function, const std::string& micros) {
  const char* part = function == plan::Function::Year    ? "year"
                     : function == plan::Function::Month ? "month"
                     : function == plan::Function::Hour  ? "hour"
                                                         : "isodow";
  return fmt::format("CAST({}(make_timestamp({})) AS BIGINT)", part, micros);
}

} // namespace seg::sql::duckdb

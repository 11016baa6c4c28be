// Time literals and conversions shared by the translation of expressions and aggregates.
// Inside expressions, timestamps and durations are BIGINT microseconds, as in the plan, so
// arithmetic and comparisons on them are exact integer operations.
#include "sql/SqlQueryContext.h"

#include "base/CivilTime.h"

#include <fmt/format.h>

namespace seg::sql {

std::string timestampLiteral(std::int64_t micros) {
  std::int64_t seconds = base::floorDiv(micros, base::kMicrosPerSecond);
  std::int64_t fraction = micros - seconds * base::kMicrosPerSecond;
  std::int64_t days = base::floorDiv(seconds, base::kSecondsPerDay);
  std::int64_t inDay = seconds - days * base::kSecondsPerDay;
  base::CivilDate date = base::civilFromDays(days);
  std::string text = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", date.year, date.month,
                                 date.day, inDay / 3600, inDay / 60 % 60, inDay % 60);
  if (fraction != 0) text += fmt::format(".{:06}", fraction);
  return fmt::format("TIMESTAMPTZ '{}+00'", text);
}

bool literalTimestamp(std::int64_t micros) {
  return micros >= -62135596800000000 && micros <= 253402300799999999;
}

std::string compareTime(const std::string& column, const char* op, std::int64_t micros,
                        Dialect dialect) {
  if (literalTimestamp(micros))
    return fmt::format("{} {} {}", column, op, timestampLiteral(micros));
  return fmt::format("{} {} {}", microsOf(column, dialect), op, micros);
}

std::string nowMicros(const QueryContext& context) {
  // ClickHouse reads a bare positive literal as a UInt64, which has no common type with Int64
  if (context.now && context.dialect == Dialect::ClickHouse)
    return fmt::format("toInt64({})", *context.now);
  if (context.now) return std::to_string(*context.now);
  if (context.dialect == Dialect::ClickHouse) return "(toInt64(toUInt32(now())) * 1000000)";
  return microsOf("now()", context.dialect);
}

std::string nowTimestamp(const QueryContext& context) {
  if (context.now) return timestampLiteral(*context.now);
  return "now()";
}

std::string microsOf(const std::string& timestampSql, Dialect dialect) {
  if (dialect == Dialect::DuckDb) return fmt::format("epoch_us({})", timestampSql);
  return fmt::format("CAST(EXTRACT(EPOCH FROM {}) * 1000000 AS BIGINT)", timestampSql);
}

std::string integerQuotient(const QueryContext& context, const std::string& a,
                            const std::string& b) {
  if (context.dialect == Dialect::ClickHouse) return fmt::format("intDiv({}, {})", a, b);
  return fmt::format("{} {} {}", a, context.dialect == Dialect::DuckDb ? "//" : "/", b);
}

std::string floorDivide(const QueryContext& context, const std::string& a, std::int64_t divisor) {
  if (context.dialect == Dialect::ClickHouse)
    return fmt::format("(intDiv({0}, toInt64({1})) - if(modulo({0}, toInt64({1})) < 0, 1, 0))", a,
                       divisor);
  return fmt::format("({} - CASE WHEN {} % {} < 0 THEN 1 ELSE 0 END)",
                     integerQuotient(context, a, std::to_string(divisor)), a, divisor);
}

std::string rowIdentity(const QueryContext& context) {
  return context.dialect == Dialect::DuckDb ? "rowid" : "ctid";
}

std::string additionOrder(const QueryContext& context) {
  const std::string at = quoteIdentifier("at");
  return context.dialect == Dialect::DuckDb ? at + ", rowid" : at;
}

} // namespace seg::sql

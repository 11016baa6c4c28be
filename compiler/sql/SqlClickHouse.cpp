// ClickHouse spellings of literals and of the operations whose native form differs from
// Seg's meaning (see SqlClickHouse.h).
#include "sql/SqlClickHouse.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace seg::sql::clickhouse {

std::string intLiteral(std::int64_t value) {
  return fmt::format("toInt64({})", value);
}

std::string floatLiteral(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value != 0 && std::fabs(value) < std::numeric_limits<double>::min()) {
    // m × 2^-1074 = (m × 2^-537) × 2^-537: both factors and the product are exact.
    const double half = std::ldexp(1.0, -537);
    return fmt::format("({} * {})", floatLiteral(value / half), floatLiteral(half));
  }
  std::string text = fmt::format("{}", value);
  // Without a point or an exponent, the server would read an integer.
  if (text.find_first_of(".e") == std::string::npos) text += ".";
  return text;
}

std::string nullOf(plan::ValueType type) {
  switch (type) {
  case plan::ValueType::Bool:
    return "CAST(NULL AS Nullable(UInt8))";
  case plan::ValueType::Float:
    return "CAST(NULL AS Nullable(Float64))";
  case plan::ValueType::String:
    return "CAST(NULL AS Nullable(String))";
  default:
    return "CAST(NULL AS Nullable(Int64))";
  }
}

std::string kleene(bool conjunction, const std::string& a, const std::string& b) {
  // toUInt8: a filter must be a (Nullable) UInt8
  return fmt::format("toUInt8(intDiv(nullIf({}(ifNull(toUInt8({}) * 2, 1), ifNull(toUInt8({}) * "
                     "2, 1)), 1), 2))",
                     conjunction ? "least" : "greatest", a, b);
}

std::string roundHalfAway(const std::string& x) {
  return fmt::format("if(isNaN({0}) OR {0} < -9223372036854775808. OR {0} >= "
                     "9223372036854775808., CAST(NULL AS Nullable(Int64)), toInt64({0}) + "
                     "if(abs({0} - toInt64({0})) >= 0.5, if({0} > 0, 1, -1), 0))",
                     x);
}

namespace {

// floor(a ÷ d) for a positive constant d.
std::string floorDiv(const std::string& a, std::int64_t d) {
  return fmt::format("(intDiv({0}, {1}) - if(modulo({0}, {1}) < 0, 1, 0))", a, intLiteral(d));
}

// `body` with `name` bound to `value`, each written once (a one-element arrayMap).
std::string let(const char* name, const std::string& value, const std::string& body) {
  // Int64 throughout: `if` of an unsigned and a signed branch has no common type
  return fmt::format("arrayElement(arrayMap({} -> {}, [toInt64({})]), 1)", name, body, value);
}

} // namespace

std::string modulo(const std::string& a, const std::string& b) {
  // Both bound as lambda arguments: a lambda's body sees no column of the query.
  return fmt::format("arrayElement(arrayMap((n, d) -> if(ifNull(d, 0) = 0, CAST(NULL AS "
                     "Nullable(Int64)), modulo(n, if(ifNull(d, 0) = 0 OR ifNull(d, 0) = -1, "
                     "toInt64(1), ifNull(d, 1)))), [{}], [{}]), 1)",
                     a, b);
}

std::string calendarPart(plan::Function function, const std::string& micros) {
  constexpr std::int64_t kDay = 86'400'000'000, kHour = 3'600'000'000;
  if (function == plan::Function::Hour)
    return let("t", floorDiv(micros, kHour), "(t - " + floorDiv("t", 24) + " * 24)");
  std::string days = floorDiv(micros, kDay);
  if (function == plan::Function::DayOfWeek) // 1970-01-01 was a Thursday (4)
    return let("d", "(" + days + " + 3)", "(d - " + floorDiv("d", 7) + " * 7 + 1)");
  // civil_from_days (H. Hinnant): eras of 400 years from 0000-03-01.
  std::string month = "if(mp < 10, mp + 3, mp - 9)";
  std::string result = function == plan::Function::Month
                           ? month
                           : "(yoe + era * 400 + if(" + month + " <= 2, 1, 0))";
  std::string body = let(
      "mp", "intDiv(5 * (doe - (365 * yoe + intDiv(yoe, 4) - intDiv(yoe, 100))) + 2, 153)", result);
  body =
      let("yoe", "intDiv(doe - intDiv(doe, 1460) + intDiv(doe, 36524) - intDiv(doe, 146096), 365)",
          body);
  body = let("doe", "(z - era * 146097)", body);
  body = let("era", floorDiv("z", 146097), body);
  return "toInt64(" + let("z", "(" + days + " + 719468)", body) + ")";
}

} // namespace seg::sql::clickhouse

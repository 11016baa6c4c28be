// round(x, digits) for PostgreSQL, DuckDB and ClickHouse; see SqlRound.h.
#include "sql/SqlRound.h"

#include <cmath>
#include <fmt/format.h>

namespace seg::sql {
namespace {

// A finite double as a literal of the dialect that reads back as the same bits.
std::string literal(Dialect dialect, double v) {
  std::string text = fmt::format("{}", v);
  if (dialect != Dialect::ClickHouse) return text + "::float8";
  if (text.find_first_of(".e") == std::string::npos) text += ".";
  return text;
}

// v rounded to an integer, halves away from zero, as a double (v − trunc(v) is exact; the
// sign of a zero is kept, as std::round keeps it).
std::string halfAway(Dialect dialect, const std::string& v) {
  if (dialect == Dialect::ClickHouse)
    return fmt::format("if(abs({0} - trunc({0})) >= 0.5, trunc({0}) + if({0} > 0, 1., -1.), "
                       "trunc({0}))",
                       v);
  return fmt::format(
      "CASE WHEN abs({0} - trunc({0})) >= 0.5::float8 THEN trunc({0}) + sign({0}) ELSE "
      "trunc({0}) END",
      v);
}

} // namespace

std::string roundToDigits(Dialect dialect, const std::string& x, std::int64_t digits) {
  const bool ch = dialect == Dialect::ClickHouse;
  // The engines: x itself when it is not finite; PostgreSQL's NaN and infinities compare
  // above every number, so `abs(x) > …` catches them below.
  const std::string finite = ch ? fmt::format("isFinite({})", x) : "";
  if (digits > 400) return x;
  const double scale = std::pow(10.0, static_cast<double>(digits >= 0 ? digits : -digits));
  if (digits >= 0) {
    if (!std::isfinite(scale)) return x; // x × ∞ is never finite: the engines return x
    const std::string scaled = fmt::format("({} * {})", x, literal(dialect, scale));
    // No fraction is left past 2^52; above 2^60 ÷ scale the product is surely past it (and
    // cannot overflow, which PostgreSQL would raise an error on).
    const std::string big = literal(dialect, std::ldexp(1.0, 60) / scale);
    const std::string rounded =
        fmt::format("({} / {})", halfAway(dialect, scaled), literal(dialect, scale));
    if (ch)
      return fmt::format("if(NOT {0} OR abs({1}) > {2} OR abs({3}) >= 4503599627370496., {1}, {4})",
                         finite, x, big, scaled, rounded);
    return fmt::format("CASE WHEN abs({0}) > {1} OR abs({2}) >= 4503599627370496::float8 THEN {0} "
                       "ELSE {3} END",
                       x, big, scaled, rounded);
  }
  if (digits < -400 || !std::isfinite(scale)) { // copysign(0, x) for a finite x
    if (ch)
      return fmt::format("if(NOT {0}, {1}, if({1} < 0 OR ({1} = 0 AND 1 / {1} < 0), -0., 0.))",
                         finite, x);
    // the sign bit: DuckDB writes −0 as '-0.0', and has signbit()
    const std::string negative = dialect == Dialect::DuckDb
                                     ? fmt::format("signbit({})", x)
                                     : fmt::format("{0} < 0 OR CAST({0} AS TEXT) = '-0'", x);
    return fmt::format("CASE WHEN abs({0}) > 1.7976931348623157e308::float8 THEN {0} WHEN {1} "
                       "THEN '-0'::float8 ELSE 0::float8 END",
                       x, negative);
  }
  const std::string quotient = fmt::format("({} / {})", x, literal(dialect, scale));
  std::string rounded =
      fmt::format("({} * {})", halfAway(dialect, quotient), literal(dialect, scale));
  if (ch) return fmt::format("if(NOT {}, {}, {})", finite, x, rounded);
  return rounded;
}

} // namespace seg::sql

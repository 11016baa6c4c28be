// Each aggregate spelled for PostgreSQL (FILTER, ordered aggregates, percentile_cont) and for
// ClickHouse 18.16 (-If combinators; sorted arrays where order matters, as it has no ordered
// aggregates and no interpolating quantile).
#include "sql/SqlPopulationAggregates.h"

#include "sql/SqlClickHouse.h"

#include <fmt/format.h>

namespace seg::sql {
namespace {

using plan::Function;
using plan::ValueType;

std::string pgFloat(double v) {
  return fmt::format("{}::float8", v);
}

// ClickHouse: the non-null values of `x` as an array in contact order (the (key, value)
// pairs sorted by key), for sums that must add in the engines' order.
std::string chInKeyOrder(const PopulationInput& x, const std::string& value,
                         const std::string& key) {
  if (!x.nullable)
    return fmt::format("arrayMap(p -> tupleElement(p, 2), arraySort(groupArray(({}, {}))))", key,
                       value);
  return fmt::format("arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(({}, ifNull({}, "
                     "0)), isNotNull({}))))",
                     key, value, x.column);
}

// The group's sum of `x` in its own type (0 over no value): integers wrap (ClickHouse;
// PostgreSQL raises bigint out of range instead), floats add in contact order.
std::string typedSum(Dialect dialect, const PopulationInput& x, const std::string& key) {
  if (dialect == Dialect::ClickHouse) {
    if (x.type == ValueType::Float) return "arraySum(" + chInKeyOrder(x, x.column, key) + ")";
    return fmt::format("coalesce(toInt64(sum({})), toInt64(0))", x.column);
  }
  if (x.type == ValueType::Float)
    return fmt::format("COALESCE(sum({} ORDER BY {}), 0::float8)", x.column, key);
  return fmt::format("COALESCE(CAST(sum({}) AS BIGINT), 0)", x.column);
}

std::string asFloat(Dialect dialect, const std::string& sql) {
  if (dialect == Dialect::ClickHouse) return "toFloat64(" + sql + ")";
  return "CAST(" + sql + " AS DOUBLE PRECISION)";
}

// The engines keep the first value in contact order, then any strictly smaller (larger) one:
// a NaN stays when it comes first and is skipped otherwise. Integers: min and max.
std::string extreme(Dialect dialect, bool min, const PopulationInput& x, const std::string& key) {
  const char* fn = min ? "min" : "max";
  if (dialect == Dialect::ClickHouse) {
    // minIf over no row is the type's default, not null
    if (x.type != ValueType::Float)
      return fmt::format("if(count({0}) = 0, NULL, {1}({0}))", x.column, fn);
    return fmt::format("if(count({0}) = 0, NULL, if(isNaN(arrayElement({1}, 1)), nan, "
                       "{2}If({0}, NOT isNaN(ifNull({0}, 0.)))))",
                       x.column, chInKeyOrder(x, x.column, key), fn);
  }
  if (x.type != ValueType::Float) return fmt::format("{}({})", fn, x.column);
  return fmt::format("CASE WHEN (array_agg({0} ORDER BY {1}) FILTER (WHERE {0} IS NOT "
                     "NULL))[1] = 'NaN'::float8 THEN 'NaN'::float8 ELSE {2}({0}) FILTER (WHERE "
                     "{0} <> 'NaN'::float8) END",
                     x.column, key, fn);
}

// Type 7: over the sorted values v (NaN last), h = (n − 1) × q, v[⌊h⌋] + (h − ⌊h⌋) ×
// (v[⌈h⌉] − v[⌊h⌋]), v[⌊h⌋] itself when ⌈h⌉ = ⌊h⌋; null over no value. PostgreSQL's
// percentile_cont is exactly this.
std::string quantile(Dialect dialect, const PopulationInput& x, double q) {
  if (dialect != Dialect::ClickHouse)
    return fmt::format("percentile_cont({}) WITHIN GROUP (ORDER BY CAST({} AS DOUBLE PRECISION))",
                       pgFloat(q), x.column);
  const std::string values =
      x.nullable ? fmt::format("arraySort(groupArrayIf(toFloat64(ifNull({0}, 0)), isNotNull({0})))",
                               x.column)
                 : fmt::format("arraySort(groupArray(toFloat64({})))", x.column);
  const std::string n = fmt::format("toFloat64(count({}))", x.column);
  const std::string h = fmt::format("(({} - 1.) * {})", n, clickhouse::floatLiteral(q));
  const std::string lo = "floor(" + h + ")";
  const std::string hi = fmt::format("least(ceil({}), {} - 1.)", h, n);
  const std::string low = fmt::format("arrayElement({}, toUInt64({}) + 1)", values, lo);
  const std::string high = fmt::format("arrayElement({}, toUInt64({}) + 1)", values, hi);
  return fmt::format("if(count({}) = 0, NULL, if({} = {}, {}, {} + ({} - {}) * ({} - {})))",
                     x.column, hi, lo, low, low, h, lo, high, low);
}

} // namespace

std::string populationAggregate(Dialect dialect, const plan::PopulationAggregate& a,
                                const PopulationInput& x, const PopulationInput& y,
                                const std::string& key) {
  const bool ch = dialect == Dialect::ClickHouse;
  if (a.inputSlot < 0) return ch ? "toInt64(count())" : "count(*)";
  // Conditions are true where the value is not 0 (and not null).
  std::string trues = ch ? fmt::format("toInt64(countIf(ifNull({}, 0) != 0))", x.column)
                         : fmt::format("count(*) FILTER (WHERE {})", x.column);
  switch (a.function) {
  case Function::PopCount:
    return trues;
  case Function::Percent: // 100 × trues ÷ the non-null values, null when there are none
    if (ch)
      return fmt::format("(100. * toFloat64({}) / toFloat64(nullIf(count({}), 0)))", trues,
                         x.column);
    return fmt::format("(100::float8 * CAST({} AS DOUBLE PRECISION) / CAST(NULLIF(count({}), 0) "
                       "AS DOUBLE PRECISION))",
                       trues, x.column);
  case Function::PopSum: {
    std::string sum = typedSum(dialect, x, key);
    return a.type == ValueType::Float && x.type != ValueType::Float ? asFloat(dialect, sum) : sum;
  }
  case Function::PopAvg: { // the values as floats, added in contact order, ÷ their number
    if (ch) {
      PopulationInput real = x;
      return fmt::format("(arraySum({}) / toFloat64(nullIf(count({}), 0)))",
                         chInKeyOrder(real, "toFloat64(" + x.column + ")", key), x.column);
    }
    return fmt::format("(sum(CAST({0} AS DOUBLE PRECISION) ORDER BY {1}) / CAST(NULLIF(count({0}), "
                       "0) AS DOUBLE PRECISION))",
                       x.column, key);
  }
  case Function::PopMin:
  case Function::PopMax:
    return extreme(dialect, a.function == Function::PopMin, x, key);
  case Function::Median:
    return quantile(dialect, x, 0.5);
  case Function::Quantile:
    return quantile(dialect, x, a.quantile);
  case Function::Ratio: { // the sums as floats; null when the denominator's is 0
    const std::string num = asFloat(dialect, typedSum(dialect, x, key));
    const std::string den = asFloat(dialect, typedSum(dialect, y, key));
    if (ch) return fmt::format("({} / nullIf({}, 0.))", num, den);
    return fmt::format("({} / NULLIF({}, 0::float8))", num, den);
  }
  default:
    return {};
  }
}

} // namespace seg::sql

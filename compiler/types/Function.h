// Every function a Seg expression can call, grouped by where it may be used.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

enum class FunctionKind {
  EventAggregate,      // count(E …), sum(E.p …): per contact, over its events
  Scalar,              // lower(s), days_since(ts): per contact, per value
  PopulationAggregate, // percent(C), median(x): over all contacts, metrics only
  PopulationRank,      // ntile(k, x): per contact, ranked over all contacts
};

enum class Function {
  // Event aggregates.
  Count,
  Exists,
  Sum,
  Avg,
  Min,
  Max,
  First,
  Last,
  Distinct,
  Days,
  // Scalars.
  DaysSince,
  HoursSince,
  Lower,
  Upper,
  Length,
  Contains,
  StartsWith,
  EndsWith,
  Coalesce,
  Abs,
  Round,
  Year,
  Month,
  DayOfWeek,
  Hour,
  // Population aggregates (metrics). count/sum/avg/min/max share names with event
  // aggregates; the checker picks by the argument.
  PopCount,
  Percent,
  PopSum,
  PopAvg,
  PopMin,
  PopMax,
  Median,
  Quantile,
  Ratio,
  // Population ranks.
  Ntile,
};

std::string_view functionName(Function f);
FunctionKind functionKind(Function f);

// Names as written. An event aggregate name may also be a population aggregate name.
std::optional<Function> eventAggregateNamed(std::string_view name);
std::optional<Function> scalarNamed(std::string_view name);
std::optional<Function> populationAggregateNamed(std::string_view name);
bool isPopulationRankName(std::string_view name);
// Every callable name, for "did you mean" suggestions.
const std::vector<std::string>& allFunctionNames();

} // namespace seg

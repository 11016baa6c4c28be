// The builtin functions' names for code: every function a Seg expression can call, grouped
// by where it may be used. What each one is lives in its registry entry (FunctionRegistry.h).
#pragma once

#include <string_view>

namespace seg::plan {

enum class FunctionKind {
  EventAggregate,      // count(E …), sum(E.p …): per contact, over its events
  Scalar,              // lower(s), days_since(ts): per contact, per value
  PopulationAggregate, // percent(C), median(x): over all contacts, metrics only
  PopulationRank,      // ntile(k, x): per contact, ranked over all contacts
};

// In the registry's order (FunctionRegistry.cpp): an entry's index is its enum value.
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

// The name as written ("days_since"); its registry entry's.
std::string_view functionName(Function f);

} // namespace seg::plan

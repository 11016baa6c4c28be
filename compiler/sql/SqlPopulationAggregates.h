// A metric's population aggregates (count, percent, sum, avg, min, max, median, quantile,
// ratio) as SQL aggregates over the per-contact columns of its population, with the engines'
// rules (runtime/exec/PopulationAggregates.cpp): nulls skipped, float sums added in contact
// order, type-7 quantiles, percent over the non-null values, ratio null for a zero divisor.
#pragma once

#include "plan/Plan.h"
#include "sql/SqlDialect.h"

#include <string>

namespace seg::sql {

// A per-contact input column of the grouped relation.
struct PopulationInput {
  std::string column; // "m.seg_x0" (ClickHouse: "seg_x0")
  plan::ValueType type = plan::ValueType::Int;
  bool nullable = false;
};

// The aggregate over one group; `x` is its input (none for count()), `y` ratio's
// denominator; `contactKey` orders the float sums ("m.contact_key"), as the engines add in
// row order, which is key order for the tables `seg export` writes.
std::string populationAggregate(Dialect dialect, const plan::PopulationAggregate& aggregate,
                                const PopulationInput& x, const PopulationInput& y,
                                const std::string& contactKey);

} // namespace seg::sql

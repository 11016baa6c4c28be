// A metric's population aggregates (count, sum, avg, min, max, percent, median, quantile,
// ratio) for every group at once, in one pass over the contacts in row order, so float
// sums add in the same order whatever the grouping.
#pragma once

#include "MetricGroups.h"

#include <vector>

namespace seg::exec {

// One value per group of `groups` (indexed by group, not by key order).
std::vector<Value> aggregateByGroup(const BoundPlan& bound, const plan::PopulationAggregate& a,
                                    const MetricGroups& groups);

} // namespace seg::exec

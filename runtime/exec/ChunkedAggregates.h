// The population aggregates whose result does not depend on the order rows are added in
// (counts, percentages, integer sums and extremes), computed together in one pass over
// fixed chunks of rows on the thread pool, each chunk's partial results merged in chunk
// order: exactly what the row-order pass of PopulationAggregates gives, faster.
#pragma once

#include "MetricGroups.h"

#include <vector>

namespace seg::exec {

class ThreadPool;

// Whether `a` can be computed by chunks (float inputs, averages, ratios and quantiles
// cannot: their sums must be added in row order).
bool isChunkable(const BoundPlan& bound, const plan::PopulationAggregate& a);

// For every aggregate (each chunkable): one value per group of `groups`.
std::vector<std::vector<Value>>
aggregateChunked(const BoundPlan& bound, const std::vector<const plan::PopulationAggregate*>& all,
                 const MetricGroups& groups, ThreadPool* pool);

} // namespace seg::exec

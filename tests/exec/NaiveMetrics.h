// The metrics as the first, simple implementation computed them (a map from key vectors
// to the rows of each group, then straightforward folds per group), kept as the oracle of
// the differential test of the optimized runtime/exec/Metrics.cpp.
#pragma once

#include "exec/BoundPlan.h"
#include "exec/Executor.h"

#include <vector>

namespace seg::test {

// Every metric of `bound.plan`, computed over the bound slots like exec::computeMetrics.
std::vector<exec::MetricResult> naiveMetrics(const exec::BoundPlan& bound);

} // namespace seg::test

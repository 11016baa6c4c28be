// A metric's value lowered to arithmetic over population aggregates (the calls, by their
// registry entries, in CallLowering.cpp).
#pragma once

#include "ast/Expr.h"
#include "plan/Plan.h"

#include <functional>

namespace seg::plan {

// Appends the nodes of `e` to `metric` and returns its root; `input` makes an aggregated
// argument a MetricInput slot and returns the slot's index.
std::uint32_t lowerMetricValue(const Expr& e, Metric& metric,
                               const std::function<std::int32_t(const Expr&)>& input);

} // namespace seg::plan

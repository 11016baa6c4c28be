// Moves a string coalesce over several string leaves out of the operations that read it,
// so that each part depends on one leaf and can become a lookup (StringLuts.h):
// f(coalesce(a, b)) = coalesce(f(a), f(b)) for every f that is null exactly when an
// operand is (comparisons, `in`, string built-ins), and `coalesce(a, b) is null` =
// `a is null and b is null`.
#pragma once

#include "plan/PlanBuilder.h"

namespace seg::plan {

// Returns `root` with such coalesces distributed (bounded: a few per expression).
NodeId distributeStringCoalesce(PlanBuilder& builder, NodeId root);

} // namespace seg::plan

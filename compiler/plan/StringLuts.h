// Turns every maximal expression that depends on one string column (and constants) into a
// StringLut: evaluated once per dictionary entry when data is bound, so per-row work on
// strings becomes a table lookup or an integer compare.
#pragma once

#include "plan/PlanBuilder.h"

namespace seg::plan {

// Returns `root` with its single-column string subexpressions wrapped.
NodeId wrapStringExpressions(PlanBuilder& builder, NodeId root);

} // namespace seg::plan

// Turns every maximal expression that depends on one string leaf (a column or a
// string-valued aggregate, and constants) into a StringLut: evaluated once per dictionary
// entry when data is bound, so per-row work on strings becomes a table lookup or an
// integer compare. Comparisons of two such expressions over different leaves compare
// their StringRanks, each a StringLut too; a coalesce of several leaves is first moved out
// of what reads it (StringCoalesce.h).
#pragma once

#include "plan/PlanBuilder.h"

namespace seg::plan {

// Returns `root` with its single-column string subexpressions wrapped.
NodeId wrapStringExpressions(PlanBuilder& builder, NodeId root);

} // namespace seg::plan

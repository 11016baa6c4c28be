// Drops nodes that nothing reaches (left over by rewrites), renumbers the rest in a
// canonical order, and sets the plan's fingerprint from its printed text.
#pragma once

#include "plan/Plan.h"

namespace seg::plan {

Plan compactPlan(const Plan& plan);

} // namespace seg::plan

// The stage of each slot and rank: a slot is evaluated in the first stage in which all it
// reads is known (a rank after all of its inputs, a slot under a filter after that slot).
#pragma once

#include "plan/Plan.h"

namespace seg::plan {

// Sets every slot's and rank's stage and the plan's stage count.
void assignStages(Plan& plan);

} // namespace seg::plan

// Event aggregates for the reference interpreter: a scan of one contact's events of one
// type, in time order, keeping those in the window whose filter is true.
#pragma once

#include "Evaluator.h"

namespace seg::exec {

// The aggregate's value for the evaluator's current contact row.
Value computeAggregate(Evaluator& evaluator, const plan::Aggregate& aggregate);

} // namespace seg::exec

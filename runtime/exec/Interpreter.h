// The reference engine: a row-at-a-time tree-walking evaluator of the plan, simple and
// obviously correct, the semantic oracle the JIT is tested against.
#pragma once

#include "StageKernel.h"

#include <memory>

namespace seg::exec {

// The kernel writes the slot columns of `bound`, which must outlive it.
std::unique_ptr<StageKernel> makeInterpreter(BoundPlan& bound);

} // namespace seg::exec

// The reference engine: a row-at-a-time tree-walking evaluator of the plan, simple and
// obviously correct, the semantic oracle the JIT is tested against.
#pragma once

#include "StageKernel.h"

#include <memory>

namespace seg::exec {

std::unique_ptr<StageKernel> makeInterpreter(const BoundPlan& bound);

} // namespace seg::exec

// What an engine provides: evaluate every slot of one stage for a range of contact rows,
// writing into the bound plan's slot columns. The executor calls it for disjoint batches
// from several threads at once, so implementations keep per-call state on the stack.
#pragma once

#include "BoundPlan.h"

#include <memory>
#include <string>

namespace seg::exec {

class StageKernel {
public:
  virtual ~StageKernel() = default;
  // Rows [begin, end); `begin` is a multiple of 64.
  virtual void run(std::int32_t stage, std::size_t begin, std::size_t end) = 0;
  virtual std::string_view engineName() const = 0; // "jit" or "interp", as reports name it
};

} // namespace seg::exec

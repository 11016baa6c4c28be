// Picks the executor for `seg run --engine`: the LLVM JIT (default) or the reference
// interpreter, falling back to the interpreter with a note when the JIT cannot run a plan.
#pragma once

#include "Commands.h"
#include "exec/Executor.h"

#include <memory>
#include <string>

namespace seg::cli::run {

// What actually ran, which the kernel factory settles once the data is bound: the JIT can
// still decline then (the data does not fit the compiled code).
struct EngineOutcome {
  std::string name; // "jit" or "interp"
  std::string note; // why the requested engine is not the one that ran, if so
};

struct PreparedEngine {
  exec::KernelFactory makeKernel;
  std::shared_ptr<EngineOutcome> outcome; // updated by makeKernel
};

PreparedEngine prepareEngine(RunEngine requested, const plan::Plan& plan);

} // namespace seg::cli::run

// Picks the executor of a run: the LLVM JIT (default) or the reference interpreter,
// falling back to the interpreter with a note when the JIT cannot run a plan.
#pragma once

#include "exec/Executor.h"

#include <memory>
#include <string>

namespace seg::jit {

class CompiledProgram;

enum class EngineKind { Jit, Interpreter };

// What actually ran, which a run's kernel factory settles once the data is bound: the JIT
// can still decline then (the data does not fit the compiled code).
struct EngineOutcome {
  std::string name; // "jit" or "interp"
  std::string note; // why the requested engine is not the one that ran, if so
};

// A plan's engine, compiled once: immutable, so many runs may share it at once.
struct CompiledEngine {
  std::shared_ptr<const CompiledProgram> program; // null: the interpreter runs
  std::string note; // why the JIT was asked for and is not used, if so
};

// `cacheDirectory` empty: no on-disk code cache.
CompiledEngine compileEngine(EngineKind requested, const plan::Plan& plan,
                             const std::string& cacheDirectory);

// The kernel factory of one run; `outcome` (owned by that run) receives what ran.
exec::KernelFactory kernelFactory(const CompiledEngine& engine,
                                  std::shared_ptr<EngineOutcome> outcome);

} // namespace seg::jit

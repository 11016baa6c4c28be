// Picks the executor of a run: the LLVM JIT (default) or the reference interpreter,
// falling back to the interpreter with a note when the JIT cannot run a plan.
#pragma once

#include "exec/Executor.h"

#include <memory>
#include <string>

namespace seg::jit {

class CompiledProgram;

enum class EngineKind { Jit, Interpreter };

// A plan's engine, compiled once: immutable, so many runs may share it at once.
struct CompiledEngine {
  std::shared_ptr<const CompiledProgram> program; // null: the interpreter runs
  std::string note; // why the JIT was asked for and is not used, if so
};

// `cacheDirectory` empty: no on-disk code cache.
CompiledEngine compileEngine(EngineKind requested, const plan::Plan& plan,
                             const std::string& cacheDirectory);

// The kernel factory of a run. The JIT can still decline once the data is bound (it does
// not fit the compiled code): then the interpreter runs, and the run's result says why
// (exec::RunResult::fallback), as it names the engine that ran (RunResult::engine).
exec::KernelFactory kernelFactory(const CompiledEngine& engine);

} // namespace seg::jit

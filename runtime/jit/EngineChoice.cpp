// A plan's engine, compiled once, and each run's kernel from it: the JIT's, or the
// interpreter's when the JIT cannot compile the plan or its code declines the bound data.
#include "jit/EngineChoice.h"

#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "jit/StoredProgram.h"

#include <fmt/format.h>

namespace seg::jit {

CompiledEngine compileEngine(EngineKind requested, const plan::Plan& plan,
                             const std::string& cacheDirectory) {
  if (requested == EngineKind::Interpreter) return {};
  // An unchanged program links its stored code here, without loading LLVM at all.
  if (auto stored = linkStoredProgram(plan, cacheDirectory)) return {std::move(stored), ""};
  // Runs of the same program reuse its code from the disk; only explain shows the IR.
  JitEngine engine({cacheDirectory, false});
  if (const auto& reason = engine.unavailable())
    return {nullptr,
            fmt::format("the JIT is unavailable here ({}); running with the interpreter", *reason)};
  CompileResult compiled = engine.compile(plan);
  if (!compiled)
    return {nullptr, fmt::format("{}; running with the interpreter", compiled.error())};
  // The compiled program owns its machine code, so the engine itself may go.
  return {compiled.program(), ""};
}

exec::KernelFactory kernelFactory(const CompiledEngine& engine) {
  if (engine.program == nullptr) return exec::makeInterpreter;
  return [program = engine.program](exec::BoundPlan& bound) -> base::Expected<exec::MadeKernel> {
    base::Expected<std::unique_ptr<exec::StageKernel>> kernel = program->makeKernel(bound);
    if (kernel) return std::move(*kernel);
    return exec::MadeKernel{exec::makeInterpreter(bound),
                            fmt::format("the JIT's code does not fit this data ({}); running "
                                        "with the interpreter",
                                        kernel.error())};
  };
}

} // namespace seg::jit

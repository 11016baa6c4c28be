#include "jit/EngineChoice.h"

#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "jit/StoredProgram.h"

#include <exception>
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

exec::KernelFactory kernelFactory(const CompiledEngine& engine,
                                  std::shared_ptr<EngineOutcome> outcome) {
  if (engine.program == nullptr) {
    *outcome = {"interp", engine.note};
    return exec::makeInterpreter;
  }
  *outcome = {"jit", ""};
  return [program = engine.program,
          outcome](const exec::BoundPlan& bound) -> std::unique_ptr<exec::StageKernel> {
    try {
      return program->makeKernel(bound);
    } catch (const std::exception& error) {
      *outcome = {"interp", fmt::format("the JIT's code does not fit this data ({}); running "
                                        "with the interpreter",
                                        error.what())};
      return exec::makeInterpreter(bound);
    }
  };
}

} // namespace seg::jit

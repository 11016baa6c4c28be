#include "run/EngineChoice.h"

#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "jit/ObjectCache.h"

#include <exception>
#include <fmt/format.h>

namespace seg::cli::run {
namespace {

PreparedEngine interpreter(std::string note) {
  return {exec::makeInterpreter,
          std::make_shared<EngineOutcome>(EngineOutcome{"interp", std::move(note)})};
}

} // namespace

PreparedEngine prepareEngine(RunEngine requested, const plan::Plan& plan) {
  if (requested == RunEngine::Interpreter) return interpreter("");
  // Runs of the same program reuse its code from the disk; only explain shows the IR.
  jit::JitEngine engine({jit::ObjectCache::defaultDirectory(), false});
  if (const auto& reason = engine.unavailable())
    return interpreter(
        fmt::format("the JIT is unavailable here ({}); running with the interpreter", *reason));
  jit::CompileResult compiled = engine.compile(plan);
  if (!compiled)
    return interpreter(fmt::format("{}; running with the interpreter", compiled.error()));
  auto outcome = std::make_shared<EngineOutcome>(EngineOutcome{"jit", ""});
  // The compiled program owns its machine code, so the engine itself may go.
  auto makeKernel = [program = compiled.program(),
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
  return {std::move(makeKernel), std::move(outcome)};
}

} // namespace seg::cli::run

// Lowering and running, with every engine error turned into a message.
#include "EngineRunner.h"

#include "TestCompile.h"
#include "exec/Interpreter.h"
#include "plan/Lowering.h"

#include <exception>

namespace seg::fuzz {

LoweredProgram lowerText(const std::string& text, const plan::LoweringOptions& options) {
  LoweredProgram out;
  out.compilation = std::make_unique<Compilation>(test::compileWithSchema(text));
  if (!out.compilation->ok()) {
    out.errors = test::renderAll(*out.compilation);
    return out;
  }
  out.plan = plan::lowerProgram(*out.compilation->program, options);
  return out;
}

Engine interpreterEngine() {
  Engine engine;
  engine.name = "interpreter";
  engine.unsupported = [](const plan::Plan&) { return std::optional<std::string>(); };
  engine.prepare = [](const plan::Plan&) -> std::variant<exec::KernelFactory, std::string> {
    return exec::KernelFactory([](exec::BoundPlan& bound) { return exec::makeInterpreter(bound); });
  };
  return engine;
}

std::variant<exec::RunResult, std::string> runPlan(const Engine& engine, const plan::Plan& plan,
                                                   const runtime::Store& store, std::int64_t now,
                                                   unsigned threads) {
  try {
    auto prepared = engine.prepare(plan);
    if (auto* error = std::get_if<std::string>(&prepared)) return engine.name + ": " + *error;
    exec::RunOptions options;
    options.now = now;
    options.threads = threads;
    base::Expected<exec::RunResult> run =
        exec::execute(plan, store, options, std::get<exec::KernelFactory>(prepared));
    if (!run) return engine.name + ": " + run.error();
    return std::move(*run);
  } catch (const std::exception& e) {
    return engine.name + " threw: " + e.what();
  }
}

} // namespace seg::fuzz

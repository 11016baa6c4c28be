// Compiles and lowers a generated program, and runs a plan with an engine under test: the
// reference interpreter, or any other engine given as a kernel-factory maker.
#pragma once

#include "driver/Compilation.h"
#include "exec/Executor.h"
#include "plan/Lowering.h"
#include "plan/Plan.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace seg::fuzz {

struct LoweredProgram {
  std::unique_ptr<Compilation> compilation; // keeps the declarations the plan points at
  plan::Plan plan;
  std::string errors; // rendered diagnostics when the program did not check

  bool ok() const { return errors.empty(); }
};

// Checks `text` after the CRM schema and lowers it.
LoweredProgram lowerText(const std::string& text, const plan::LoweringOptions& options = {});

// An engine: says up front whether it runs a plan, then makes its kernels.
struct Engine {
  std::string name;
  // How programs are lowered for this engine (an oracle may skip rewrites).
  plan::LoweringOptions lowering;
  // Why the engine cannot run this plan, or nothing (cheap; no code generation).
  std::function<std::optional<std::string>(const plan::Plan&)> unsupported;
  // The kernel factory for a plan, or why it could not be built.
  std::function<std::variant<exec::KernelFactory, std::string>(const plan::Plan&)> prepare;
};

Engine interpreterEngine();

// Runs `plan` with `engine`: the result, or the engine's error (compile failure, or an
// exception thrown while running).
std::variant<exec::RunResult, std::string> runPlan(const Engine& engine, const plan::Plan& plan,
                                                   const runtime::Store& store, std::int64_t now,
                                                   unsigned threads);

} // namespace seg::fuzz

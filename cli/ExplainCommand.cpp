// `seg explain`: shows what a program becomes: the lowered plan (and, with the JIT, the
// optimized LLVM IR).
#include "Commands.h"
#include "Inputs.h"
#include "plan/Lowering.h"
#include "plan/PlanPrinter.h"

#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runExplain(const ExplainOptions& options) {
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (!compilation.ok()) return 1;
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  fmt::print("{}", plan::printPlan(plan, &compilation.program->schema));
  return 0;
}

} // namespace seg::cli

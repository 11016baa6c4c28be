// `seg explain`: shows what a program becomes: the lowered plan (and, with the JIT, the
// optimized LLVM IR).
#include "Commands.h"
#include "Inputs.h"
#include "jit/JitEngine.h"
#include "live/LiveMethods.h"
#include "plan/Lowering.h"
#include "plan/PlanPrinter.h"
#include "sema/StoreSchemaOf.h"

#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runExplain(const ExplainOptions& options) {
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (!compilation.ok()) return 1;
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  if (options.plan || !options.llvm) {
    const plan::StoreSchema names = storeSchemaOf(compilation.program->schema);
    fmt::print("{}", plan::printPlan(plan, &names));
    // How seg watch / seg serve re-evaluate each definition when contacts change.
    fmt::print("\nlive evaluation (seg watch, seg serve):\n");
    for (const runtime::live::LiveMethod& method : runtime::live::liveMethods(plan)) {
      std::string how = "per changed contact, also when `now` moves";
      if (method.ranksKept)
        how = "per changed contact, ranked among everyone as last ranked, and per contact "
              "whose rank that moved";
      else if (!method.perContact)
        how = fmt::format("a pass over every contact: {}", method.reason);
      else if (method.readsNow && !method.untimed.empty())
        how = fmt::format("per changed contact; a pass over every contact when `now` moves: it "
                          "{}",
                          method.untimed);
      else if (method.readsNow)
        how = "per changed contact; when `now` moves, per contact whose timer is due";
      fmt::print("  {:<24} {}\n", method.name, how);
    }
  }
  if (!options.llvm) return 0;
  jit::JitEngine engine;
  jit::CompileResult compiled = engine.compile(plan);
  if (!compiled) {
    std::fprintf(stderr, "seg explain: the JIT cannot compile this program: %s\n",
                 compiled.error().c_str());
    return 1;
  }
  fmt::print("; optimized LLVM IR for {}\n{}", engine.host(), compiled.program()->optimizedIr());
  return 0;
}

} // namespace seg::cli

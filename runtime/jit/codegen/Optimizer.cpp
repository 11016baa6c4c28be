// The pass pipeline, in LLVM's textual syntax (what `opt -passes=` takes):
// - always-inline: the binary search into its callers;
// - sroa: accumulators and per-lane values into registers;
// - early-cse, instcombine, simplifycfg: fold the masks of non-nullable values, constants
//   and the splats of uniform values;
// - licm: hoist per-contact invariants (argument words, window bounds) out of event loops;
// - gvn, dse: the loads and stores the stage structure leaves redundant.
#include "codegen/Optimizer.h"

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/IR/PassManager.h>
#include <llvm/Passes/PassBuilder.h>

namespace seg::jit {

namespace {
// `no-verify-fixpoint`: as in LLVM's own pipelines; the textual default turns a missed
// fixpoint into a fatal error, which must never end a user's run.
constexpr const char* kPipeline =
    "always-inline,function(sroa,early-cse<memssa>,instcombine<no-verify-fixpoint>,"
    "simplifycfg,loop-mssa(licm),gvn,dse,simplifycfg)";
} // namespace

std::optional<std::string> optimizeModule(llvm::Module& module, llvm::TargetMachine& machine) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);
  llvm::ModulePassManager pipeline;
  if (llvm::Error error = builder.parsePassPipeline(pipeline, kPipeline))
    return "cannot build the optimization pipeline: " + llvm::toString(std::move(error));
  pipeline.run(module, modules);
  return std::nullopt;
}

} // namespace seg::jit

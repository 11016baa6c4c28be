// Module generation: plans each stage, emits its kernel function.
#include "codegen/ModuleCodegen.h"

#include "codegen/CodegenContext.h"
#include "codegen/StageCodegen.h"
#include "codegen/StagePlan.h"

namespace seg::jit {

GeneratedModule generateModule(llvm::LLVMContext& context, const plan::Plan& plan,
                               const std::string& prefix) {
  ModuleContext m(context, plan, prefix);
  GeneratedModule out;
  const std::vector<bool> uniform = uniformNodes(plan);
  for (std::int32_t stage = 0; stage < plan.stageCount; ++stage) {
    StagePlan stagePlan = planStage(plan, stage, uniform);
    if (stagePlan.slots.empty()) {
      out.stageFunctions.emplace_back();
      continue;
    }
    std::string name = prefix + "_stage" + std::to_string(stage);
    StageCodegen(m, stagePlan, uniform).emit(name);
    out.stageFunctions.push_back(name);
  }
  out.layout = m.layout();
  out.chunkRows = m.lanes;
  out.module = std::move(m.module);
  return out;
}

} // namespace seg::jit

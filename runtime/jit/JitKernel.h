// The JIT's StageKernel: calls a compiled stage function with the argument block bound
// to one BoundPlan. Holds the compiled program, so its code outlives every call.
#pragma once

#include "ArgumentBlock.h"
#include "JitEngine.h"

#include <memory>

namespace seg::jit {

class JitKernel final : public exec::StageKernel {
public:
  // Made by CompiledProgram::makeKernel once `arguments` are bound to `bound`.
  JitKernel(std::shared_ptr<const CompiledProgram> program, ArgumentBlock arguments,
            const exec::BoundPlan& bound);

  void run(std::int32_t stage, std::size_t begin, std::size_t end) override;
  std::string_view engineName() const override { return "jit"; }

private:
  std::shared_ptr<const CompiledProgram> program_;
  ArgumentBlock arguments_;
  const exec::BoundPlan& bound_;
  std::size_t rows_;
  std::vector<std::vector<std::int32_t>> slotsByStage_;
};

} // namespace seg::jit

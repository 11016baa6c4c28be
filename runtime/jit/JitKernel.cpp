// Kernel calls and the CompiledProgram entry points that create kernels.
#include "JitKernel.h"

#include "PartialChunk.h"

#include <fmt/format.h>
#include <stdexcept>

namespace seg::jit {

JitKernel::JitKernel(std::shared_ptr<const CompiledProgram> program, ArgumentBlock arguments,
                     const exec::BoundPlan& bound)
    : program_(std::move(program)), arguments_(std::move(arguments)), bound_(bound),
      rows_(bound.store->contacts.rows) {
  for (std::int32_t stage = 0; stage < bound.plan->stageCount; ++stage)
    slotsByStage_.push_back(plan::slotsOf(*bound.plan, stage));
}

void JitKernel::run(std::int32_t stage, std::size_t begin, std::size_t end) {
  const auto& stages = program_->stages();
  if (stage < 0 || static_cast<std::size_t>(stage) >= stages.size() || !stages[stage]) return;
  // Chunks write whole validity bytes (and batches of different threads must not share a
  // bitmap word): a batch starts on a word, as the executor promises (StageKernel::run).
  if (begin % 64 != 0)
    throw std::logic_error(
        fmt::format("a JIT batch must start at a multiple of 64, not {}", begin));
  end = std::min(end, rows_);
  if (begin >= end) return;
  const unsigned chunk = program_->chunkRows();
  const std::size_t whole = begin + (end - begin) / chunk * chunk;
  CallScratch scratch;
  if (whole > begin) stages[stage](arguments_.words(), begin, whole, &scratch);
  if (whole < end)
    runPartialChunk(stages[stage], program_->layout(), arguments_.words(), bound_,
                    slotsByStage_[stage], whole, end - whole, chunk, scratch);
}

base::Expected<std::unique_ptr<exec::StageKernel>>
CompiledProgram::makeKernel(exec::BoundPlan& bound) const {
  if (bound.plan == nullptr || bound.store == nullptr)
    return base::Unexpected{"the plan is not bound to data"};
  if (bound.plan->fingerprint != parts_.fingerprint)
    return base::Unexpected{"the bound plan is not the program this code was compiled from"};
  base::Expected<ArgumentBlock> arguments = ArgumentBlock::bind(parts_.layout, bound);
  if (!arguments) return base::Unexpected{std::move(arguments).error()};
  return std::make_unique<JitKernel>(shared_from_this(), std::move(*arguments), bound);
}

} // namespace seg::jit

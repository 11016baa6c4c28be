// The interpreter's stage kernel: for each row, the stage's slots in index order, each
// written (value and validity) before the next one can read it.
#include "Interpreter.h"

#include "ColumnValues.h"
#include "Evaluator.h"

namespace seg::exec {
namespace {

class Interpreter final : public StageKernel {
public:
  // The kernel writes the slot columns of the plan it was made for; disjoint batches never
  // share a byte or bitmap word.
  explicit Interpreter(BoundPlan& bound) : bound_(bound) {
    for (std::int32_t stage = 0; stage < bound.plan->stageCount; ++stage)
      slotsByStage_.push_back(plan::slotsOf(*bound.plan, stage));
  }

  void run(std::int32_t stage, std::size_t begin, std::size_t end) override {
    if (stage < 0 || static_cast<std::size_t>(stage) >= slotsByStage_.size()) return;
    const std::vector<std::int32_t>& slots = slotsByStage_[stage];
    if (slots.empty()) return;
    Evaluator evaluator(bound_); // per call: batches run on several threads at once
    for (std::size_t row = begin; row < end; ++row) {
      evaluator.beginRow(row);
      for (std::int32_t s : slots) {
        const plan::Slot& slot = bound_.plan->slots[s];
        Value value = evaluator.eval(slot.expr);
        // A segment's column is its membership: a contact whose condition is unknown is
        // not a member, and a segment read by name is never null (LANGUAGE.md §2).
        if (slot.kind == plan::SlotKind::Segment) value = Value::boolean(value.isTrue());
        writeContactColumn(bound_.slots[s], row, value);
      }
    }
  }

  std::string_view engineName() const override { return "interp"; }

private:
  BoundPlan& bound_;
  std::vector<std::vector<std::int32_t>> slotsByStage_;
};

} // namespace

std::unique_ptr<StageKernel> makeInterpreter(BoundPlan& bound) {
  return std::make_unique<Interpreter>(bound);
}

} // namespace seg::exec

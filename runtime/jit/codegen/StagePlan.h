// What one stage's kernel needs, worked out from the plan before any code is emitted:
// its slots, the aggregates they read (grouped by event type, so one pass over a
// contact's events serves them all), the contact-scope values the aggregates' filters
// read (the "frontier"), and the contact columns a chunk loads.
#pragma once

#include "plan/Plan.h"

#include <cstdint>
#include <map>
#include <vector>

namespace seg::jit {

// A per-contact input column of the stage: a contact field, an earlier slot or a rank.
struct StageInput {
  plan::Op op = plan::Op::ContactField; // ContactField, Slot or Rank
  std::int32_t index = -1;
  plan::ValueType type = plan::ValueType::Int;
  bool readValidity = true;

  friend auto operator<=>(const StageInput& a, const StageInput& b) {
    return std::pair{a.op, a.index} <=> std::pair{b.op, b.index};
  }
  friend bool operator==(const StageInput& a, const StageInput& b) {
    return a.op == b.op && a.index == b.index;
  }
};

struct StagePlan {
  std::int32_t stage = 0;
  std::vector<std::int32_t> slots;                              // evaluation order
  std::map<std::int32_t, std::vector<std::int32_t>> aggregates; // event type → aggregates
  std::vector<std::int32_t> sequences;                          // Sequence aggregates
  std::vector<plan::NodeId> frontier; // contact-scope nodes read by filters, in id order
  std::vector<StageInput> inputs;
};

// True for nodes whose value is the same for every contact (constants, now, and
// arithmetic on them): the event path computes them in place instead of per contact.
std::vector<bool> uniformNodes(const plan::Plan& plan);

StagePlan planStage(const plan::Plan& plan, std::int32_t stage, const std::vector<bool>& uniform);

} // namespace seg::jit

// What each stage evaluates: its slots, and the aggregates over each event type they read.
#include "plan/Plan.h"

namespace seg::plan {

std::vector<std::int32_t> slotsOf(const Plan& plan, std::int32_t stage) {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < plan.slots.size(); ++i)
    if (plan.slots[i].stage == stage) out.push_back(static_cast<std::int32_t>(i));
  return out;
}

std::vector<std::int32_t> aggregatesOf(const Plan& plan, std::int32_t stage,
                                       std::int32_t eventType) {
  std::vector<bool> seen(plan.nodes.size(), false), used(plan.aggregates.size(), false);
  std::vector<NodeId> work;
  for (std::int32_t slot : slotsOf(plan, stage))
    work.push_back(plan.slots[slot].expr);
  while (!work.empty()) {
    NodeId id = work.back();
    work.pop_back();
    if (id == kNoNode || seen[id]) continue;
    seen[id] = true;
    const Node& n = plan.nodes[id];
    for (NodeId o : n.operands)
      work.push_back(o);
    if (n.op == Op::Aggregate) used[n.index] = true;
  }
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < plan.aggregates.size(); ++i)
    if (used[i] && plan.aggregates[i].eventType == eventType)
      out.push_back(static_cast<std::int32_t>(i));
  return out;
}

} // namespace seg::plan

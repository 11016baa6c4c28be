#include "report/SlotDependencies.h"

namespace seg::report {
namespace {

// The slots an expression reads directly: Slot leaves, rank inputs, and the slots read by
// aggregate filters and string-table bodies below it.
void collectReads(const plan::Plan& plan, plan::NodeId root, std::vector<bool>& seen,
                  std::vector<std::int32_t>& slots) {
  std::vector<plan::NodeId> stack{root};
  auto push = [&](plan::NodeId id) {
    if (id != plan::kNoNode && !seen[id]) stack.push_back(id);
  };
  while (!stack.empty()) {
    plan::NodeId id = stack.back();
    stack.pop_back();
    if (seen[id]) continue;
    seen[id] = true;
    const plan::Node& node = plan.nodes[id];
    for (plan::NodeId operand : node.operands)
      push(operand);
    push(node.body);
    if (node.op == plan::Op::Slot) slots.push_back(node.index);
    if (node.op == plan::Op::Rank) slots.push_back(plan.ranks[node.index].inputSlot);
    if (node.op == plan::Op::Aggregate) {
      push(plan.aggregates[node.index].filter);
      push(plan.aggregates[node.index].thenFilter);
    }
  }
}

} // namespace

std::vector<std::vector<bool>> slotDependencies(const plan::Plan& plan) {
  const std::size_t n = plan.slots.size();
  std::vector<std::vector<std::int32_t>> direct(n);
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<bool> seen(plan.nodes.size());
    if (plan.slots[s].expr != plan::kNoNode)
      collectReads(plan, plan.slots[s].expr, seen, direct[s]);
  }
  std::vector<std::vector<bool>> reads(n, std::vector<bool>(n));
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<std::int32_t> stack = direct[s];
    while (!stack.empty()) {
      std::int32_t t = stack.back();
      stack.pop_back();
      if (t < 0 || static_cast<std::size_t>(t) == s || reads[s][t]) continue;
      reads[s][t] = true;
      stack.insert(stack.end(), direct[t].begin(), direct[t].end());
    }
  }
  return reads;
}

} // namespace seg::report

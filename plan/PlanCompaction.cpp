#include "plan/PlanCompaction.h"

#include "plan/PlanPrinter.h"

namespace seg::plan {

Plan compactPlan(const Plan& plan) {
  Plan out;
  out.aggregates = plan.aggregates;
  out.ranks = plan.ranks;
  out.slots = plan.slots;
  out.metrics = plan.metrics;
  out.stageCount = plan.stageCount;
  std::vector<NodeId> renumbered(plan.nodes.size(), kNoNode);
  // Operands before users: a post-order walk from every root, iterative so deep
  // expressions cannot exhaust the stack.
  auto visit = [&](NodeId root) -> NodeId {
    if (root == kNoNode) return kNoNode;
    std::vector<std::pair<NodeId, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [id, expanded] = stack.back();
      stack.pop_back();
      if (renumbered[id] != kNoNode) continue;
      const Node& n = plan.nodes[id];
      if (!expanded) {
        stack.push_back({id, true});
        for (auto it = n.operands.rbegin(); it != n.operands.rend(); ++it)
          if (renumbered[*it] == kNoNode) stack.push_back({*it, false});
        if (n.body != kNoNode && renumbered[n.body] == kNoNode) stack.push_back({n.body, false});
        continue;
      }
      Node copy = n;
      for (NodeId& o : copy.operands)
        o = renumbered[o];
      if (copy.body != kNoNode) copy.body = renumbered[copy.body];
      renumbered[id] = static_cast<NodeId>(out.nodes.size());
      out.nodes.push_back(std::move(copy));
    }
    return renumbered[root];
  };
  for (Aggregate& a : out.aggregates) {
    a.filter = visit(a.filter);
    a.thenFilter = visit(a.thenFilter);
  }
  for (Slot& slot : out.slots)
    slot.expr = visit(slot.expr);
  std::string text = printPlan(out);
  std::uint64_t hash = 1469598103934665603ull; // FNV-1a: stable across runs and builds
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  out.fingerprint = hash;
  return out;
}

} // namespace seg::plan

// Stages from what each slot's expression reads, memoized per node and context.
#include "plan/StageAssignment.h"

#include <algorithm>
#include <map>

namespace seg::plan {
namespace {

using Memo = std::map<std::pair<NodeId, bool>, std::int32_t>;

// The first stage in which `id` can be evaluated. Under an aggregate's filter a slot
// must be complete, i.e. from an earlier stage.
std::int32_t need(const Plan& plan, NodeId id, bool underFilter, Memo& memo) {
  if (id == kNoNode) return 0;
  auto key = std::pair{id, underFilter};
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  const Node& n = plan.nodes[id];
  std::int32_t stage = 0;
  switch (n.op) {
  case Op::Slot:
    stage = plan.slots[n.index].stage + (underFilter ? 1 : 0);
    break;
  case Op::Rank:
    stage = plan.ranks[n.index].stage;
    break;
  case Op::Aggregate: {
    const Aggregate& a = plan.aggregates[n.index];
    stage = std::max(need(plan, a.filter, true, memo), need(plan, a.thenFilter, true, memo));
    break;
  }
  default:
    for (NodeId o : n.operands)
      stage = std::max(stage, need(plan, o, underFilter, memo));
    break;
  }
  memo[key] = stage;
  return stage;
}

} // namespace

void assignStages(Plan& plan) {
  Memo memo;
  std::int32_t last = 0;
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    Slot& slot = plan.slots[s];
    slot.stage = need(plan, slot.expr, false, memo);
    memo.clear(); // slot stages feed later answers
    for (Rank& rank : plan.ranks)
      for (std::int32_t input : rankInputs(rank))
        if (input == static_cast<std::int32_t>(s))
          rank.stage = std::max(rank.stage, slot.stage + 1);
    last = std::max(last, slot.stage);
  }
  plan.stageCount = last + 1;
}

} // namespace seg::plan

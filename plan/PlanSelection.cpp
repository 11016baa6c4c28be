#include "plan/PlanSelection.h"

#include "plan/PlanCompaction.h"

#include <algorithm>

namespace seg::plan {

SelectableNames selectableNames(const Plan& plan) {
  SelectableNames names;
  for (const Slot& slot : plan.slots) {
    if (slot.kind == SlotKind::Segment || slot.kind == SlotKind::Partition)
      names.selectable.push_back(slot.name);
    else if (slot.kind == SlotKind::Score)
      names.others.push_back(slot.name);
  }
  for (const Metric& metric : plan.metrics)
    names.others.push_back(metric.name);
  return names;
}
namespace {

// Marks what the selected slots reach, following slot, rank and aggregate references.
class Reach {
public:
  // `intoRankInputs`: whether a rank reaches what its inputs read.
  explicit Reach(const Plan& plan, bool intoRankInputs = true)
      : plan_(plan), intoRankInputs_(intoRankInputs), slots_(plan.slots.size()),
        aggregates_(plan.aggregates.size()), ranks_(plan.ranks.size()), nodes_(plan.nodes.size()) {}

  void slot(std::int32_t s) {
    if (s < 0 || static_cast<std::size_t>(s) >= slots_.size() || slots_[s]) return;
    slots_[s] = true;
    pending_.push_back(plan_.slots[s].expr);
  }

  void run() {
    while (!pending_.empty()) {
      NodeId id = pending_.back();
      pending_.pop_back();
      if (id == kNoNode || id >= nodes_.size() || nodes_[id]) continue;
      nodes_[id] = true;
      const Node& n = plan_.nodes[id];
      for (NodeId o : n.operands)
        pending_.push_back(o);
      if (n.body != kNoNode) pending_.push_back(n.body);
      if (n.op == Op::Slot) slot(n.index);
      if (n.op == Op::Rank) rank(n.index);
      if (n.op == Op::Aggregate) aggregate(n.index);
    }
  }

  const std::vector<bool>& slots() const { return slots_; }
  const std::vector<bool>& aggregates() const { return aggregates_; }
  const std::vector<bool>& ranks() const { return ranks_; }
  const std::vector<bool>& nodes() const { return nodes_; }

private:
  void rank(std::int32_t r) {
    if (r < 0 || static_cast<std::size_t>(r) >= ranks_.size() || ranks_[r]) return;
    ranks_[r] = true;
    if (!intoRankInputs_) return;
    for (std::int32_t input : rankInputs(plan_.ranks[r]))
      slot(input);
  }
  void aggregate(std::int32_t a) {
    if (a < 0 || static_cast<std::size_t>(a) >= aggregates_.size() || aggregates_[a]) return;
    aggregates_[a] = true;
    pending_.push_back(plan_.aggregates[a].filter);
    pending_.push_back(plan_.aggregates[a].thenFilter);
  }

  const Plan& plan_;
  bool intoRankInputs_ = true;
  std::vector<bool> slots_, aggregates_, ranks_, nodes_;
  std::vector<NodeId> pending_;
};

// Old index → new index of the kept entries (-1 for dropped ones).
std::vector<std::int32_t> renumbering(const std::vector<bool>& kept) {
  std::vector<std::int32_t> to(kept.size(), -1);
  std::int32_t next = 0;
  for (std::size_t i = 0; i < kept.size(); ++i)
    if (kept[i]) to[i] = next++;
  return to;
}

} // namespace

Plan selectSlots(const Plan& plan, const std::vector<std::string>& names) {
  auto named = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  Reach reach(plan);
  for (std::size_t s = 0; s < plan.slots.size(); ++s)
    if (named(plan.slots[s].name)) reach.slot(static_cast<std::int32_t>(s));
  for (const Metric& metric : plan.metrics) {
    if (!named(metric.name)) continue;
    reach.slot(metric.forSlot);
    for (const GroupKey& key : metric.groupBy)
      reach.slot(key.slot);
    for (const PopulationAggregate& a : metric.aggregates) {
      reach.slot(a.inputSlot);
      reach.slot(a.secondSlot);
    }
  }
  reach.run();
  const std::vector<std::int32_t> slotTo = renumbering(reach.slots());
  const std::vector<std::int32_t> aggregateTo = renumbering(reach.aggregates());
  const std::vector<std::int32_t> rankTo = renumbering(reach.ranks());

  Plan out;
  out.stageCount = plan.stageCount;
  out.nodes = plan.nodes;
  // Nodes nobody kept may now point at dropped entries; compaction removes them.
  for (Node& n : out.nodes) {
    const std::vector<std::int32_t>* to = n.op == Op::Slot        ? &slotTo
                                          : n.op == Op::Aggregate ? &aggregateTo
                                          : n.op == Op::Rank      ? &rankTo
                                                                  : nullptr;
    if (to != nullptr && n.index >= 0 && static_cast<std::size_t>(n.index) < to->size())
      n.index = (*to)[n.index];
  }
  for (std::size_t a = 0; a < plan.aggregates.size(); ++a)
    if (aggregateTo[a] >= 0) out.aggregates.push_back(plan.aggregates[a]);
  for (std::size_t r = 0; r < plan.ranks.size(); ++r)
    if (rankTo[r] >= 0) {
      Rank rank = plan.ranks[r];
      if (rank.inputSlot >= 0) rank.inputSlot = slotTo[rank.inputSlot];
      if (rank.cluster)
        for (std::int32_t& feature : rank.cluster->featureSlots)
          feature = slotTo[feature];
      out.ranks.push_back(rank);
    }
  for (std::size_t s = 0; s < plan.slots.size(); ++s)
    if (slotTo[s] >= 0) out.slots.push_back(plan.slots[s]);
  auto renumbered = [&](std::int32_t slot) { return slot < 0 ? slot : slotTo[slot]; };
  for (const Metric& metric : plan.metrics) {
    if (!named(metric.name)) continue;
    Metric kept = metric;
    kept.forSlot = renumbered(kept.forSlot);
    for (GroupKey& key : kept.groupBy)
      key.slot = renumbered(key.slot);
    for (PopulationAggregate& a : kept.aggregates) {
      a.inputSlot = renumbered(a.inputSlot);
      a.secondSlot = renumbered(a.secondSlot);
    }
    out.metrics.push_back(std::move(kept));
  }
  return compactPlan(out);
}

std::vector<bool> eventTypesBesideRankInputs(const Plan& plan,
                                             const std::vector<std::string>& names,
                                             std::size_t types) {
  Reach reach(plan, false);
  for (std::size_t s = 0; s < plan.slots.size(); ++s)
    if (std::find(names.begin(), names.end(), plan.slots[s].name) != names.end())
      reach.slot(static_cast<std::int32_t>(s));
  reach.run();
  std::vector<bool> read(types, false);
  auto mark = [&](std::int32_t type) {
    if (type >= 0 && static_cast<std::size_t>(type) < types)
      read[static_cast<std::size_t>(type)] = true;
  };
  for (std::size_t a = 0; a < plan.aggregates.size(); ++a)
    if (reach.aggregates()[a]) {
      mark(plan.aggregates[a].eventType);
      mark(plan.aggregates[a].thenEventType);
    }
  for (std::size_t n = 0; n < plan.nodes.size(); ++n)
    if (reach.nodes()[n]) mark(plan.nodes[n].eventType);
  return read;
}

} // namespace seg::plan

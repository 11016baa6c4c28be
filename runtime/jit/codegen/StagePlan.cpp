// Reachability walks over the plan for one stage.
#include "codegen/StagePlan.h"

#include <set>

namespace seg::jit {

using plan::AggregateFn;
using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::Scope;

std::vector<bool> uniformNodes(const plan::Plan& plan) {
  // Operands precede their users in a compacted plan, so one pass in id order suffices;
  // an operand with a larger id (an uncompacted plan) just makes its user non-uniform.
  std::vector<bool> uniform(plan.nodes.size(), false);
  for (NodeId id = 0; id < plan.nodes.size(); ++id) {
    const Node& n = plan.nodes[id];
    switch (n.op) {
    case Op::Const:
    case Op::NullConst:
    case Op::Now:
      uniform[id] = n.type != plan::ValueType::String;
      continue;
    case Op::ContactField:
    case Op::EventField:
    case Op::Slot:
    case Op::Aggregate:
    case Op::Rank:
    case Op::LutInput:
    case Op::StringLut:
      continue;
    default:
      break;
    }
    bool all = !n.operands.empty() && n.scope == Scope::Contact;
    for (NodeId o : n.operands)
      all = all && o < id && uniform[o];
    uniform[id] = all;
  }
  return uniform;
}

namespace {

class StageWalker {
public:
  StageWalker(const plan::Plan& plan, std::int32_t stage, const std::vector<bool>& uniform)
      : plan_(plan), uniform_(uniform) {
    out_.stage = stage;
  }

  StagePlan run() {
    out_.slots = plan::slotsOf(plan_, out_.stage);
    for (std::int32_t s : out_.slots)
      contact(plan_.slots[s].expr);
    for (std::int32_t a : aggregates_) {
      const plan::Aggregate& agg = plan_.aggregates[a];
      if (agg.fn == AggregateFn::Sequence)
        out_.sequences.push_back(a);
      else
        out_.aggregates[agg.eventType].push_back(a);
      event(agg.filter);
      event(agg.thenFilter);
    }
    out_.frontier.assign(frontier_.begin(), frontier_.end());
    for (NodeId id : out_.frontier)
      contact(id);
    out_.inputs.assign(inputs_.begin(), inputs_.end());
    return std::move(out_);
  }

private:
  // Contact-scope reachability: leaves become inputs, aggregates are collected.
  void contact(NodeId root) {
    std::vector<NodeId> work{root};
    while (!work.empty()) {
      NodeId id = work.back();
      work.pop_back();
      if (id == plan::kNoNode || !contactSeen_.insert(id).second) continue;
      const Node& n = plan_.nodes[id];
      switch (n.op) {
      case Op::ContactField:
        inputs_.insert({Op::ContactField, n.index, n.type, n.nullable});
        continue;
      case Op::Slot:
        // Slots of this stage are computed in the same chunk; earlier ones are loaded.
        if (plan_.slots[n.index].stage != out_.stage)
          inputs_.insert({Op::Slot, n.index, plan_.slots[n.index].type, true});
        continue;
      case Op::Rank:
        inputs_.insert({Op::Rank, n.index, plan::ValueType::Int, true});
        continue;
      case Op::Aggregate:
        aggregates_.insert(n.index);
        continue;
      case Op::StringLut:
        if (!n.operands.empty()) work.push_back(n.operands[0]); // none: constants only
        continue;
      default:
        for (NodeId o : n.operands)
          work.push_back(o);
      }
    }
  }

  // Event-scope reachability inside a filter: contact-scope values that vary per contact
  // form the frontier, computed once per chunk of contacts.
  void event(NodeId root) {
    std::vector<NodeId> work{root};
    while (!work.empty()) {
      NodeId id = work.back();
      work.pop_back();
      if (id == plan::kNoNode || !eventSeen_.insert(id).second) continue;
      const Node& n = plan_.nodes[id];
      if (n.scope == Scope::Contact && !uniform_[id]) {
        frontier_.insert(id);
        continue;
      }
      if (n.op == Op::StringLut) {
        if (!n.operands.empty()) work.push_back(n.operands[0]);
        continue;
      }
      for (NodeId o : n.operands)
        work.push_back(o);
    }
  }

  const plan::Plan& plan_;
  const std::vector<bool>& uniform_;
  StagePlan out_;
  std::set<NodeId> contactSeen_, eventSeen_, frontier_;
  std::set<std::int32_t> aggregates_;
  std::set<StageInput> inputs_;
};

} // namespace

StagePlan planStage(const plan::Plan& plan, std::int32_t stage, const std::vector<bool>& uniform) {
  return StageWalker(plan, stage, uniform).run();
}

} // namespace seg::jit

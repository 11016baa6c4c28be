// The JIT's support check: walks everything the slots need (expressions, aggregates,
// their filters) and names the first construct code generation cannot handle.
#include "SupportedPlan.h"

#include "plan/FunctionRegistry.h"
#include "plan/PlanPrinter.h"

#include <fmt/format.h>
#include <vector>

namespace seg::jit {
namespace {

using plan::AggregateFn;
using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

class Checker {
public:
  explicit Checker(const plan::Plan& plan) : plan_(plan), seen_(plan.nodes.size(), 0) {}

  std::optional<std::string> run() {
    for (std::size_t s = 0; s < plan_.slots.size(); ++s) {
      const plan::Slot& slot = plan_.slots[s];
      if (slot.type == ValueType::String)
        return fmt::format("the string-valued {} '{}' is not supported by the JIT", kindName(slot),
                           slot.name);
      if (slot.stage < 0 || slot.stage >= plan_.stageCount)
        return fmt::format("slot '{}' has no valid stage (malformed plan)", slot.name);
      if (auto reason = walk(slot.expr, -1)) return reason;
    }
    return std::nullopt;
  }

private:
  static std::string_view kindName(const plan::Slot& slot) {
    switch (slot.kind) {
    case plan::SlotKind::Segment:
      return "segment";
    case plan::SlotKind::Score:
      return "score";
    case plan::SlotKind::Partition:
      return "partition";
    case plan::SlotKind::RankInput:
      return "ntile input";
    case plan::SlotKind::MetricInput:
      return "metric input";
    case plan::SlotKind::ClusterInput:
      return "cluster feature";
    }
    return "slot";
  }

  // `eventType` ≥ 0 while inside the filter of an aggregate over that event type.
  std::optional<std::string> walk(NodeId root, std::int32_t eventType) {
    std::vector<NodeId> work{root};
    while (!work.empty()) {
      NodeId id = work.back();
      work.pop_back();
      if (id >= plan_.nodes.size())
        return fmt::format("node %{} does not exist (malformed plan)", id);
      // A node is checked once per context (contact, or inside some filter).
      std::uint8_t bit = eventType < 0 ? 1 : 2;
      if (seen_[id] & bit) continue;
      seen_[id] |= bit;
      const Node& n = plan_.nodes[id];
      if (auto reason = check(id, n, eventType)) return reason;
      if (n.op == Op::StringLut) {
        // The body is a table; the operand a leaf, which for a string-valued aggregate
        // has a filter to check too.
        const NodeId leaf = n.operands.empty() ? plan::kNoNode : n.operands[0];
        if (leaf != plan::kNoNode && plan_.nodes[leaf].op == Op::Aggregate)
          if (auto reason = checkAggregateNode(leaf, plan_.nodes[leaf], eventType)) return reason;
        continue;
      }
      if (n.op == Op::Aggregate) {
        if (auto reason = walkFilters(plan_.aggregates[n.index])) return reason;
        continue;
      }
      for (NodeId o : n.operands)
        work.push_back(o);
    }
    return std::nullopt;
  }

  std::optional<std::string> walkFilters(const plan::Aggregate& a) {
    if (a.filter != plan::kNoNode)
      if (auto reason = walk(a.filter, a.eventType)) return reason;
    if (a.thenFilter != plan::kNoNode)
      if (auto reason = walk(a.thenFilter, a.thenEventType)) return reason;
    return std::nullopt;
  }

  // An Aggregate node, wherever it stands (its own filters included).
  std::optional<std::string> checkAggregateNode(NodeId id, const Node& n, std::int32_t eventType) {
    if (eventType >= 0)
      return fmt::format("an aggregate inside an aggregate's filter is not supported by the JIT "
                         "(plan node %{})",
                         id);
    if (n.index < 0 || static_cast<std::size_t>(n.index) >= plan_.aggregates.size())
      return fmt::format("aggregate {} does not exist (malformed plan)", n.index);
    if (auto reason = checkAggregate(plan_.aggregates[n.index], id)) return reason;
    return walkFilters(plan_.aggregates[n.index]);
  }

  std::optional<std::string> check(NodeId id, const Node& n, std::int32_t eventType) {
    auto unsupported = [&](std::string_view what) {
      return fmt::format("{} is not supported by the JIT (plan node %{})", what, id);
    };
    if (plan::isStringFunction(n.op))
      return unsupported(fmt::format("the string function '{}' over two string values that are "
                                     "not constants (two fields, or a field and an aggregate)",
                                     plan::opName(n.op)));
    if (n.type == ValueType::String)
      return unsupported("a string value that depends on more than one string field or "
                         "aggregate");
    switch (n.op) {
    case Op::LutInput:
      return fmt::format("a lookup input outside a string lookup (malformed plan, node %{})", id);
    case Op::StringRank:
      return unsupported("a string rank outside a single-column lookup");
    case Op::EventField:
      if (eventType < 0)
        return fmt::format("an event property outside an aggregate (malformed plan, node %{})", id);
      break;
    case Op::Slot:
      if (n.index < 0 || static_cast<std::size_t>(n.index) >= plan_.slots.size())
        return fmt::format("slot {} does not exist (malformed plan)", n.index);
      break;
    case Op::Rank:
      if (n.index < 0 || static_cast<std::size_t>(n.index) >= plan_.ranks.size())
        return fmt::format("rank {} does not exist (malformed plan)", n.index);
      break;
    case Op::Aggregate:
      if (eventType >= 0) return unsupported("an aggregate inside an aggregate's filter");
      if (n.index < 0 || static_cast<std::size_t>(n.index) >= plan_.aggregates.size())
        return fmt::format("aggregate {} does not exist (malformed plan)", n.index);
      return checkAggregate(plan_.aggregates[n.index], id);
    case Op::Call:
      if (plan::functionInfo(n.function).op != Op::Call)
        return fmt::format("a call of {}(), which is no Call node (malformed plan, node %{})",
                           functionName(n.function), id);
      // The registry says which calls the JIT implements (codegen/CallCodegen.cpp).
      if (!plan::functionInfo(n.function).implementedBy(plan::Engine::Jit, n.operands.size()))
        return unsupported(fmt::format("the function '{}'", functionName(n.function)));
      if (n.operands.empty() || n.operands.size() > 2)
        return fmt::format("{}() with {} operands (malformed plan)", functionName(n.function),
                           n.operands.size());
      if (n.operands.size() == 2 && plan_.nodes[n.operands[1]].op != Op::Const)
        return unsupported("round(x, digits) with digits that are not a constant");
      break;
    case Op::StringLut: {
      if (n.operands.size() > 1 || n.body >= plan_.nodes.size() ||
          (n.operands.size() == 1 && n.operands[0] >= plan_.nodes.size()))
        return fmt::format("a string lookup without a valid input or body (malformed plan, node "
                           "%{})",
                           id);
      if (n.operands.empty()) break; // constants only: one entry
      const Node& leaf = plan_.nodes[n.operands[0]];
      if (leaf.type != ValueType::String ||
          (leaf.op != Op::ContactField && leaf.op != Op::EventField && leaf.op != Op::Aggregate))
        return unsupported("a string lookup over something other than a string field or "
                           "aggregate");
      if (leaf.op == Op::EventField && eventType < 0)
        return fmt::format("an event property outside an aggregate (malformed plan, node %{})", id);
      break;
    }
    default: // InList, Coalesce, Partition and the rest: supported as they are
      break;
    }
    return std::nullopt;
  }

  std::optional<std::string> checkAggregate(const plan::Aggregate& a, NodeId id) {
    auto eventTypeOk = [&](std::int32_t t) { return t >= 0; };
    if (!eventTypeOk(a.eventType) ||
        (a.fn == AggregateFn::Sequence && !eventTypeOk(a.thenEventType)))
      return fmt::format("aggregate of node %{} has no event type (malformed plan)", id);
    if (a.type == ValueType::String && a.fn != AggregateFn::First && a.fn != AggregateFn::Last &&
        a.fn != AggregateFn::Min && a.fn != AggregateFn::Max)
      return fmt::format("the string-valued aggregate {}(…) is not supported by the JIT (plan "
                         "node %{})",
                         plan::aggregateFnName(a.fn), id);
    switch (a.fn) {
    case AggregateFn::Sum:
    case AggregateFn::Avg:
    case AggregateFn::Min:
    case AggregateFn::Max:
    case AggregateFn::First:
    case AggregateFn::Last:
    case AggregateFn::Distinct:
      if (a.property < 0)
        return fmt::format("{}(…) without a property (malformed plan, node %{})",
                           plan::aggregateFnName(a.fn), id);
      break;
    default:
      break;
    }
    return std::nullopt;
  }

  const plan::Plan& plan_;
  std::vector<std::uint8_t> seen_;
};

bool isLutInput(const plan::Plan& plan, NodeId id) {
  return plan.nodes[id].op == Op::LutInput;
}
bool isStringConst(const plan::Plan& plan, NodeId id) {
  const Node& n = plan.nodes[id];
  return n.op == Op::Const && n.type == ValueType::String;
}

} // namespace

std::optional<std::string> unsupportedReason(const plan::Plan& plan) {
  try {
    return Checker(plan).run();
  } catch (const std::exception& e) {
    return fmt::format("the plan could not be checked: {}", e.what());
  }
}

bool isCodeComparison(const plan::Plan& plan, NodeId body) {
  if (body >= plan.nodes.size() || plan.nodes[body].type != ValueType::Bool) return false;
  std::vector<NodeId> work{body};
  while (!work.empty()) {
    NodeId id = work.back();
    work.pop_back();
    if (id >= plan.nodes.size()) return false;
    const Node& n = plan.nodes[id];
    bool stringOperands = false;
    for (NodeId o : n.operands)
      stringOperands =
          stringOperands || (o < plan.nodes.size() && plan.nodes[o].type == ValueType::String);
    switch (n.op) {
    case Op::Const:
    case Op::NullConst:
      if (n.type == ValueType::String) return false; // only as a comparison's operand
      continue;
    case Op::Not:
    case Op::And:
    case Op::Or:
      break;
    case Op::IsNull:
    case Op::IsNotNull:
      if (stringOperands) {
        if (!isLutInput(plan, n.operands[0])) return false;
        continue;
      }
      break;
    case Op::Eq:
    case Op::Ne:
      if (stringOperands) {
        // Codes are equal exactly when texts are: one side the input, the other a constant.
        NodeId a = n.operands[0], b = n.operands[1];
        if (!((isLutInput(plan, a) && isStringConst(plan, b)) ||
              (isStringConst(plan, a) && isLutInput(plan, b))))
          return false;
        continue;
      }
      break;
    case Op::InList:
      if (stringOperands) {
        if (!isLutInput(plan, n.operands[0])) return false;
        for (std::size_t k = 1; k < n.operands.size(); ++k)
          if (!isStringConst(plan, n.operands[k])) return false;
        continue;
      }
      break;
    default:
      return false;
    }
    if (stringOperands) return false;
    for (NodeId o : n.operands)
      work.push_back(o);
  }
  return true;
}

} // namespace seg::jit

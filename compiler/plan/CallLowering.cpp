// Lowering of builtin calls, read from the function registry: what a call becomes (an
// aggregate, a node of an op, a rank, a metric's aggregate) is its entry's, and how each
// argument is lowered follows the argument's type in the entry's signature.
#include "plan/CallLowering.h"

#include <fmt/format.h>
#include <stdexcept>

namespace seg::plan {

NodeId aggregateNode(PlanBuilder& builder, const Aggregate& aggregate) {
  Node n;
  n.op = Op::Aggregate;
  n.index = builder.addAggregate(aggregate);
  n.type = aggregate.type;
  n.nullable = aggregate.nullable;
  return builder.add(std::move(n));
}

NodeId lowerEventAggregate(CallLowering& c, const CallExpr& call, const FunctionInfo& info,
                           ValueType type, bool nullable) {
  Aggregate a;
  a.eventType = call.eventIndex;
  a.property = call.propertyIndex;
  a.type = type;
  a.nullable = nullable;
  const CallArg& arg = call.args[0];
  if (arg.where) a.filter = c.lower(*arg.where, call.eventIndex);
  if (call.thenEventIndex >= 0) { // `A then B within gap`: the checker allows it in sequences
    a.fn = AggregateFn::Sequence;
    a.thenEventType = call.thenEventIndex;
    if (arg.thenWhere) a.thenFilter = c.lower(*arg.thenWhere, call.thenEventIndex);
    a.gapMicros = call.withinMicros;
    return aggregateNode(c.builder, a);
  }
  a.fn = info.aggregate;
  a.windowMicros = call.withinMicros;
  return aggregateNode(c.builder, a);
}

NodeId lowerScalar(CallLowering& c, const CallExpr& call, const FunctionInfo& info,
                   std::int32_t eventType, ValueType type, bool nullable) {
  const Signature* form = info.signatureFor(call.args.size());
  if (form == nullptr)
    throw std::logic_error(
        fmt::format("{}() with {} arguments passed the checker", info.name, call.args.size()));
  std::vector<NodeId> args;
  for (const CallArg& arg : call.args)
    args.push_back(c.lower(*arg.value, eventType));
  // Arguments of a common type are converted to it: coalesce(1, 2.5) is a float.
  if (form->result == ResultType::Common && type == ValueType::Float)
    for (NodeId& a : args)
      a = c.builder.toFloat(a);
  Node n;
  n.op = info.op;
  n.type = type;
  n.nullable = nullable;
  if (info.op == Op::Call) n.function = info.function;
  n.operands = std::move(args);
  n.scope = scopeOf(c.builder.plan(), n.operands);
  return c.builder.add(std::move(n));
}

NodeId lowerRank(CallLowering& c, const CallExpr& call, const FunctionInfo& info) {
  Plan& plan = c.builder.plan();
  const Signature& form = info.signatures.at(0);
  Rank rank;
  Slot input;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const Expr& arg = *call.args[i].value;
    if (form.arg(i) == ArgType::Buckets) {
      rank.buckets = arg.as<IntLiteral>().value;
      continue;
    }
    input.name = fmt::format("{}#{}", info.name, plan.ranks.size());
    input.kind = SlotKind::RankInput;
    input.expr = c.lower(arg, -1);
    input.type = plan.nodes[input.expr].type;
    input.nullable = plan.nodes[input.expr].nullable;
  }
  rank.inputSlot = c.addSlot(std::move(input));
  plan.ranks.push_back(rank);
  Node n;
  n.op = Op::Rank;
  n.index = static_cast<std::int32_t>(plan.ranks.size() - 1);
  n.type = ValueType::Int;
  n.nullable = plan.slots[rank.inputSlot].nullable;
  return c.builder.add(std::move(n));
}

PopulationAggregate
lowerPopulationAggregate(const CallExpr& call, const FunctionInfo& info, ValueType type,
                         bool nullable, const std::function<std::int32_t(const Expr&)>& input) {
  PopulationAggregate a;
  a.function = info.function;
  a.type = type;
  a.nullable = nullable;
  const Signature* form = info.signatureFor(call.args.size());
  if (form == nullptr)
    throw std::logic_error(
        fmt::format("{}() with {} arguments passed the checker", info.name, call.args.size()));
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const Expr& arg = *call.args[i].value;
    if (form->arg(i) == ArgType::Fraction) {
      a.quantile = arg.kind == ExprKind::FloatLiteral
                       ? arg.as<FloatLiteral>().value
                       : static_cast<double>(arg.as<IntLiteral>().value);
      continue;
    }
    // The aggregated value, then (ratio) the second one.
    (i == 0 ? a.inputSlot : a.secondSlot) = input(arg);
  }
  return a;
}

} // namespace seg::plan

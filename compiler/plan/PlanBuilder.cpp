#include "plan/PlanBuilder.h"

#include <cstring>
#include <fmt/format.h>

namespace seg::plan {

std::string PlanBuilder::keyOf(const Node& n) {
  std::uint64_t realBits = 0;
  std::memcpy(&realBits, &n.constant.real, sizeof realBits);
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", static_cast<int>(n.op),
                                static_cast<int>(n.type), n.nullable, static_cast<int>(n.scope),
                                n.index, n.eventType, n.constant.integer, realBits,
                                static_cast<int>(n.function), n.body, n.elseIndex);
  key += std::to_string(n.constant.text.size()) + ":" + n.constant.text + "|";
  for (NodeId operand : n.operands)
    key += std::to_string(operand) + ",";
  return key;
}

std::string PlanBuilder::keyOf(const Aggregate& a) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(a.fn), a.eventType,
                     a.property, a.filter, a.windowMicros.value_or(-1),
                     a.halfLifeMicros.value_or(-1), a.thenEventType, a.thenFilter,
                     a.gapMicros.value_or(-1), static_cast<int>(a.type), a.nullable);
}

NodeId PlanBuilder::add(Node node) {
  std::string key = keyOf(node);
  if (auto it = nodes_.find(key); it != nodes_.end()) return it->second;
  auto id = static_cast<NodeId>(plan_.nodes.size());
  plan_.nodes.push_back(std::move(node));
  nodes_.emplace(std::move(key), id);
  return id;
}

std::int32_t PlanBuilder::addAggregate(const Aggregate& aggregate) {
  std::string key = keyOf(aggregate);
  if (auto it = aggregates_.find(key); it != aggregates_.end()) return it->second;
  auto id = static_cast<std::int32_t>(plan_.aggregates.size());
  plan_.aggregates.push_back(aggregate);
  aggregates_.emplace(std::move(key), id);
  return id;
}

NodeId PlanBuilder::constant(ValueType type, std::int64_t integer) {
  Node n;
  n.op = Op::Const;
  n.type = type;
  n.constant.integer = integer;
  return add(std::move(n));
}

NodeId PlanBuilder::constantFloat(double value) {
  Node n;
  n.op = Op::Const;
  n.type = ValueType::Float;
  n.constant.real = value;
  return add(std::move(n));
}

NodeId PlanBuilder::constantText(std::string text) {
  Node n;
  n.op = Op::Const;
  n.type = ValueType::String;
  n.constant.text = std::move(text);
  return add(std::move(n));
}

Scope scopeOf(const Plan& plan, const std::vector<NodeId>& operands) {
  Scope scope = Scope::Contact;
  for (NodeId o : operands) {
    if (plan.nodes[o].scope == Scope::Lut) return Scope::Lut;
    if (plan.nodes[o].scope == Scope::Event) scope = Scope::Event;
  }
  return scope;
}

NodeId PlanBuilder::unary(Op op, ValueType type, bool nullable, NodeId operand) {
  Node n;
  n.op = op;
  n.type = type;
  n.nullable = nullable;
  n.operands = {operand};
  n.scope = scopeOf(plan_, n.operands);
  return add(std::move(n));
}

NodeId PlanBuilder::binary(Op op, ValueType type, bool nullable, NodeId lhs, NodeId rhs) {
  Node n;
  n.op = op;
  n.type = type;
  n.nullable = nullable;
  n.operands = {lhs, rhs};
  n.scope = scopeOf(plan_, n.operands);
  return add(std::move(n));
}

NodeId PlanBuilder::toFloat(NodeId operand) {
  const Node& n = plan_.nodes[operand];
  if (n.type == ValueType::Float) return operand;
  if (n.op == Op::Const) return constantFloat(static_cast<double>(n.constant.integer));
  return unary(Op::ToFloat, ValueType::Float, n.nullable, operand);
}

} // namespace seg::plan

// Adds nodes and aggregates to a plan, sharing identical ones: a subexpression used by
// several segments (or twice in one) becomes one node, computed once per contact.
#pragma once

#include "plan/Plan.h"

#include <map>
#include <string>

namespace seg::plan {

class PlanBuilder {
public:
  explicit PlanBuilder(Plan& plan) : plan_(plan) {}

  NodeId add(Node node);
  std::int32_t addAggregate(const Aggregate& aggregate);

  // Shorthands.
  NodeId constant(ValueType type, std::int64_t integer);
  NodeId constantFloat(double value);
  NodeId constantText(std::string text);
  NodeId unary(Op op, ValueType type, bool nullable, NodeId operand);
  NodeId binary(Op op, ValueType type, bool nullable, NodeId lhs, NodeId rhs);
  NodeId toFloat(NodeId operand); // no-op for floats

  const Node& node(NodeId id) const { return plan_.nodes[id]; }
  Plan& plan() { return plan_; }

private:
  static std::string keyOf(const Node& node);
  static std::string keyOf(const Aggregate& aggregate);

  Plan& plan_;
  std::map<std::string, NodeId> nodes_;
  std::map<std::string, std::int32_t> aggregates_;
};

// A node's scope from its operands: Event if any operand is Event-scoped.
Scope scopeOf(const Plan& plan, const std::vector<NodeId>& operands);

} // namespace seg::plan

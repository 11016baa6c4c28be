// Calls of builtins lowered as their registry entries say, one function per kind: event
// aggregates to Aggregate nodes, scalars to nodes of the entry's op, ranks to a RankInput
// slot and a Rank node, a metric's population aggregates to PopulationAggregates.
#pragma once

#include "ast/Expr.h"
#include "plan/FunctionRegistry.h"
#include "plan/PlanBuilder.h"

#include <functional>

namespace seg::plan {

// What lowering a call needs of the lowering around it.
struct CallLowering {
  PlanBuilder& builder;
  // Lowers an argument; `eventType` ≥ 0 inside a `where` over that event type.
  std::function<NodeId(const Expr&, std::int32_t eventType)> lower;
  std::function<std::int32_t(Slot)> addSlot;
};

// An Aggregate node for `aggregate`, shared with an identical one.
NodeId aggregateNode(PlanBuilder& builder, const Aggregate& aggregate);

NodeId lowerEventAggregate(CallLowering& c, const CallExpr& call, const FunctionInfo& info,
                           ValueType type, bool nullable);
NodeId lowerScalar(CallLowering& c, const CallExpr& call, const FunctionInfo& info,
                   std::int32_t eventType, ValueType type, bool nullable);
NodeId lowerRank(CallLowering& c, const CallExpr& call, const FunctionInfo& info);
// `input` makes an argument a MetricInput slot and returns its index.
PopulationAggregate lowerPopulationAggregate(const CallExpr& call, const FunctionInfo& info,
                                             ValueType type, bool nullable,
                                             const std::function<std::int32_t(const Expr&)>& input);

} // namespace seg::plan

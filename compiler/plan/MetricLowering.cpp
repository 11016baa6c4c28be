// Metric values: constants, arithmetic (floats where the checker said so, division always)
// and population aggregates.
#include "plan/MetricLowering.h"

#include "plan/CallLowering.h"
#include "plan/Lowering.h"

namespace seg::plan {

std::uint32_t lowerMetricValue(const Expr& e, Metric& metric,
                               const std::function<std::int32_t(const Expr&)>& input) {
  MetricNode node;
  node.type = valueTypeOf(e.type);
  node.nullable = e.type.nullable;
  auto push = [&](MetricNode n) {
    metric.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(metric.nodes.size() - 1);
  };
  auto asFloat = [&](std::uint32_t id) {
    if (metric.nodes[id].type == ValueType::Float) return id;
    MetricNode cast;
    cast.op = MetricOp::ToFloat;
    cast.type = ValueType::Float;
    cast.nullable = metric.nodes[id].nullable;
    cast.operands = {id};
    return push(std::move(cast));
  };
  switch (e.kind) {
  case ExprKind::IntLiteral:
    node.op = MetricOp::Const;
    node.constant.integer = e.as<IntLiteral>().value;
    return push(std::move(node));
  case ExprKind::FloatLiteral:
    node.op = MetricOp::Const;
    node.constant.real = e.as<FloatLiteral>().value;
    return push(std::move(node));
  case ExprKind::Unary:
    node.op = MetricOp::Neg;
    node.operands = {lowerMetricValue(*e.as<UnaryExpr>().operand, metric, input)};
    return push(std::move(node));
  case ExprKind::Binary: {
    const auto& binary = e.as<BinaryExpr>();
    std::uint32_t l = lowerMetricValue(*binary.lhs, metric, input);
    std::uint32_t r = lowerMetricValue(*binary.rhs, metric, input);
    switch (binary.op) {
    case BinaryOp::Add:
      node.op = MetricOp::Add;
      break;
    case BinaryOp::Sub:
      node.op = MetricOp::Sub;
      break;
    case BinaryOp::Mul:
      node.op = MetricOp::Mul;
      break;
    case BinaryOp::Div:
      node.op = MetricOp::Div;
      break;
    default:
      node.op = MetricOp::Mod;
      break;
    }
    if (node.type == ValueType::Float || node.op == MetricOp::Div) {
      l = asFloat(l);
      r = asFloat(r);
    }
    node.operands = {l, r};
    return push(std::move(node));
  }
  case ExprKind::Call: {
    const auto& call = e.as<CallExpr>();
    metric.aggregates.push_back(lowerPopulationAggregate(call, functionInfo(*call.function),
                                                         node.type, node.nullable, input));
    node.op = MetricOp::Aggregate;
    node.aggregate = static_cast<std::int32_t>(metric.aggregates.size() - 1);
    return push(std::move(node));
  }
  default:
    node.op = MetricOp::Const;
    return push(std::move(node));
  }
}

} // namespace seg::plan

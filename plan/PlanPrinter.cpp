// The plan as canonical text: one line per node, aggregate, rank, slot and metric.
#include "plan/PlanPrinter.h"

#include <fmt/format.h>

namespace seg::plan {

std::string_view valueTypeName(ValueType type) {
  switch (type) {
  case ValueType::Bool:
    return "bool";
  case ValueType::Int:
    return "int";
  case ValueType::Float:
    return "float";
  case ValueType::Timestamp:
    return "timestamp";
  case ValueType::Duration:
    return "duration";
  case ValueType::Enum:
    return "enum";
  case ValueType::String:
    return "string";
  }
  return "?";
}

std::string_view opName(Op op) {
  switch (op) {
  case Op::Const:
    return "const";
  case Op::NullConst:
    return "null";
  case Op::Now:
    return "now";
  case Op::ContactField:
    return "field";
  case Op::EventField:
    return "event_field";
  case Op::Slot:
    return "slot";
  case Op::Aggregate:
    return "aggregate";
  case Op::Rank:
    return "rank";
  case Op::LutInput:
    return "lut_input";
  case Op::Not:
    return "not";
  case Op::And:
    return "and";
  case Op::Or:
    return "or";
  case Op::Neg:
    return "neg";
  case Op::Add:
    return "add";
  case Op::Sub:
    return "sub";
  case Op::Mul:
    return "mul";
  case Op::Div:
    return "div";
  case Op::Mod:
    return "mod";
  case Op::ToFloat:
    return "to_float";
  case Op::Eq:
    return "eq";
  case Op::Ne:
    return "ne";
  case Op::Lt:
    return "lt";
  case Op::Le:
    return "le";
  case Op::Gt:
    return "gt";
  case Op::Ge:
    return "ge";
  case Op::IsNull:
    return "is_null";
  case Op::IsNotNull:
    return "is_not_null";
  case Op::InList:
    return "in";
  case Op::Min2:
    return "min2";
  case Op::Max2:
    return "max2";
  case Op::Coalesce:
    return "coalesce";
  case Op::Call:
    return "call";
  case Op::StringLut:
    return "string_lut";
  case Op::Partition:
    return "partition";
  case Op::PointsIf:
    return "points_if";
  case Op::StrLower:
    return "lower";
  case Op::StrUpper:
    return "upper";
  case Op::StrLength:
    return "length";
  case Op::StrContains:
    return "contains";
  case Op::StrStartsWith:
    return "starts_with";
  case Op::StrEndsWith:
    return "ends_with";
  case Op::StringRank:
    return "string_rank";
  }
  return "?";
}

std::string_view aggregateFnName(AggregateFn fn) {
  switch (fn) {
  case AggregateFn::Count:
    return "count";
  case AggregateFn::Exists:
    return "exists";
  case AggregateFn::Sum:
    return "sum";
  case AggregateFn::Avg:
    return "avg";
  case AggregateFn::Min:
    return "min";
  case AggregateFn::Max:
    return "max";
  case AggregateFn::First:
    return "first";
  case AggregateFn::Last:
    return "last";
  case AggregateFn::Distinct:
    return "distinct";
  case AggregateFn::Days:
    return "days";
  case AggregateFn::Decayed:
    return "decayed";
  case AggregateFn::Sequence:
    return "sequence";
  }
  return "?";
}

namespace {

std::string typeText(ValueType type, bool nullable) {
  return std::string(valueTypeName(type)) + (nullable ? "?" : "");
}

std::string eventName(const StoreSchema* schema, std::int32_t e) {
  if (schema != nullptr && e >= 0 && e < static_cast<std::int32_t>(schema->events.size()))
    return schema->events[e].name;
  return fmt::format("event{}", e);
}

std::string propertyName(const StoreSchema* schema, std::int32_t e, std::int32_t p) {
  if (schema != nullptr && e >= 0 && e < static_cast<std::int32_t>(schema->events.size()) &&
      p >= 0 && p < static_cast<std::int32_t>(schema->events[e].properties.size()))
    return schema->events[e].name + "." + schema->events[e].properties[p].name;
  return fmt::format("event{}.{}", e, p);
}

std::string constantText(const Node& n) {
  switch (n.type) {
  case ValueType::Float:
    return fmt::format("{}", n.constant.real);
  case ValueType::String:
    return fmt::format("\"{}\"", n.constant.text);
  case ValueType::Bool:
    return n.constant.integer ? "true" : "false";
  default:
    return std::to_string(n.constant.integer);
  }
}

} // namespace

std::string printPlan(const Plan& plan, const StoreSchema* schema) {
  std::string out =
      fmt::format("plan: {} stage{}\n", plan.stageCount, plan.stageCount == 1 ? "" : "s");
  out += "nodes:\n";
  for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
    const Node& n = plan.nodes[i];
    std::string line = fmt::format("  %{} = {}", i, opName(n.op));
    switch (n.op) {
    case Op::Const:
      line += " " + constantText(n);
      break;
    case Op::ContactField:
      line += " " + (schema != nullptr && n.index < static_cast<int>(schema->contactFields.size())
                         ? schema->contactFields[n.index].name
                         : fmt::format("#{}", n.index));
      break;
    case Op::EventField:
      line += " " + propertyName(schema, n.eventType, n.index);
      break;
    case Op::Slot:
      line += fmt::format(" ${}", n.index);
      break;
    case Op::Aggregate:
      line += fmt::format(" @{}", n.index);
      break;
    case Op::Rank:
      line += fmt::format(" #{}", n.index);
      break;
    case Op::Call:
      line += fmt::format(" {}", functionName(n.function));
      break;
    case Op::PointsIf:
      line += fmt::format(" {}", n.constant.real);
      break;
    case Op::Partition:
      line += fmt::format(" else={}", n.elseIndex);
      break;
    default:
      break;
    }
    for (NodeId o : n.operands)
      line += fmt::format(" %{}", o);
    if (n.body != kNoNode) line += fmt::format(" body=%{}", n.body);
    line += " : " + typeText(n.type, n.nullable);
    if (n.scope == Scope::Event) line += " [event]";
    if (n.scope == Scope::Lut) line += " [lut]";
    out += line + "\n";
  }
  if (!plan.aggregates.empty()) out += "aggregates:\n";
  for (std::size_t i = 0; i < plan.aggregates.size(); ++i) {
    const Aggregate& a = plan.aggregates[i];
    std::string line = fmt::format("  @{} = {}({}", i, aggregateFnName(a.fn),
                                   a.property >= 0 ? propertyName(schema, a.eventType, a.property)
                                                   : eventName(schema, a.eventType));
    if (a.filter != kNoNode) line += fmt::format(" where %{}", a.filter);
    if (a.fn == AggregateFn::Sequence) {
      line += " then " + eventName(schema, a.thenEventType);
      if (a.thenFilter != kNoNode) line += fmt::format(" where %{}", a.thenFilter);
      if (a.gapMicros) line += fmt::format(" within {}us", *a.gapMicros);
    }
    if (a.windowMicros) line += fmt::format(" within {}us", *a.windowMicros);
    if (a.halfLifeMicros) line += fmt::format(" half_life {}us", *a.halfLifeMicros);
    line += ") : " + typeText(a.type, a.nullable);
    out += line + "\n";
  }
  if (!plan.ranks.empty()) out += "ranks:\n";
  for (std::size_t i = 0; i < plan.ranks.size(); ++i) {
    const Rank& r = plan.ranks[i];
    if (r.cluster) {
      std::string features;
      for (std::size_t f = 0; f < r.cluster->featureSlots.size(); ++f)
        features += fmt::format(", {}=${}", r.cluster->featureNames[f], r.cluster->featureSlots[f]);
      out += fmt::format("  #{} = kmeans {}(k {}, seed {}{}) stage {}\n", i, r.cluster->name,
                         r.buckets, r.cluster->seed, features, r.stage);
      continue;
    }
    out += fmt::format("  #{} = ntile({}, ${}) stage {}\n", i, r.buckets, r.inputSlot, r.stage);
  }
  out += "slots:\n";
  static constexpr const char* kKinds[] = {"segment",    "score",        "partition",
                                           "rank_input", "metric_input", "cluster_input"};
  for (std::size_t i = 0; i < plan.slots.size(); ++i) {
    const Slot& s = plan.slots[i];
    out += fmt::format("  ${} {} {} = %{} : {} (stage {})\n", i, kKinds[static_cast<int>(s.kind)],
                       s.name, s.expr, typeText(s.type, s.nullable), s.stage);
  }
  if (!plan.metrics.empty()) out += "metrics:\n";
  for (const Metric& m : plan.metrics) {
    std::string line = fmt::format("  {}:", m.name);
    for (std::size_t i = 0; i < m.aggregates.size(); ++i) {
      const PopulationAggregate& a = m.aggregates[i];
      line += fmt::format(" [{}] {}(", i, functionName(a.function));
      if (a.inputSlot >= 0) line += fmt::format("${}", a.inputSlot);
      if (a.secondSlot >= 0) line += fmt::format(", ${}", a.secondSlot);
      if (a.function == Function::Quantile) line += fmt::format(", {}", a.quantile);
      line += ")";
    }
    static constexpr const char* kOps[] = {"const", "agg", "neg", "add",     "sub",
                                           "mul",   "div", "mod", "to_float"};
    line += " =";
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
      const MetricNode& n = m.nodes[i];
      line += fmt::format(" n{}:{}", i, kOps[static_cast<int>(n.op)]);
      if (n.op == MetricOp::Const)
        line += n.type == ValueType::Float ? fmt::format("({})", n.constant.real)
                                           : fmt::format("({})", n.constant.integer);
      if (n.op == MetricOp::Aggregate) line += fmt::format("[{}]", n.aggregate);
      for (std::uint32_t o : n.operands)
        line += fmt::format(",n{}", o);
    }
    line += fmt::format(" root=n{}", m.root);
    if (m.forSlot >= 0) line += fmt::format(" for ${}", m.forSlot);
    for (const GroupKey& g : m.groupBy)
      line += fmt::format(" by {}", g.name);
    out += line + "\n";
  }
  return out;
}

} // namespace seg::plan

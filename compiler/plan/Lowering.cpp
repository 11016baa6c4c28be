// The lowering of a checked program into the plan: definitions, expressions and metrics
// (calls in CallLowering.cpp, metric values in MetricLowering.cpp, then the stages,
// StageAssignment.cpp).
#include "plan/Lowering.h"

#include "plan/CallLowering.h"
#include "plan/MetricLowering.h"
#include "plan/PlanBuilder.h"
#include "plan/PlanCompaction.h"
#include "plan/StageAssignment.h"
#include "plan/StringLuts.h"

#include <fmt/format.h>
#include <map>
#include <stdexcept>

namespace seg::plan {

ValueType valueTypeOf(const Type& type) {
  switch (type.kind) {
  case TypeKind::Int:
    return ValueType::Int;
  case TypeKind::Float:
    return ValueType::Float;
  case TypeKind::Bool:
    return ValueType::Bool;
  case TypeKind::String:
    return ValueType::String;
  case TypeKind::Timestamp:
    return ValueType::Timestamp;
  case TypeKind::Duration:
    return ValueType::Duration;
  case TypeKind::Enum:
    return ValueType::Enum;
  case TypeKind::Error:
    break;
  }
  return ValueType::Int;
}

namespace {

class Lowering {
public:
  Lowering(const CheckedProgram& program, const LoweringOptions& options, Plan& plan)
      : program_(program), options_(options), plan_(plan),
        b_(plan), calls_{
                      b_,
                      [this](const Expr& e, std::int32_t eventType) { return lower(e, eventType); },
                      [this](Slot slot) { return addSlot(std::move(slot)); }} {}

  void run() {
    for (const Decl* decl : program_.evaluationOrder)
      lowerDefinition(*decl);
    for (const MetricDecl* metric : program_.metrics)
      lowerMetric(*metric);
    if (options_.stringLookups) wrapStrings();
    assignStages(plan_);
  }

private:
  void wrapStrings() {
    for (Slot& slot : plan_.slots)
      slot.expr = wrapStringExpressions(b_, slot.expr);
    for (Aggregate& a : plan_.aggregates) {
      if (a.filter != kNoNode) a.filter = wrapStringExpressions(b_, a.filter);
      if (a.thenFilter != kNoNode) a.thenFilter = wrapStringExpressions(b_, a.thenFilter);
    }
  }

  // ------------------------------------------------------------------ definitions

  std::int32_t addSlot(Slot slot) {
    plan_.slots.push_back(std::move(slot));
    return static_cast<std::int32_t>(plan_.slots.size() - 1);
  }

  void lowerDefinition(const Decl& decl) {
    Slot slot;
    slot.definition = true;
    switch (decl.kind) {
    case DeclKind::Segment: {
      const auto& segment = decl.as<SegmentDecl>();
      slot.name = segment.name.text;
      slot.kind = SlotKind::Segment;
      slot.expr = segment.condition ? membership(lower(*segment.condition, -1))
                                    : b_.constant(ValueType::Bool, 0);
      break;
    }
    case DeclKind::Partition: {
      const auto& partition = decl.as<PartitionDecl>();
      if (partition.cluster) {
        slot = lowerCluster(partition, *partition.cluster);
        break;
      }
      slot.name = partition.name.text;
      slot.kind = SlotKind::Partition;
      for (const PartitionBranch& branch : partition.branches)
        slot.branches.push_back(branch.name.text);
      Node n;
      n.op = Op::Partition;
      n.type = ValueType::Enum;
      for (std::size_t i = 0; i < partition.branches.size(); ++i) {
        const PartitionBranch& branch = partition.branches[i];
        if (branch.condition)
          n.operands.push_back(lower(*branch.condition, -1));
        else
          n.elseIndex = static_cast<std::int32_t>(i);
      }
      n.nullable = n.elseIndex < 0;
      n.scope = Scope::Contact;
      slot.expr = b_.add(std::move(n));
      break;
    }
    case DeclKind::Score: {
      const auto& score = decl.as<ScoreDecl>();
      slot.name = score.name.text;
      slot.kind = SlotKind::Score;
      slot.expr = lowerScore(score);
      break;
    }
    default:
      return;
    }
    const Node& root = plan_.nodes[slot.expr];
    slot.type = root.type;
    slot.nullable = root.nullable;
    slotOf_[&decl] = addSlot(std::move(slot));
  }

  // Each feature becomes a Float slot; the K-means result is a rank (the contact's cluster
  // index), and the partition's branch i is `rank == i`, so engines need nothing new.
  Slot lowerCluster(const PartitionDecl& partition, const ClusterSpec& spec) {
    Rank rank;
    rank.buckets = spec.k;
    Clustering clustering;
    clustering.name = partition.name.text;
    clustering.seed = spec.seed;
    for (const ClusterFeature& feature : spec.features) {
      Slot input;
      input.name = fmt::format("cluster:{}.{}", partition.name.text, feature.name.text);
      input.kind = SlotKind::ClusterInput;
      NodeId value = lower(*feature.value, -1);
      const Node& v = plan_.nodes[value];
      input.expr = v.type == ValueType::Float
                       ? value
                       : b_.unary(Op::ToFloat, ValueType::Float, v.nullable, value);
      input.type = ValueType::Float;
      input.nullable = plan_.nodes[input.expr].nullable;
      clustering.featureSlots.push_back(addSlot(std::move(input)));
      clustering.featureNames.push_back(feature.name.text);
    }
    rank.cluster = std::move(clustering);
    plan_.ranks.push_back(std::move(rank));
    Node r;
    r.op = Op::Rank;
    r.index = static_cast<std::int32_t>(plan_.ranks.size() - 1);
    r.type = ValueType::Int;
    r.nullable = true;
    const NodeId rankNode = b_.add(std::move(r));
    Slot slot;
    slot.definition = true;
    slot.name = partition.name.text;
    slot.kind = SlotKind::Partition;
    Node n;
    n.op = Op::Partition;
    n.type = ValueType::Enum;
    n.nullable = true;
    n.scope = Scope::Contact;
    for (std::size_t i = 0; i < partition.branches.size(); ++i) {
      slot.branches.push_back(partition.branches[i].name.text);
      n.operands.push_back(b_.binary(Op::Eq, ValueType::Bool, true, rankNode,
                                     b_.constant(ValueType::Int, static_cast<std::int64_t>(i))));
    }
    slot.expr = b_.add(std::move(n));
    return slot;
  }

  NodeId lowerScore(const ScoreDecl& score) {
    NodeId total = b_.constantFloat(0.0);
    bool first = true;
    std::optional<std::pair<double, double>> range;
    for (const ScoreItem& item : score.items) {
      NodeId term = kNoNode;
      if (item.kind == ScoreItemKind::PerEvent) {
        Aggregate a;
        a.fn = AggregateFn::Decayed;
        a.eventType = item.eventIndex;
        if (item.where) a.filter = lower(*item.where, item.eventIndex);
        a.windowMicros = item.withinMicros;
        a.halfLifeMicros = score.halfLifeMicros;
        a.type = ValueType::Float;
        NodeId count = aggregateNode(a);
        term =
            b_.binary(Op::Mul, ValueType::Float, false, b_.constantFloat(item.points.value), count);
        if (item.cap) {
          double cap = item.cap->value;
          term = item.points.value >= 0
                     ? b_.binary(Op::Min2, ValueType::Float, false, term, b_.constantFloat(cap))
                     : b_.binary(Op::Max2, ValueType::Float, false, term, b_.constantFloat(-cap));
        }
      } else if (item.kind == ScoreItemKind::IfCondition) {
        Node n;
        n.op = Op::PointsIf;
        n.type = ValueType::Float;
        n.constant.real = item.points.value;
        n.operands = {lower(*item.condition, -1)};
        n.scope = Scope::Contact;
        term = b_.add(std::move(n));
      } else if (item.kind == ScoreItemKind::Range) {
        range = std::pair{item.low.value, item.high.value};
      }
      if (term == kNoNode) continue;
      total = first ? term : b_.binary(Op::Add, ValueType::Float, false, total, term);
      first = false;
    }
    if (range) {
      total = b_.binary(Op::Min2, ValueType::Float, false, total, b_.constantFloat(range->second));
      total = b_.binary(Op::Max2, ValueType::Float, false, total, b_.constantFloat(range->first));
    }
    return total;
  }

  // ------------------------------------------------------------------ expressions

  // `eventType` ≥ 0 inside a `where` over that event type.
  NodeId lower(const Expr& e, std::int32_t eventType) {
    const ValueType type = valueTypeOf(e.type);
    const bool nullable = e.type.nullable;
    switch (e.kind) {
    case ExprKind::IntLiteral:
      return b_.constant(ValueType::Int, e.as<IntLiteral>().value);
    case ExprKind::FloatLiteral:
      return b_.constantFloat(e.as<FloatLiteral>().value);
    case ExprKind::StringLiteral:
      return b_.constantText(e.as<StringLiteral>().value);
    case ExprKind::BoolLiteral:
      return b_.constant(ValueType::Bool, e.as<BoolLiteral>().value);
    case ExprKind::DurationLiteral:
      return b_.constant(ValueType::Duration, e.as<DurationLiteral>().micros);
    case ExprKind::TimestampLiteral:
      return b_.constant(ValueType::Timestamp, e.as<TimestampLiteral>().micros);
    case ExprKind::Now: {
      Node n;
      n.op = Op::Now;
      n.type = ValueType::Timestamp;
      return b_.add(std::move(n));
    }
    case ExprKind::Name: {
      const auto& name = e.as<NameExpr>();
      return lowerReference(name.ref, name.decl, name.eventIndex, name.fieldIndex, name.enumValue,
                            e.type);
    }
    case ExprKind::Member: {
      const auto& member = e.as<MemberExpr>();
      return lowerReference(member.ref, member.decl, member.eventIndex, member.fieldIndex,
                            member.enumValue, e.type);
    }
    case ExprKind::Unary: {
      const auto& unary = e.as<UnaryExpr>();
      NodeId operand = lower(*unary.operand, eventType);
      const Node& o = plan_.nodes[operand];
      // `-1` is a constant: round(x, -1) and InList items need constants, not expressions.
      if (unary.op == UnaryOp::Negate && o.op == Op::Const && o.type != ValueType::Float)
        return b_.constant(
            o.type, static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(o.constant.integer)));
      if (unary.op == UnaryOp::Negate && o.op == Op::Const && o.type == ValueType::Float)
        return b_.constantFloat(-o.constant.real);
      return b_.unary(unary.op == UnaryOp::Not ? Op::Not : Op::Neg, type, nullable, operand);
    }
    case ExprKind::Binary:
      return lowerBinary(e.as<BinaryExpr>(), eventType);
    case ExprKind::Between: {
      const auto& between = e.as<BetweenExpr>();
      auto [v, lo] = promotePair(lower(*between.value, eventType), lower(*between.low, eventType));
      auto [v2, hi] = promotePair(v, lower(*between.high, eventType));
      auto [v3, lo2] = promotePair(v2, lo);
      bool n1 = plan_.nodes[v3].nullable || plan_.nodes[lo2].nullable;
      bool n2 = plan_.nodes[v3].nullable || plan_.nodes[hi].nullable;
      NodeId ge = b_.binary(Op::Ge, ValueType::Bool, n1, v3, lo2);
      NodeId le = b_.binary(Op::Le, ValueType::Bool, n2, v3, hi);
      NodeId both = b_.binary(Op::And, ValueType::Bool, nullable, ge, le);
      return between.negated ? b_.unary(Op::Not, ValueType::Bool, nullable, both) : both;
    }
    case ExprKind::In:
      return lowerIn(e.as<InExpr>(), eventType, nullable);
    case ExprKind::IsNull: {
      const auto& isNull = e.as<IsNullExpr>();
      return b_.unary(isNull.negated ? Op::IsNotNull : Op::IsNull, ValueType::Bool, false,
                      lower(*isNull.value, eventType));
    }
    case ExprKind::Call:
      return lowerCall(e.as<CallExpr>(), eventType, type, nullable);
    }
    return b_.constant(ValueType::Bool, 0);
  }

  NodeId lowerReference(NameKind ref, const Decl* decl, int eventIndex, int fieldIndex,
                        std::uint32_t enumValue, const Type& type) {
    Node n;
    n.type = valueTypeOf(type);
    n.nullable = type.nullable;
    switch (ref) {
    case NameKind::ContactField:
      n.op = Op::ContactField;
      n.index = fieldIndex;
      return b_.add(std::move(n));
    case NameKind::EventProperty:
      n.op = Op::EventField;
      n.index = fieldIndex;
      n.eventType = eventIndex;
      n.scope = Scope::Event;
      return b_.add(std::move(n));
    case NameKind::Segment:
    case NameKind::Score:
    case NameKind::Partition: {
      const Slot& slot = plan_.slots[slotOf_.at(decl)];
      n.op = Op::Slot;
      n.index = slotOf_.at(decl);
      n.type = slot.type;
      n.nullable = slot.nullable;
      return b_.add(std::move(n));
    }
    case NameKind::PartitionBranch: {
      std::int32_t slotIndex = slotOf_.at(decl);
      const Slot& slot = plan_.slots[slotIndex];
      Node s;
      s.op = Op::Slot;
      s.index = slotIndex;
      s.type = ValueType::Enum;
      s.nullable = slot.nullable;
      NodeId partition = b_.add(std::move(s));
      return membership(b_.binary(Op::Eq, ValueType::Bool, slot.nullable, partition,
                                  b_.constant(ValueType::Enum, enumValue)));
    }
    case NameKind::EnumValue:
      return b_.constant(ValueType::Enum, enumValue);
    default:
      return b_.constant(ValueType::Bool, 0);
    }
  }

  // Numbers compare as floats when either side is a float.
  std::pair<NodeId, NodeId> promotePair(NodeId a, NodeId b) {
    ValueType ta = plan_.nodes[a].type, tb = plan_.nodes[b].type;
    if ((ta == ValueType::Float && tb == ValueType::Int) ||
        (ta == ValueType::Int && tb == ValueType::Float))
      return {b_.toFloat(a), b_.toFloat(b)};
    return {a, b};
  }

  NodeId lowerBinary(const BinaryExpr& binary, std::int32_t eventType) {
    const ValueType type = valueTypeOf(binary.type);
    const bool nullable = binary.type.nullable;
    NodeId lhs = lower(*binary.lhs, eventType);
    NodeId rhs = lower(*binary.rhs, eventType);
    auto op = [&]() -> Op {
      switch (binary.op) {
      case BinaryOp::Or:
        return Op::Or;
      case BinaryOp::And:
        return Op::And;
      case BinaryOp::Eq:
        return Op::Eq;
      case BinaryOp::Ne:
        return Op::Ne;
      case BinaryOp::Lt:
        return Op::Lt;
      case BinaryOp::Le:
        return Op::Le;
      case BinaryOp::Gt:
        return Op::Gt;
      case BinaryOp::Ge:
        return Op::Ge;
      case BinaryOp::Add:
        return Op::Add;
      case BinaryOp::Sub:
        return Op::Sub;
      case BinaryOp::Mul:
        return Op::Mul;
      case BinaryOp::Div:
        return Op::Div;
      case BinaryOp::Mod:
        return Op::Mod;
      }
      return Op::Add;
    }();
    switch (binary.op) {
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge: {
      auto [l, r] = promotePair(lhs, rhs);
      return b_.binary(op, ValueType::Bool, nullable, l, r);
    }
    case BinaryOp::Div:
      return b_.binary(op, type, nullable, b_.toFloat(lhs), b_.toFloat(rhs));
    case BinaryOp::Add:
    case BinaryOp::Sub:
    case BinaryOp::Mul:
      if (type == ValueType::Float)
        return b_.binary(op, type, nullable, b_.toFloat(lhs), b_.toFloat(rhs));
      return b_.binary(op, type, nullable, lhs, rhs);
    default:
      return b_.binary(op, type, nullable, lhs, rhs);
    }
  }

  NodeId lowerIn(const InExpr& in, std::int32_t eventType, bool nullable) {
    NodeId value = lower(*in.value, eventType);
    std::vector<NodeId> items;
    bool constants = true, anyFloat = plan_.nodes[value].type == ValueType::Float;
    for (const auto& item : in.items) {
      items.push_back(lower(*item, eventType));
      const Node& n = plan_.nodes[items.back()];
      constants = constants && n.op == Op::Const;
      anyFloat = anyFloat || n.type == ValueType::Float;
    }
    NodeId result;
    if (items.empty()) {
      // SQL: x IN () is false (and is never written by hand: the checker warns).
      result = b_.constant(ValueType::Bool, 0);
    } else if (constants) {
      Node n;
      n.op = Op::InList;
      n.type = ValueType::Bool;
      n.nullable = plan_.nodes[value].nullable;
      n.operands.push_back(anyFloat ? b_.toFloat(value) : value);
      for (NodeId item : items)
        n.operands.push_back(anyFloat ? b_.toFloat(item) : item);
      n.scope = scopeOf(plan_, n.operands);
      result = b_.add(std::move(n));
    } else {
      // Non-constant items: x = a or x = b or …, which has the same null semantics.
      result = kNoNode;
      for (NodeId item : items) {
        auto [l, r] = promotePair(value, item);
        bool n = plan_.nodes[l].nullable || plan_.nodes[r].nullable;
        NodeId eq = b_.binary(Op::Eq, ValueType::Bool, n, l, r);
        result = result == kNoNode ? eq : b_.binary(Op::Or, ValueType::Bool, nullable, result, eq);
      }
    }
    return in.negated ? b_.unary(Op::Not, ValueType::Bool, nullable, result) : result;
  }

  // A segment is a set: a contact is a member exactly when the condition is true, so a
  // segment read by name is never null (`not vip` includes contacts whose test was null).
  NodeId membership(NodeId condition) {
    if (!plan_.nodes[condition].nullable) return condition;
    Node n;
    n.op = Op::Coalesce;
    n.type = ValueType::Bool;
    n.nullable = false;
    n.operands = {condition, b_.constant(ValueType::Bool, 0)};
    n.scope = scopeOf(plan_, n.operands);
    return b_.add(std::move(n));
  }

  NodeId aggregateNode(const Aggregate& a) { return plan::aggregateNode(b_, a); }

  // Each kind of call as CallLowering.cpp lowers it; a population aggregate only stands in
  // a metric's value (lowerMetricValue), never in a per-contact expression.
  NodeId lowerCall(const CallExpr& call, std::int32_t eventType, ValueType type, bool nullable) {
    const FunctionInfo& info = functionInfo(*call.function);
    switch (info.kind) {
    case FunctionKind::EventAggregate:
      return lowerEventAggregate(calls_, call, info, type, nullable);
    case FunctionKind::Scalar:
      return lowerScalar(calls_, call, info, eventType, type, nullable);
    case FunctionKind::PopulationRank:
      return lowerRank(calls_, call, info);
    case FunctionKind::PopulationAggregate:
      break;
    }
    throw std::logic_error(
        fmt::format("{}() over contacts outside a metric passed the checker", info.name));
  }

  // ------------------------------------------------------------------ metrics

  std::int32_t metricInput(const Expr& e, const std::string& metric) {
    Slot slot;
    slot.name = fmt::format("{}#{}", metric, metricInputs_++);
    slot.kind = SlotKind::MetricInput;
    slot.expr = lower(e, -1);
    slot.type = plan_.nodes[slot.expr].type;
    slot.nullable = plan_.nodes[slot.expr].nullable;
    return addSlot(std::move(slot));
  }

  void lowerMetric(const MetricDecl& decl) {
    Metric metric;
    metric.name = decl.name.text;
    metricInputs_ = 0;
    if (decl.forCondition) metric.forSlot = metricInput(*decl.forCondition, metric.name);
    for (const Ident& group : decl.groupBy) {
      GroupKey key;
      key.name = group.text;
      if (auto field = program_.schema.fieldIndex(group.text)) {
        key.contactField = *field;
        key.type = valueTypeOf(program_.schema.contactFields[*field].type);
      } else {
        for (const auto& [d, slot] : slotOf_)
          if (d->kind == DeclKind::Partition && d->as<PartitionDecl>().name.text == group.text)
            key.slot = slot;
        key.type = ValueType::Enum;
      }
      metric.groupBy.push_back(std::move(key));
    }
    metric.root = lowerMetricValue(
        *decl.value, metric, [&](const Expr& input) { return metricInput(input, metric.name); });
    plan_.metrics.push_back(std::move(metric));
  }

  const CheckedProgram& program_;
  const LoweringOptions options_;
  Plan& plan_;
  PlanBuilder b_;
  CallLowering calls_;
  std::map<const Decl*, std::int32_t> slotOf_;
  int metricInputs_ = 0;
};

} // namespace

Plan lowerProgram(const CheckedProgram& program, const LoweringOptions& options) {
  Plan plan;
  Lowering(program, options, plan).run();
  return compactPlan(plan);
}

} // namespace seg::plan

// A small three-valued evaluation over the plan with unknowns (see SqlEmptyEvents.h): a
// result is known only when the known operands decide it, as SQL's own logic would.
#include "sql/SqlEmptyEvents.h"

#include <optional>

namespace seg::sql {
namespace {

using plan::AggregateFn;
using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

// A value that is known (null, or a bool, int or float), or unknown.
struct Value {
  enum class Kind { Unknown, Null, Bool, Int, Float } kind = Kind::Unknown;
  std::int64_t integer = 0;
  double real = 0;

  static Value null() { return {Kind::Null}; }
  static Value boolean(bool b) { return {Kind::Bool, b ? 1 : 0}; }
  bool known() const { return kind != Kind::Unknown; }
  bool isFalse() const { return kind == Kind::Bool && integer == 0; }
  bool isTrue() const { return kind == Kind::Bool && integer != 0; }
};

class Evaluator {
public:
  Evaluator(const QueryContext& context, std::int32_t eventType)
      : context_(context), eventType_(eventType) {}

  Value eval(NodeId id, int depth = 0) {
    if (depth > 200) return {}; // deep trees: give up, the join stays a LEFT JOIN
    const Node& n = context_.plan.nodes[id];
    const auto& o = n.operands;
    auto at = [&](std::size_t i) { return eval(o[i], depth + 1); };
    switch (n.op) {
    case Op::Const:
      if (n.type == ValueType::Bool) return Value::boolean(n.constant.integer != 0);
      if (n.type == ValueType::Float) return {Value::Kind::Float, 0, n.constant.real};
      if (n.type == ValueType::Int) return {Value::Kind::Int, n.constant.integer};
      return {};
    case Op::NullConst:
      return Value::null();
    case Op::Slot:
      return eval(context_.plan.slots[n.index].expr, depth + 1);
    case Op::Aggregate:
      return empty(context_.plan.aggregates[n.index]);
    case Op::Not: {
      Value a = at(0);
      if (a.kind == Value::Kind::Bool) return Value::boolean(!a.integer);
      return a.kind == Value::Kind::Null ? Value::null() : Value{};
    }
    case Op::And:
    case Op::Or: {
      const bool conjunction = n.op == Op::And;
      Value a = at(0), b = at(1);
      for (const Value& v : {a, b})
        if (conjunction ? v.isFalse() : v.isTrue()) return Value::boolean(!conjunction);
      if (!a.known() || !b.known()) return {};
      if (a.kind == Value::Kind::Null || b.kind == Value::Kind::Null) return Value::null();
      return Value::boolean(conjunction);
    }
    case Op::IsNull:
    case Op::IsNotNull: {
      Value a = at(0);
      if (!a.known()) return {};
      return Value::boolean((a.kind == Value::Kind::Null) == (n.op == Op::IsNull));
    }
    case Op::Coalesce:
      for (std::size_t i = 0; i < o.size(); ++i) {
        Value v = at(i);
        if (v.kind != Value::Kind::Null) return v; // known non-null, or unknown
      }
      return Value::null();
    case Op::ToFloat: {
      Value a = at(0);
      if (a.kind == Value::Kind::Int)
        return {Value::Kind::Float, 0, static_cast<double>(a.integer)};
      return a.kind == Value::Kind::Null ? Value::null() : Value{};
    }
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Min2:
    case Op::Max2:
      return binary(n.op, at(0), at(1));
    case Op::PointsIf: {
      Value c = at(0);
      if (c.isTrue()) return {Value::Kind::Float, 0, n.constant.real};
      if (c.known()) return {Value::Kind::Float, 0, 0.0};
      return {};
    }
    default:
      return {};
    }
  }

private:
  Value empty(const plan::Aggregate& a) const {
    const bool ours = a.eventType == eventType_ ||
                      (a.fn == AggregateFn::Sequence && a.thenEventType == eventType_);
    if (!ours) return {};
    switch (a.fn) {
    case AggregateFn::Count:
    case AggregateFn::Distinct:
    case AggregateFn::Days:
      return {Value::Kind::Int, 0};
    case AggregateFn::Exists:
    case AggregateFn::Sequence:
      return Value::boolean(false);
    case AggregateFn::Decayed:
      return {Value::Kind::Float, 0, 0.0};
    case AggregateFn::Sum:
      return a.type == ValueType::Float ? Value{Value::Kind::Float, 0, 0.0}
                                        : Value{Value::Kind::Int, 0};
    default: // avg, min, max, first, last
      return Value::null();
    }
  }

  static Value binary(Op op, Value a, Value b) {
    if (a.kind == Value::Kind::Null || b.kind == Value::Kind::Null) {
      // min2/max2 and arithmetic and comparisons are null with a null operand
      return Value::null();
    }
    if (!a.known() || !b.known() || a.kind != b.kind || a.kind == Value::Kind::Bool) return {};
    if (a.kind == Value::Kind::Int) {
      const auto x = static_cast<std::uint64_t>(a.integer),
                 y = static_cast<std::uint64_t>(b.integer);
      switch (op) {
      case Op::Add:
        return {Value::Kind::Int, static_cast<std::int64_t>(x + y)};
      case Op::Sub:
        return {Value::Kind::Int, static_cast<std::int64_t>(x - y)};
      case Op::Mul:
        return {Value::Kind::Int, static_cast<std::int64_t>(x * y)};
      case Op::Min2:
        return {Value::Kind::Int, std::min(a.integer, b.integer)};
      case Op::Max2:
        return {Value::Kind::Int, std::max(a.integer, b.integer)};
      default:
        return compare(op, a.integer, b.integer);
      }
    }
    switch (op) {
    case Op::Add:
      return {Value::Kind::Float, 0, a.real + b.real};
    case Op::Sub:
      return {Value::Kind::Float, 0, a.real - b.real};
    case Op::Mul:
      return {Value::Kind::Float, 0, a.real * b.real};
    case Op::Min2:
    case Op::Max2:
      return {}; // NaN and -0 rules: not worth deciding here
    default:
      return compare(op, a.real, b.real);
    }
  }

  template <typename T> static Value compare(Op op, T x, T y) {
    switch (op) {
    case Op::Eq:
      return Value::boolean(x == y);
    case Op::Ne:
      return Value::boolean(x != y);
    case Op::Lt:
      return Value::boolean(x < y);
    case Op::Le:
      return Value::boolean(x <= y);
    case Op::Gt:
      return Value::boolean(x > y);
    case Op::Ge:
      return Value::boolean(x >= y);
    default:
      return {};
    }
  }

  const QueryContext& context_;
  std::int32_t eventType_;
};

} // namespace

bool falseWithoutEvents(const QueryContext& context, plan::NodeId root, std::int32_t eventType) {
  Value v = Evaluator(context, eventType).eval(root);
  return v.isFalse() || v.kind == Value::Kind::Null;
}

} // namespace seg::sql

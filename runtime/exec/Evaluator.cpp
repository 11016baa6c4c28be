// The reference evaluator: one node at a time, operands first, with an explicit stack so
// that no expression depth can exhaust the thread's stack.
#include "Evaluator.h"

#include "ColumnValues.h"
#include "EventAggregates.h"
#include "Scalars.h"

#include <algorithm>
#include <stdexcept>

namespace seg::exec {

using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::Scope;

Evaluator::Evaluator(const BoundPlan& bound)
    : bound_(bound), plan_(*bound.plan), values_(plan_.nodes.size()),
      stamps_(plan_.nodes.size(), 0) {
  contactStamp_ = ++counter_;
  lutStamp_ = ++counter_;
  event_.stamp = ++counter_;
}

void Evaluator::beginRow(std::size_t row) {
  row_ = row;
  // Kept strings die here, so every memoized value that could point at them goes too.
  arena_.clear();
  contactStamp_ = ++counter_;
  lutStamp_ = ++counter_;
  event_.stamp = ++counter_;
}

void Evaluator::beginEvent(std::int32_t eventType, std::size_t eventRow) {
  event_.eventType = eventType;
  event_.eventRow = eventRow;
  event_.stamp = ++counter_;
}

void Evaluator::beginLutEntry(std::optional<std::string_view> input) {
  lutInput_ = input;
  arena_.clear();
  contactStamp_ = ++counter_;
  lutStamp_ = ++counter_;
  event_.stamp = ++counter_;
}

std::uint64_t Evaluator::stampOf(Scope scope) const {
  switch (scope) {
  case Scope::Event:
    return event_.stamp;
  case Scope::Lut:
    return lutStamp_;
  case Scope::Contact:
    break;
  }
  return contactStamp_;
}

bool Evaluator::fresh(NodeId id) const {
  return stamps_[id] == stampOf(plan_.nodes[id].scope);
}

std::string_view Evaluator::keep(std::string text) {
  arena_.push_back(std::move(text));
  return arena_.back();
}

Value Evaluator::eval(NodeId root) {
  if (root >= plan_.nodes.size()) throw std::logic_error("plan node out of range");
  if (fresh(root)) return values_[root];
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    NodeId id = stack.back();
    if (fresh(id)) {
      stack.pop_back();
      continue;
    }
    const Node& n = plan_.nodes[id];
    bool ready = true;
    if (n.op != Op::StringLut) // a StringLut reads its column's code, not its text
      for (NodeId o : n.operands)
        if (!fresh(o)) {
          stack.push_back(o);
          ready = false;
        }
    if (!ready) continue;
    stack.pop_back();
    Value v = compute(id);
    values_[id] = v;
    stamps_[id] = stampOf(n.scope);
  }
  return values_[root];
}

Value Evaluator::compute(NodeId id) {
  const Node& n = plan_.nodes[id];
  const runtime::Store& store = *bound_.store;
  auto arg = [&](std::size_t k) -> const Value& { return values_[n.operands[k]]; };
  auto argType = [&](std::size_t k) { return plan_.nodes[n.operands[k]].type; };
  auto anyNull = [&] {
    for (NodeId o : n.operands)
      if (!values_[o].valid) return true;
    return false;
  };

  switch (n.op) {
  case Op::Const:
    if (n.type == ValueType::Float) return Value::real(n.constant.real);
    if (n.type == ValueType::String) return Value::text(n.constant.text);
    return Value::integer(n.constant.integer);
  case Op::NullConst:
    return Value::null();
  case Op::Now:
    return Value::integer(bound_.now);
  case Op::ContactField: {
    const runtime::Column& column = store.contacts.columns.at(n.index);
    const runtime::Dictionary* dictionary =
        column.kind() == runtime::ValueKind::String ? &bound_.dictionaryOf(n) : nullptr;
    return readStoreValue(column, dictionary, row_);
  }
  case Op::EventField: {
    if (n.eventType != event_.eventType) return Value::null(); // not inside its event's scan
    const runtime::EventTable& table = store.events.at(n.eventType);
    const runtime::Column& column = table.columns.at(n.index);
    const runtime::Dictionary* dictionary =
        column.kind() == runtime::ValueKind::String ? &bound_.dictionaryOf(n) : nullptr;
    return readStoreValue(column, dictionary, event_.eventRow);
  }
  case Op::Slot:
    return readContactColumn(bound_.slots.at(n.index), row_);
  case Op::Aggregate:
    return computeAggregate(*this, plan_.aggregates.at(n.index));
  case Op::Rank:
    return readContactColumn(bound_.ranks.at(n.index), row_);
  case Op::LutInput:
    return lutInput_ ? Value::text(*lutInput_) : Value::null();

  case Op::Not:
    return arg(0).valid ? Value::boolean(arg(0).i == 0) : Value::null();
  case Op::And: {
    const Value &a = arg(0), &b = arg(1);
    if ((a.valid && a.i == 0) || (b.valid && b.i == 0)) return Value::boolean(false);
    if (!a.valid || !b.valid) return Value::null();
    return Value::boolean(true);
  }
  case Op::Or: {
    const Value &a = arg(0), &b = arg(1);
    if (a.isTrue() || b.isTrue()) return Value::boolean(true);
    if (!a.valid || !b.valid) return Value::null();
    return Value::boolean(false);
  }

  case Op::Neg:
    if (!arg(0).valid) return Value::null();
    return argType(0) == ValueType::Float ? Value::real(-arg(0).f)
                                          : Value::integer(wrapNeg(arg(0).i));
  case Op::Add:
  case Op::Sub:
  case Op::Mul:
  case Op::Div:
  case Op::Mod: {
    if (anyNull()) return Value::null();
    const bool isFloat = argType(0) == ValueType::Float || argType(1) == ValueType::Float;
    if (!isFloat) return arithmetic(n.op, argType(0), arg(0), arg(1));
    auto asReal = [&](std::size_t k) {
      return argType(k) == ValueType::Float ? arg(k) : Value::real(static_cast<double>(arg(k).i));
    };
    return arithmetic(n.op, ValueType::Float, asReal(0), asReal(1));
  }
  case Op::ToFloat:
    if (!arg(0).valid) return Value::null();
    return argType(0) == ValueType::Float ? arg(0) : Value::real(static_cast<double>(arg(0).i));

  case Op::Eq:
  case Op::Ne:
  case Op::Lt:
  case Op::Le:
  case Op::Gt:
  case Op::Ge:
    if (anyNull()) return Value::null();
    return Value::boolean(compare(n.op, argType(0), arg(0), arg(1)));
  case Op::IsNull:
    return Value::boolean(!arg(0).valid);
  case Op::IsNotNull:
    return Value::boolean(arg(0).valid);
  case Op::InList: {
    if (!arg(0).valid) return Value::null();
    for (std::size_t k = 1; k < n.operands.size(); ++k)
      if (arg(k).valid && equal(argType(0), arg(0), arg(k))) return Value::boolean(true);
    return Value::boolean(false);
  }
  case Op::Min2:
  case Op::Max2: {
    if (anyNull()) return Value::null();
    const Value &a = arg(0), &b = arg(1);
    bool takeB = n.op == Op::Min2 ? less(argType(0), b, a) : less(argType(0), a, b);
    return takeB ? b : a;
  }
  case Op::Coalesce:
    for (std::size_t k = 0; k < n.operands.size(); ++k)
      if (arg(k).valid) return arg(k);
    return Value::null();
  case Op::Call: {
    if (anyNull()) return Value::null();
    std::vector<Value> args;
    std::vector<ValueType> types;
    for (std::size_t k = 0; k < n.operands.size(); ++k) {
      args.push_back(arg(k));
      types.push_back(argType(k));
    }
    return callFunction(n.function, args, types, bound_.now);
  }
  case Op::StringLut:
    return computeStringLut(n);
  case Op::Partition:
    for (std::size_t k = 0; k < n.operands.size(); ++k)
      if (arg(k).isTrue()) return Value::integer(static_cast<std::int64_t>(k));
    return n.elseIndex >= 0 ? Value::integer(n.elseIndex) : Value::null();
  case Op::PointsIf:
    return Value::real(arg(0).isTrue() ? n.constant.real : 0.0);
  case Op::StrLower:
  case Op::StrUpper:
  case Op::StrLength:
  case Op::StrContains:
  case Op::StrStartsWith:
  case Op::StrEndsWith:
    if (anyNull()) return Value::null();
    return computeString(n);
  case Op::StringRank:
    if (anyNull()) return Value::null();
    return Value::integer(collationRank(bound_.collation, arg(0).s));
  }
  return Value::null();
}

Value Evaluator::computeStringLut(const Node& n) {
  NodeId self = static_cast<NodeId>(&n - plan_.nodes.data());
  const StringTable& table = bound_.strings.at(bound_.stringTableOf.at(self));
  const runtime::Store& store = *bound_.store;
  // No code: the null input's entry (the only one of a lookup without a leaf).
  std::optional<std::uint32_t> code;
  if (!n.operands.empty()) {
    const Node& leaf = plan_.nodes.at(n.operands[0]);
    if (leaf.op == Op::ContactField) {
      code = readStoreCode(store.contacts.columns.at(leaf.index), row_);
    } else if (leaf.op == Op::EventField && leaf.eventType == event_.eventType) {
      code = readStoreCode(store.events.at(leaf.eventType).columns.at(leaf.index), event_.eventRow);
    } else if (leaf.op == Op::Aggregate) {
      // A string-valued aggregate: the code of the text it picked (see Value::code).
      Value picked = eval(n.operands[0]);
      if (picked.valid) code = static_cast<std::uint32_t>(picked.i);
    }
  }
  if (table.entries == 0) return Value::null();
  // The last entry is the body's value for a null input (and for a code out of range).
  std::size_t entry = code && std::size_t{*code} + 1 < table.entries ? *code : table.entries - 1;
  if (!table.valid[entry]) return Value::null();
  return loadValue(table.values.data() + entry * widthOf(table.type), table.type);
}

std::int64_t collationRank(const std::vector<std::string>& collation, std::string_view text) {
  auto it = std::lower_bound(collation.begin(), collation.end(), text);
  auto k = static_cast<std::int64_t>(it - collation.begin());
  return it != collation.end() && *it == text ? 2 * k + 1 : 2 * k;
}

Value Evaluator::computeString(const Node& n) {
  std::string_view s = values_[n.operands[0]].s;
  auto other = [&] { return values_[n.operands[1]].s; };
  switch (n.op) {
  case Op::StrLower:
    return Value::text(keep(asciiLower(s)));
  case Op::StrUpper:
    return Value::text(keep(asciiUpper(s)));
  case Op::StrLength:
    return Value::integer(codePoints(s));
  case Op::StrContains:
    return Value::boolean(s.find(other()) != std::string_view::npos);
  case Op::StrStartsWith:
    return Value::boolean(s.starts_with(other()));
  case Op::StrEndsWith:
    return Value::boolean(s.ends_with(other()));
  default:
    return Value::null();
  }
}

} // namespace seg::exec

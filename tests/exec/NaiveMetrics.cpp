// The old metrics (git fae1def:runtime/exec/Metrics.cpp), trimmed: the population, a
// std::map from key vectors to row lists, then the folds of each group in row order.
#include "NaiveMetrics.h"

#include "exec/ColumnValues.h"
#include "exec/Scalars.h"
#include "exec/ValueFolds.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace seg::test {
namespace {

using exec::BoundPlan;
using exec::ContactColumn;
using exec::MetricResult;
using exec::MetricRow;
using exec::Value;
using plan::MetricOp;
using plan::ValueType;

// Null after every value; otherwise the order of the key's type (enums in declaration
// order, strings bytewise, false before true).
struct KeyLess {
  const std::vector<ValueType>* types;
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
    for (std::size_t j = 0; j < a.size(); ++j) {
      if (a[j].valid != b[j].valid) return a[j].valid;
      if (!a[j].valid) continue;
      if (exec::less((*types)[j], a[j], b[j])) return true;
      if (exec::less((*types)[j], b[j], a[j])) return false;
    }
    return false;
  }
};

Value groupValue(const BoundPlan& bound, const plan::GroupKey& key, std::size_t row) {
  if (key.contactField >= 0) {
    const runtime::Column& column = bound.store->contacts.columns.at(key.contactField);
    const runtime::Dictionary* dictionary =
        column.kind() == runtime::ValueKind::String
            ? &bound.store->contacts.dictionaries.at(key.contactField)
            : nullptr;
    return exec::readStoreValue(column, dictionary, row);
  }
  if (key.slot >= 0) return exec::readContactColumn(bound.slots.at(key.slot), row);
  return Value::null();
}

std::string renderGroupValue(const BoundPlan& bound, const plan::GroupKey& key, const Value& v) {
  if (!v.valid) return "null";
  switch (key.type) {
  case ValueType::Bool:
    return v.i != 0 ? "true" : "false";
  case ValueType::String:
    return std::string(v.s);
  case ValueType::Enum: {
    const auto index = static_cast<std::size_t>(v.i);
    if (key.contactField >= 0) {
      const auto& names = bound.store->schema.contactFields.at(key.contactField).enumValues;
      if (index < names.size()) return names[index];
    } else if (key.slot >= 0) {
      const auto& branches = bound.plan->slots.at(key.slot).branches;
      if (index < branches.size()) return branches[index];
    }
    return std::to_string(v.i);
  }
  case ValueType::Float:
    return std::to_string(v.f);
  default:
    return std::to_string(v.i);
  }
}

// NaN last, so that sorting is well-defined for any data.
bool realBefore(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

// One population aggregate over the group's contacts `rows`.
Value aggregate(const BoundPlan& bound, const plan::PopulationAggregate& a,
                const std::vector<std::size_t>& rows) {
  if (a.inputSlot < 0) return Value::integer(static_cast<std::int64_t>(rows.size())); // count()
  const ContactColumn& input = bound.slots.at(a.inputSlot);
  std::vector<Value> present; // the non-null inputs, in row order
  for (std::size_t row : rows)
    if (Value v = exec::readContactColumn(input, row); v.valid) present.push_back(v);
  auto trueCount = [&] {
    return static_cast<std::int64_t>(
        std::count_if(present.begin(), present.end(), [](const Value& v) { return v.i != 0; }));
  };
  switch (a.function) {
  case plan::Function::PopCount:
    return Value::integer(trueCount());
  case plan::Function::Percent:
    if (present.empty()) return Value::null();
    return Value::real(100.0 * static_cast<double>(trueCount()) /
                       static_cast<double>(present.size()));
  case plan::Function::PopSum: {
    Value sum = exec::sumOf(input.type, present);
    if (a.type == ValueType::Float && input.type != ValueType::Float)
      return Value::real(static_cast<double>(sum.i));
    return sum;
  }
  case plan::Function::PopAvg: {
    if (present.empty()) return Value::null();
    double sum = 0;
    for (const Value& v : present)
      sum += exec::asDouble(input.type, v);
    return Value::real(sum / static_cast<double>(present.size()));
  }
  case plan::Function::PopMin:
  case plan::Function::PopMax: {
    if (present.empty()) return Value::null();
    Value best = present.front();
    for (const Value& v : present)
      if (a.function == plan::Function::PopMin ? exec::less(input.type, v, best)
                                               : exec::less(input.type, best, v))
        best = v;
    return best;
  }
  case plan::Function::Median:
  case plan::Function::Quantile: {
    if (present.empty()) return Value::null();
    std::vector<double> x;
    for (const Value& v : present)
      x.push_back(exec::asDouble(input.type, v));
    std::sort(x.begin(), x.end(), realBefore);
    // Linear interpolation between the closest ranks (Hyndman & Fan type 7).
    const double q = a.function == plan::Function::Median ? 0.5 : a.quantile;
    const double h = static_cast<double>(x.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(static_cast<std::size_t>(std::ceil(h)), x.size() - 1);
    return Value::real(x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]));
  }
  case plan::Function::Ratio: {
    const ContactColumn& second = bound.slots.at(a.secondSlot);
    std::vector<Value> denominators;
    for (std::size_t row : rows)
      if (Value v = exec::readContactColumn(second, row); v.valid) denominators.push_back(v);
    double num = exec::asDouble(input.type, exec::sumOf(input.type, present));
    double den = exec::asDouble(second.type, exec::sumOf(second.type, denominators));
    if (den == 0) return Value::null();
    return Value::real(num / den);
  }
  default:
    return Value::null();
  }
}

// The metric's arithmetic. Nodes are stored operands first, so one pass in order works.
Value evaluate(const plan::Metric& metric, const std::vector<Value>& aggregates) {
  std::vector<Value> values(metric.nodes.size());
  for (std::size_t k = 0; k < metric.nodes.size(); ++k) {
    const plan::MetricNode& n = metric.nodes[k];
    auto arg = [&](std::size_t j) -> const Value& { return values.at(n.operands.at(j)); };
    auto argType = [&](std::size_t j) { return metric.nodes.at(n.operands.at(j)).type; };
    Value& out = values[k];
    switch (n.op) {
    case MetricOp::Const:
      out = n.type == ValueType::Float ? Value::real(n.constant.real)
                                       : Value::integer(n.constant.integer);
      break;
    case MetricOp::Aggregate:
      out = aggregates.at(n.aggregate);
      break;
    case MetricOp::Neg:
      if (arg(0).valid)
        out = argType(0) == ValueType::Float ? Value::real(-arg(0).f)
                                             : Value::integer(exec::wrapNeg(arg(0).i));
      break;
    case MetricOp::ToFloat:
      if (arg(0).valid) out = Value::real(exec::asDouble(argType(0), arg(0)));
      break;
    case MetricOp::Add:
    case MetricOp::Sub:
    case MetricOp::Mul:
    case MetricOp::Div:
    case MetricOp::Mod: {
      if (!arg(0).valid || !arg(1).valid) break;
      static constexpr plan::Op ops[] = {plan::Op::Add, plan::Op::Sub, plan::Op::Mul, plan::Op::Div,
                                         plan::Op::Mod};
      const plan::Op op = ops[static_cast<int>(n.op) - static_cast<int>(MetricOp::Add)];
      const bool isFloat = argType(0) == ValueType::Float || argType(1) == ValueType::Float;
      if (isFloat)
        out =
            exec::arithmetic(op, ValueType::Float, Value::real(exec::asDouble(argType(0), arg(0))),
                             Value::real(exec::asDouble(argType(1), arg(1))));
      else
        out = exec::arithmetic(op, argType(0), arg(0), arg(1));
      break;
    }
    }
  }
  return metric.root < values.size() ? values[metric.root] : Value::null();
}

MetricResult computeMetric(const BoundPlan& bound, const plan::Metric& metric) {
  const std::size_t rows = bound.store->contacts.rows;
  MetricResult result;
  result.name = metric.name;
  std::vector<ValueType> keyTypes;
  for (const plan::GroupKey& key : metric.groupBy) {
    result.groupBy.push_back(key.name);
    keyTypes.push_back(key.type);
  }
  std::map<std::vector<Value>, std::vector<std::size_t>, KeyLess> groups{KeyLess{&keyTypes}};
  if (metric.groupBy.empty()) groups[{}]; // one row, even for an empty population
  const ContactColumn* population = metric.forSlot >= 0 ? &bound.slots.at(metric.forSlot) : nullptr;
  for (std::size_t row = 0; row < rows; ++row) {
    if (population != nullptr && !exec::readContactColumn(*population, row).isTrue()) continue;
    std::vector<Value> key;
    for (const plan::GroupKey& k : metric.groupBy)
      key.push_back(groupValue(bound, k, row));
    groups[std::move(key)].push_back(row);
  }
  const plan::ValueType rootType =
      metric.root < metric.nodes.size() ? metric.nodes[metric.root].type : ValueType::Float;
  for (const auto& [key, members] : groups) {
    std::vector<Value> aggregates;
    for (const plan::PopulationAggregate& a : metric.aggregates)
      aggregates.push_back(aggregate(bound, a, members));
    Value value = evaluate(metric, aggregates);
    MetricRow row;
    for (std::size_t j = 0; j < key.size(); ++j)
      row.groupKey.push_back(renderGroupValue(bound, metric.groupBy[j], key[j]));
    if (value.valid) row.value = exec::asDouble(rootType, value);
    row.integral = rootType != ValueType::Float;
    row.contacts = members.size();
    result.rows.push_back(std::move(row));
  }
  return result;
}

} // namespace

std::vector<MetricResult> naiveMetrics(const BoundPlan& bound) {
  std::vector<MetricResult> results;
  for (const plan::Metric& metric : bound.plan->metrics)
    results.push_back(computeMetric(bound, metric));
  return results;
}

} // namespace seg::test

// Metrics: the population (contacts whose `for` slot is true), split into groups by the
// `by` keys, each group's population aggregates, then the metric's arithmetic over them.
#include "ChunkedAggregates.h"
#include "ColumnValues.h"
#include "Executor.h"
#include "MetricGroups.h"
#include "PopulationAggregates.h"
#include "Scalars.h"
#include "ThreadPool.h"
#include "ValueFolds.h"

#include <cmath>
#include <functional>
#include <map>
#include <string>

namespace seg::exec {
namespace {

using plan::MetricOp;

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
                                             : Value::integer(wrapNeg(arg(0).i));
      break;
    case MetricOp::ToFloat:
      if (arg(0).valid) out = Value::real(asDouble(argType(0), arg(0)));
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
        out = arithmetic(op, ValueType::Float, Value::real(asDouble(argType(0), arg(0))),
                         Value::real(asDouble(argType(1), arg(1))));
      else
        out = arithmetic(op, argType(0), arg(0), arg(1));
      break;
    }
    }
  }
  return metric.root < values.size() ? values[metric.root] : Value::null();
}

// `aggregates` [aggregate][group] holds the chunked ones already; the others are computed
// here, in row order.
MetricResult computeMetric(const BoundPlan& bound, const plan::Metric& metric,
                           const MetricGroups& groups, std::vector<std::vector<Value>> aggregates) {
  MetricResult result;
  result.name = metric.name;
  for (const plan::GroupKey& key : metric.groupBy)
    result.groupBy.push_back(key.name);
  for (std::size_t a = 0; a < metric.aggregates.size(); ++a)
    if (!isChunkable(bound, metric.aggregates[a]))
      aggregates[a] = aggregateByGroup(bound, metric.aggregates[a], groups);
  const plan::ValueType rootType =
      metric.root < metric.nodes.size() ? metric.nodes[metric.root].type : ValueType::Float;
  std::vector<Value> groupAggregates(metric.aggregates.size());
  for (std::uint32_t group : groups.order) {
    for (std::size_t a = 0; a < aggregates.size(); ++a)
      groupAggregates[a] = aggregates[a][group];
    Value value = evaluate(metric, groupAggregates);
    MetricRow row;
    for (std::size_t j = 0; j < metric.groupBy.size(); ++j)
      row.groupKey.push_back(renderGroupValue(bound, metric.groupBy[j], groups.keys[group][j]));
    if (value.valid) row.value = asDouble(rootType, value);
    row.integral = rootType != ValueType::Float;
    row.contacts = groups.sizes[group];
    result.rows.push_back(std::move(row));
  }
  return result;
}

// Metrics with the same population and keys share one grouping.
std::string groupingKey(const plan::Metric& metric) {
  std::string key = std::to_string(metric.forSlot);
  for (const plan::GroupKey& k : metric.groupBy)
    key += "|" + std::to_string(k.contactField) + "," + std::to_string(k.slot);
  return key;
}

} // namespace

std::vector<MetricResult> computeMetrics(const BoundPlan& bound, ThreadPool* pool) {
  const std::vector<plan::Metric>& metrics = bound.plan->metrics;
  std::vector<std::size_t> groupingOf(metrics.size());
  std::vector<const plan::Metric*> firstWith; // one metric per distinct grouping
  std::map<std::string, std::size_t> known;
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    auto [it, added] = known.emplace(groupingKey(metrics[m]), firstWith.size());
    if (added) firstWith.push_back(&metrics[m]);
    groupingOf[m] = it->second;
  }
  auto forEach = [&](std::size_t count, const std::function<void(std::size_t)>& task) {
    if (pool != nullptr) return pool->forEach(count, task);
    for (std::size_t i = 0; i < count; ++i)
      task(i);
  };
  // Groupings one after the other, each by chunks on the pool; then per grouping one pass
  // for all its chunkable aggregates; then the rest of each metric, metrics side by side.
  std::vector<MetricGroups> groupings(firstWith.size());
  for (std::size_t i = 0; i < groupings.size(); ++i)
    groupings[i] = groupContacts(bound, firstWith[i]->forSlot, firstWith[i]->groupBy, pool);
  std::vector<std::vector<std::vector<Value>>> aggregates(metrics.size()); // [m][a][group]
  for (std::size_t i = 0; i < groupings.size(); ++i) {
    std::vector<const plan::PopulationAggregate*> chunked;
    std::vector<std::pair<std::size_t, std::size_t>> owner; // (metric, aggregate)
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      if (groupingOf[m] != i) continue;
      aggregates[m].resize(metrics[m].aggregates.size());
      for (std::size_t a = 0; a < metrics[m].aggregates.size(); ++a)
        if (isChunkable(bound, metrics[m].aggregates[a])) {
          chunked.push_back(&metrics[m].aggregates[a]);
          owner.emplace_back(m, a);
        }
    }
    if (chunked.empty()) continue;
    std::vector<std::vector<Value>> values = aggregateChunked(bound, chunked, groupings[i], pool);
    for (std::size_t k = 0; k < owner.size(); ++k)
      aggregates[owner[k].first][owner[k].second] = std::move(values[k]);
  }
  std::vector<MetricResult> results(metrics.size());
  forEach(metrics.size(), [&](std::size_t m) {
    results[m] =
        computeMetric(bound, metrics[m], groupings[groupingOf[m]], std::move(aggregates[m]));
  });
  return results;
}

} // namespace seg::exec

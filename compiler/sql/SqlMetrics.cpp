// A metric's query: an inner SELECT of every contact's population condition, `by` keys and
// aggregated inputs (SqlContactColumns.h), grouped outside by the keys, each population
// aggregate a column (SqlPopulationAggregates.h) and the metric's arithmetic over them with
// the plan's rules (null operands give null, division by zero is null). Without `by` the
// query has one row even over an empty population, as the engines have one group.
#include "sql/SqlMetrics.h"

#include "sql/SqlClickHouse.h"
#include "sql/SqlContactColumns.h"
#include "sql/SqlExpr.h"
#include "sql/SqlPopulationAggregates.h"

#include <fmt/format.h>
#include <map>

namespace seg::sql {
namespace {

using plan::MetricOp;
using plan::ValueType;

// The metric's arithmetic over its aggregates' SQL (`aggregates[i]`), node `id` down.
std::string arithmetic(Dialect dialect, const plan::Metric& metric, std::uint32_t id,
                       const std::vector<std::string>& aggregates) {
  const plan::MetricNode& n = metric.nodes[id];
  const bool ch = dialect == Dialect::ClickHouse;
  auto operand = [&](std::size_t i) {
    return arithmetic(dialect, metric, n.operands[i], aggregates);
  };
  switch (n.op) {
  case MetricOp::Const: {
    std::string literal = constantLiteral(dialect, n.type, n.constant);
    // PostgreSQL reads a bare integer literal as a 32-bit integer
    return ch || n.type == ValueType::Float ? literal : "CAST(" + literal + " AS BIGINT)";
  }
  case MetricOp::Aggregate:
    return aggregates[static_cast<std::size_t>(n.aggregate)];
  case MetricOp::Neg:
    return "(- " + operand(0) + ")";
  case MetricOp::ToFloat:
    return ch ? "toFloat64(" + operand(0) + ")" : "CAST(" + operand(0) + " AS DOUBLE PRECISION)";
  case MetricOp::Add:
    return fmt::format("({} + {})", operand(0), operand(1));
  case MetricOp::Sub:
    return fmt::format("({} - {})", operand(0), operand(1));
  case MetricOp::Mul:
    return fmt::format("({} * {})", operand(0), operand(1));
  case MetricOp::Div: // operands are floats; a zero divisor (also -0) gives null
    return fmt::format("({} / {}({}, 0))", operand(0), ch ? "nullIf" : "NULLIF", operand(1));
  case MetricOp::Mod:
    if (ch) return clickhouse::modulo(operand(0), operand(1));
    return fmt::format("({} % NULLIF({}, 0))", operand(0), operand(1));
  }
  return {};
}

std::string indented(const std::string& text) {
  std::string out = "  ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

// A `by` key: its inner column, its outer output and the order of its groups (enum values
// and branches in declaration order, strings bytewise, false before true, null last).
struct GroupColumn {
  std::string inner;  // per contact
  std::string output; // of the group
  std::string order;
};

GroupColumn groupColumn(const QueryContext& context, const plan::GroupKey& key,
                        ContactColumns& columns, const std::string& name) {
  const bool ch = context.dialect == Dialect::ClickHouse;
  GroupColumn out;
  out.output = out.order = name;
  if (key.slot >= 0) { // a partition: its branch index inside, the branch's name outside
    const plan::Slot& slot = context.plan.slots[static_cast<std::size_t>(key.slot)];
    out.inner = columns.translate(slot.expr);
    std::string names;
    for (std::size_t i = 0; i < slot.branches.size(); ++i) {
      const std::string branch = quoteString(context.dialect, slot.branches[i]);
      names += ch ? (i ? ", " : "") + branch : fmt::format(" WHEN {} THEN {}", i, branch);
    }
    // ClickHouse: the index is an Int64, null in no branch (arrayElement is then null)
    out.output = ch ? fmt::format("arrayElement([{}], {} + 1)", names, name)
                    : fmt::format("CASE {}{} END", name, names);
    return out;
  }
  const FieldInfo& field = context.schema.contactFields[static_cast<std::size_t>(key.contactField)];
  out.inner = columns.field(key.contactField);
  if (ch) return out; // Enum8 orders by its numbers (declaration order); timestamps are µs
  switch (field.type.kind) {
  case TypeKind::Timestamp:
    out.inner = microsOf(out.inner);
    break;
  case TypeKind::String:
    out.order = name + " COLLATE \"C\"";
    break;
  case TypeKind::Enum:
    if (field.type.enumType != nullptr) {
      out.order = "CASE " + name;
      const auto& values = field.type.enumType->values;
      for (std::size_t i = 0; i < values.size(); ++i)
        out.order += fmt::format(" WHEN {} THEN {}", quoteString(context.dialect, values[i]), i);
      out.order += " END";
    }
    break;
  default:
    break;
  }
  return out;
}

} // namespace

MetricQuery metricQuery(const QueryContext& context, std::size_t index) {
  const plan::Metric& metric = context.plan.metrics[index];
  MetricQuery query{metric.name, index, {}, {}};
  if (context.schema.keyField < 0) {
    query.error = fmt::format("metric '{}': the schema has no key field", metric.name);
    return query;
  }
  if (context.dialect == Dialect::DuckDb) {
    query.error =
        fmt::format("metric '{}': queries in the {} dialect are not written yet (segments "
                    "and partitions are); use --dialect postgres or clickhouse",
                    metric.name, dialectName(context.dialect));
    return query;
  }
  const bool ch = context.dialect == Dialect::ClickHouse;
  const std::string m = ch ? "" : "m."; // the inner relation's columns
  ContactColumns columns(context);
  std::vector<std::pair<std::string, std::string>> inner;
  if (metric.forSlot >= 0)
    inner.emplace_back(
        columns.translate(context.plan.slots[static_cast<std::size_t>(metric.forSlot)].expr),
        "seg_for");
  std::vector<GroupColumn> groups;
  for (std::size_t k = 0; k < metric.groupBy.size(); ++k) {
    const std::string alias = fmt::format("seg_k{}", k);
    groups.push_back(groupColumn(context, metric.groupBy[k], columns, m + alias));
    inner.emplace_back(groups.back().inner, alias);
  }
  // Each input slot once, as a column.
  std::map<std::int32_t, PopulationInput> inputs;
  auto input = [&](std::int32_t slotIndex) -> PopulationInput {
    if (slotIndex < 0) return {};
    auto it = inputs.find(slotIndex);
    if (it != inputs.end()) return it->second;
    const plan::Slot& slot = context.plan.slots[static_cast<std::size_t>(slotIndex)];
    const std::string alias = fmt::format("seg_x{}", inputs.size());
    inner.emplace_back(columns.translate(slot.expr), alias);
    // ClickHouse: a column read through a LEFT JOIN is Nullable (join_use_nulls) even where
    // the plan knows it is never null, and arraySum refuses Nullable elements.
    return inputs[slotIndex] = PopulationInput{m + alias, slot.type, slot.nullable || ch};
  };
  std::vector<std::string> aggregates;
  for (const plan::PopulationAggregate& a : metric.aggregates) {
    // The registry says which dialects write each form (its arguments: input, second, q).
    const std::size_t arity = (a.inputSlot >= 0 ? 1 : 0) + (a.secondSlot >= 0 ? 1 : 0) +
                              (a.function == plan::Function::Quantile ? 1 : 0);
    const plan::FunctionInfo& info = plan::functionInfo(a.function);
    if (!info.implementedBy(dialectEngine(context.dialect), arity)) {
      const plan::Signature* form = info.signatureFor(arity);
      query.error = fmt::format(
          "metric '{}' uses {}, which the SQL back end does not translate yet", metric.name,
          form != nullptr && !form->form.empty() ? std::string(form->form)
                                                 : fmt::format("the function {}()", info.name));
      return query;
    }
    const PopulationInput x = input(a.inputSlot);
    const PopulationInput y = input(a.secondSlot);
    aggregates.push_back(populationAggregate(context.dialect, a, x, y, m + "contact_key"));
  }
  if (const auto& unsupported = columns.unsupported()) {
    query.error = fmt::format(
        "metric '{}' uses {}{}, which the SQL back end does not translate yet", metric.name,
        unsupported->construct, unsupported->through.empty() ? "" : " in " + unsupported->through);
    return query;
  }

  std::string select;
  for (std::size_t k = 0; k < groups.size(); ++k)
    select += fmt::format("{} AS {}, ", groups[k].output, quoteIdentifier(metric.groupBy[k].name));
  select += fmt::format("{} AS seg_contacts,\n  {} AS {}", ch ? "toInt64(count())" : "count(*)",
                        arithmetic(context.dialect, metric, metric.root, aggregates),
                        quoteIdentifier(metric.name));
  std::string sql = fmt::format("-- metric {}\nSELECT {}\nFROM (\n{}\n){}", metric.name, select,
                                indented(columns.select(inner)), ch ? "" : " AS m");
  if (metric.forSlot >= 0) sql += ch ? "\nWHERE ifNull(seg_for, 0) = 1" : "\nWHERE m.seg_for";
  if (!groups.empty()) {
    std::string by, order;
    for (std::size_t k = 0; k < groups.size(); ++k) {
      by += fmt::format("{}{}seg_k{}", k ? ", " : "", m, k);
      order += (k ? ", " : "") + groups[k].order;
    }
    sql += fmt::format("\nGROUP BY {}\nORDER BY {}", by, order);
  }
  if (ch) sql += std::string("\n") + kClickHouseSettings;
  query.sql = sql + ";\n";
  return query;
}

std::vector<MetricQuery> metricQueries(const QueryContext& context) {
  std::vector<MetricQuery> out;
  for (std::size_t i = 0; i < context.plan.metrics.size(); ++i)
    out.push_back(metricQuery(context, i));
  return out;
}

} // namespace seg::sql

// The ClickHouse forms of the event aggregates: -If combinators instead of FILTER, float
// sums over sorted arrays, sequences as grouped arrays, and the chain of one-JOIN SELECTs
// that ClickHouse 18.16 takes.
#include "base/CivilTime.h"
#include "sql/SqlClickHouse.h"
#include "sql/SqlEventAggregates.h"
#include "sql/SqlExpr.h"

#include <fmt/format.h>
#include <functional>

namespace seg::sql {

using plan::AggregateFn;
using plan::ValueType;
std::string EventAggregates::clickhouseColumn(const plan::Aggregate& a, const Filter& f,
                                              ExprTranslator& reader) {
  // -If combinators instead of FILTER; aggregates of a Nullable argument skip nulls and are
  // null over no value, as Seg's min and max.
  const std::string at = quoteIdentifier("at");
  std::string x;
  const FieldInfo* info = nullptr;
  if (a.property >= 0) {
    info = &context_.schema.events[a.eventType].properties[a.property];
    x = quoteIdentifier(info->name);
    if (info->type.kind == TypeKind::Enum && a.fn != AggregateFn::Distinct) {
      reader.fail("an aggregate of an enum property");
      return {};
    }
  }
  const bool nullable = info != nullptr && info->type.nullable;
  // The rows that count, given the final -If condition ("1" for every row).
  auto present = [=](const std::string& filter) {
    return nullable ? fmt::format("{} AND isNotNull({})", filter, x) : filter;
  };
  // A float sum in time order: the (at, x) pairs sorted, then added left to right.
  auto orderedSum = [=](const std::string& value) {
    return [=](const std::string& filter) {
      return fmt::format("arraySum(arrayMap(p -> tupleElement(p, 2), arraySort(groupArrayIf(({}, "
                         "{}), {}))))",
                         at, nullable ? fmt::format("ifNull({}, 0)", value) : value,
                         present(filter));
    };
  };
  auto made = [&](const std::function<std::string(const std::string&)>& make) {
    return column(a.eventType, f, make);
  };
  auto count = [](const std::string& filter) { // countIf(1) reads a constant column per row
    return filter == "1" ? std::string("toInt64(count())")
                         : fmt::format("toInt64(countIf({}))", filter);
  };
  switch (a.fn) {
  case AggregateFn::Count:
    return fmt::format("coalesce({}, 0)", made(count));
  case AggregateFn::Decayed:
    if (a.halfLifeMicros)
      return fmt::format("coalesce({}, 0.)", made(orderedSum(decayWeight(*a.halfLifeMicros))));
    return fmt::format("toFloat64(coalesce({}, 0))", made(count));
  case AggregateFn::Exists:
    return fmt::format("(coalesce({}, 0) > 0)", made(count));
  case AggregateFn::Sum:
    if (a.type == ValueType::Float) return fmt::format("coalesce({}, 0.)", made(orderedSum(x)));
    return fmt::format("coalesce({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("toInt64(sumIf({}, {}))", x, present(filter));
                       }));
  case AggregateFn::Avg: {
    std::string sum = made(orderedSum("toFloat64(" + x + ")"));
    std::string n = made([=](const std::string& filter) {
      return fmt::format("toInt64(countIf({}))", present(filter));
    });
    return fmt::format("({} / nullIf({}, 0))", sum, n);
  }
  case AggregateFn::Min:
  case AggregateFn::Max:
  case AggregateFn::First:
  case AggregateFn::Last: {
    const bool min = a.fn == AggregateFn::Min || a.fn == AggregateFn::First;
    // minIf over no row of a group is the type's default, not null
    return made([=](const std::string& filter) {
      return fmt::format("if(countIf({0}) = 0, NULL, {1}If({2}, {0}))", present(filter),
                         min ? "min" : "max", x);
    });
  }
  case AggregateFn::Distinct: { // -0.0 and 0.0 are one value: x + 0. is +0 for both
    const std::string value = info->type.kind == TypeKind::Float ? "(" + x + " + 0.)" : x;
    return fmt::format("coalesce({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("toInt64(uniqExactIf({}, {}))", value, present(filter));
                       }));
  }
  case AggregateFn::Days: {
    const std::string day = floorDivide(context_, at, base::kMicrosPerDay);
    return fmt::format("coalesce({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("toInt64(uniqExactIf({}, {}))", day, filter);
                       }));
  }
  default:
    break;
  }
  reader.fail("this event aggregate");
  return {};
}

std::string EventAggregates::clickhouseSequence(const plan::Aggregate& a, ExprTranslator& reader) {
  // Per contact, the candidate times of each side (arrays), then whether some e1 has an e2
  // (another row) with e1.at <= e2.at <= e1.at + gap. A lambda sees no column, only its
  // arguments: the other side's array goes in as one (replicate).
  std::string conditions[2];
  const plan::NodeId filters[2] = {a.filter, a.thenFilter};
  for (int side = 0; side < 2; ++side) {
    if (filters[side] == plan::kNoNode) {
      conditions[side] = "1";
      continue;
    }
    ExprTranslator where(context_, plan::Scope::Event, nullptr, "c", "");
    std::string condition = where.translate(filters[side]);
    if (where.unsupported()) {
      reader.fail(where.unsupported()->construct, where.unsupported()->through);
      return {};
    }
    conditions[side] = "ifNull(" + condition + ", 0)";
  }
  const std::string at = quoteIdentifier("at");
  const std::string gap = a.gapMicros
                              ? fmt::format(" AND tupleElement(q, 1) <= tupleElement(p, 1) + {}",
                                            clickhouse::intLiteral(*a.gapMicros))
                              : "";
  const std::string first = context_.names.event(context_.schema.events[a.eventType].name);
  const std::string column = quoteIdentifier(fmt::format("seq_{}", sequences_.size()));
  std::string grouped;
  if (a.eventType == a.thenEventType) {
    grouped = fmt::format("SELECT contact_key, groupArray(({0}, seg_c1, seg_c2)) AS seg_events "
                          "FROM (SELECT contact_key, {0}, {1} AS seg_c1, {2} AS seg_c2 FROM {3}) "
                          "GROUP BY contact_key",
                          at, conditions[0], conditions[1], first);
  } else {
    const std::string then = context_.names.event(context_.schema.events[a.thenEventType].name);
    // Both sides in one array of (at, is e1, is e2): rows of two tables are never the same.
    grouped = fmt::format(
        "SELECT contact_key, groupArray(({0}, seg_c1, seg_c2)) AS seg_events FROM (SELECT "
        "contact_key, {0}, toUInt8({1}) AS seg_c1, toUInt8(0) AS seg_c2 FROM {2} UNION ALL SELECT "
        "contact_key, {0}, toUInt8(0) AS seg_c1, toUInt8({3}) AS seg_c2 FROM {4}) GROUP BY "
        "contact_key",
        at, conditions[0], first, conditions[1], then);
  }
  const std::string exists = fmt::format(
      "arrayExists((p, i, others) -> tupleElement(p, 2) AND arrayExists((q, j) -> j != i AND "
      "tupleElement(q, 3) AND tupleElement(q, 1) >= tupleElement(p, 1){}, others, "
      "arrayEnumerate(others)), seg_events, arrayEnumerate(seg_events), replicate(seg_events, "
      "seg_events))",
      gap);
  sequences_.push_back(
      {fmt::format("SELECT contact_key AS {{key}}, {0} FROM (\n  SELECT contact_key, toUInt8({1}) "
                   "AS {0}\n  FROM ({2})\n)",
                   column, exists, grouped),
       {column}});
  return fmt::format("(coalesce({}, 0) = 1)", column);
}

std::vector<EventAggregates::Joined>
EventAggregates::clickhouseJoins(const std::string& keyName) const {
  std::vector<Joined> out;
  for (const auto& [eventType, query] : events_) {
    if (query.columns.empty()) continue; // a refused aggregate's type
    Joined joined;
    std::string inner, outer;
    for (std::size_t i = 0; i < query.columns.size(); ++i) {
      std::string name =
          quoteIdentifier(fmt::format("e_{}_a{}", context_.schema.events[eventType].name, i));
      inner += fmt::format(",\n    {} AS {}", columnSql(query, query.columns[i]), name);
      outer += ", " + name;
      joined.columns.push_back(name);
    }
    // Grouped inside, renamed outside: an alias named like a property would shadow it.
    joined.sql = fmt::format("SELECT contact_key AS {}{} FROM (\n  SELECT contact_key{}\n  FROM "
                             "{}{}\n  GROUP BY contact_key\n)",
                             keyName, outer, inner, eventRows(eventType), windowWhere(query));
    joined.inner = query.inner;
    out.push_back(std::move(joined));
  }
  for (Joined sequence : sequences_) {
    sequence.sql.replace(sequence.sql.find("{key}"), 5, keyName);
    out.push_back(std::move(sequence));
  }
  return out;
}

std::string clickhouseRelation(const QueryContext& context,
                               const std::vector<EventAggregates::Joined>& joins,
                               const std::set<std::int32_t>& fields,
                               std::optional<std::size_t> driving) {
  const std::string key =
      quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  // Each join is a SELECT of its own: the fewer columns it carries, the less it moves.
  std::string columns = key;
  for (std::int32_t field : fields)
    if (field != context.schema.keyField)
      columns += ", " + quoteIdentifier(context.schema.contactFields[field].name);
  std::string relation = context.names.contacts();
  if (driving) {
    relation = "(\n" + joins[*driving].sql + "\n)";
    for (const std::string& column : joins[*driving].columns)
      columns += ", " + column;
  }
  for (std::size_t j = 0; j < joins.size(); ++j) {
    if (driving && j == *driving) continue;
    const EventAggregates::Joined& join = joins[j];
    for (const std::string& column : join.columns)
      columns += ", " + column;
    std::string indented;
    for (std::size_t start = 0; start < join.sql.size();) {
      std::size_t end = join.sql.find('\n', start);
      if (end == std::string::npos) end = join.sql.size() - 1;
      indented += "  " + join.sql.substr(start, end - start + 1);
      start = end + 1;
    }
    relation = fmt::format("(\nSELECT {}\nFROM {}\nANY {} JOIN (\n{}\n) USING {}\n)", columns,
                           relation, join.inner ? "INNER" : "LEFT", indented, key);
  }
  return relation;
}

} // namespace seg::sql

// Event aggregates as FILTERed aggregate columns of one grouped subquery per event type.
// Float sums and averages add in time order (`ORDER BY at` inside the aggregate), as the
// engines do, so the bits agree unless two of a contact's events share a timestamp (DuckDB:
// even then, equal times being added in load order).
#include "sql/SqlEventAggregates.h"

#include "base/CivilTime.h"
#include "sql/SqlClickHouse.h"
#include "sql/SqlExpr.h"

#include <fmt/format.h>
#include <functional>

namespace seg::sql {

using plan::AggregateFn;
using plan::ValueType;

std::string EventAggregates::column(std::int32_t eventType, const Filter& filter,
                                    const std::function<std::string(const std::string&)>& make) {
  auto [it, fresh] = events_.try_emplace(eventType);
  EventQuery& query = it->second;
  if (fresh) query.alias = quoteIdentifier("e_" + context_.schema.events[eventType].name);
  auto name = [&](std::size_t i) {
    // ClickHouse: the columns of a chain of joins, unqualified, so named apart
    if (context_.dialect == Dialect::ClickHouse)
      return quoteIdentifier(fmt::format("e_{}_a{}", context_.schema.events[eventType].name, i));
    return fmt::format("{}.a{}", query.alias, i);
  };
  // Two aggregates are one column when they read alike with every condition spelled out.
  std::vector<std::string> all = filter.window;
  if (!filter.where.empty()) all.push_back(filter.where);
  Column column{make(filterText(all)), make, filter};
  for (std::size_t i = 0; i < query.columns.size(); ++i)
    if (query.columns[i].key == column.key) return name(i);
  query.columns.push_back(std::move(column));
  return name(query.columns.size() - 1);
}

std::string EventAggregates::filterText(const std::vector<std::string>& conditions) const {
  std::string joined;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    joined += (i ? " AND " : "") + conditions[i];
  if (context_.dialect == Dialect::ClickHouse) return joined.empty() ? "1" : joined;
  return joined.empty() ? "" : " FILTER (WHERE " + joined + ")";
}

std::string EventAggregates::sharedWhere(const EventQuery& query) const {
  // A `where` every aggregate of the type has keeps out rows none of them counts: it goes
  // into the subquery's WHERE (a contact left without rows gets the empty-set values, as
  // when the FILTER keeps none of its rows).
  if (query.columns.empty()) return {};
  const std::string& first = query.columns.front().filter.where;
  for (const Column& column : query.columns)
    if (column.filter.where.empty() || column.filter.where != first) return {};
  return first;
}

std::string EventAggregates::columnSql(const EventQuery& query, const Column& column) const {
  // Conditions the subquery's WHERE already applies are left out of the column's filter.
  std::vector<std::string> conditions;
  const bool windowInWhere =
      !query.unbounded && query.start && context_.now && column.filter.windowStart == query.start;
  if (!windowInWhere) conditions = column.filter.window;
  if (!column.filter.where.empty() && sharedWhere(query).empty())
    conditions.push_back(column.filter.where);
  return column.make(filterText(conditions));
}

void EventAggregates::noteWindow(const plan::Aggregate& a) {
  EventQuery& query = events_[a.eventType];
  if (query.alias.empty())
    query.alias = quoteIdentifier("e_" + context_.schema.events[a.eventType].name);
  std::int64_t start = 0;
  if (!a.windowMicros || !context_.now ||
      __builtin_sub_overflow(*context_.now, *a.windowMicros, &start)) {
    query.unbounded = true;
    return;
  }
  query.start = query.start ? std::min(*query.start, start) : start;
}

std::string EventAggregates::windowWhere(const EventQuery& query) const {
  std::vector<std::string> conditions;
  const std::string at = quoteIdentifier("at");
  if (!query.unbounded && query.start && context_.now) {
    if (context_.dialect == Dialect::ClickHouse) {
      conditions.push_back(fmt::format("{} > {}", at, clickhouse::intLiteral(*query.start)));
      conditions.push_back(fmt::format("{} <= {}", at, clickhouse::intLiteral(*context_.now)));
    } else {
      conditions.push_back(compareTime(at, ">", *query.start, context_.dialect));
      conditions.push_back(compareTime(at, "<=", *context_.now, context_.dialect));
    }
  }
  if (std::string where = sharedWhere(query); !where.empty()) conditions.push_back(where);
  if (conditions.empty()) return {};
  std::string joined;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    joined += (i ? " AND " : "") + conditions[i];
  return "\n  WHERE " + joined;
}

std::string EventAggregates::decayWeight(std::int64_t halfLifeMicros) const {
  // The engines' weight (exec::decayWeight): 2 ^ −(age ÷ H), age = max(0, now − at) in
  // integer microseconds, then as a double. ClickHouse's exp2 is the C library's, as the
  // engines'; PostgreSQL and DuckDB have no exp2, and their power() (the C library's pow)
  // differs from exp2 in the last bit for about 1 weight in 1,000 (docs/warehouse.md).
  const std::string at = quoteIdentifier("at");
  if (context_.dialect == Dialect::ClickHouse)
    return fmt::format("exp2(-(toFloat64(greatest({} - {}, toInt64(0))) / toFloat64({})))",
                       nowMicros(context_), at, clickhouse::intLiteral(halfLifeMicros));
  // PostgreSQL's power() raises an error where its result underflows to 0: from 1,075
  // half-lives on
  const std::string halfLives =
      fmt::format("(CAST(GREATEST({} - {}, 0) AS DOUBLE PRECISION) / {}::float8)",
                  nowMicros(context_), microsOf(at, context_.dialect), halfLifeMicros);
  return fmt::format("CASE WHEN {0} < 1075 THEN power(2::float8, -{0}) ELSE 0::float8 END",
                     halfLives);
}

std::string EventAggregates::reference(std::int32_t index, ExprTranslator& reader) {
  const plan::Aggregate& a = context_.plan.aggregates[index];
  // Every event aggregate takes its one argument (`E …` or `E.p …`).
  if (auto f = plan::functionAggregating(a.fn); f && reader.refusedByDialect(*f, 1)) return {};
  if (a.fn != AggregateFn::Sequence) noteWindow(a);
  switch (a.fn) {
  case AggregateFn::First:
  case AggregateFn::Last:
    // first(E.at) and last(E.at) are min and max, whatever the order of equal times; of
    // another property they depend on load order for equal times. PostgreSQL keeps it in
    // the rows' physical order (ctid), DuckDB in rowid (insertion order): `seg export` COPYs
    // the events in load order into emptied tables. ClickHouse keeps no such order.
    if (a.property != 0 && context_.dialect == Dialect::ClickHouse) {
      reader.fail(fmt::format("{}() of a property other than at",
                              a.fn == AggregateFn::First ? "first" : "last"));
      return {};
    }
    break;
  case AggregateFn::Sequence:
    if (context_.dialect == Dialect::ClickHouse) return clickhouseSequence(a, reader);
    return sequence(a, reader);
  default:
    break;
  }

  // The filter: the window, then the `where` (only true keeps an event).
  const std::string at = quoteIdentifier("at");
  Filter f;
  if (a.windowMicros && context_.dialect == Dialect::ClickHouse) { // `at` is Int64 µs
    std::int64_t start = 0;
    const std::string now = nowMicros(context_);
    if (!context_.now) {
      f.window.push_back(fmt::format("{} > {} - {}", at, now, *a.windowMicros));
    } else if (!__builtin_sub_overflow(*context_.now, *a.windowMicros, &start)) {
      f.window.push_back(fmt::format("{} > {}", at, clickhouse::intLiteral(start)));
      f.windowStart = start;
    }
    f.window.push_back(
        fmt::format("{} <= {}", at, context_.now ? clickhouse::intLiteral(*context_.now) : now));
  } else if (a.windowMicros) {
    if (context_.now) {
      std::int64_t start = 0; // no lower bound when now − window is below every time
      if (!__builtin_sub_overflow(*context_.now, *a.windowMicros, &start)) {
        f.window.push_back(compareTime(at, ">", start, context_.dialect));
        f.windowStart = start;
      }
      f.window.push_back(compareTime(at, "<=", *context_.now, context_.dialect));
    } else if (context_.dialect == Dialect::DuckDb) {
      // DuckDB multiplies an INTERVAL by an INT32 only (and adds one to a TIMESTAMPTZ with
      // the ICU extension): the distance in integer microseconds, which cannot overflow.
      f.window.push_back(fmt::format("{} - {} < {}", nowMicros(context_),
                                     microsOf(at, context_.dialect), *a.windowMicros));
      f.window.push_back(fmt::format("{} <= now()", at));
    } else {
      f.window.push_back(
          fmt::format("{} > now() - {} * INTERVAL '1 microsecond'", at, *a.windowMicros));
      f.window.push_back(fmt::format("{} <= now()", at));
    }
  }
  if (a.filter != plan::kNoNode) {
    ExprTranslator where(context_, plan::Scope::Event, nullptr);
    std::set<std::int32_t> contactFields; // joined to this type's events
    where.setFieldsRead(&contactFields);
    std::string condition = where.translate(a.filter);
    if (where.unsupported()) {
      reader.fail(where.unsupported()->construct, where.unsupported()->through);
      return {};
    }
    events_[a.eventType].contactFields.insert(contactFields.begin(), contactFields.end());
    f.where = context_.dialect == Dialect::ClickHouse ? "ifNull(" + condition + ", 0)"
                                                      : condition + " IS TRUE";
  }
  if (context_.dialect == Dialect::ClickHouse) return clickhouseColumn(a, f, reader);

  std::string property;
  const FieldInfo* info = nullptr;
  if (a.property >= 0) {
    info = &context_.schema.events[a.eventType].properties[a.property];
    property = quoteIdentifier(info->name);
    if (info->type.kind == TypeKind::Timestamp) property = microsOf(property, context_.dialect);
  }
  const bool isString = info != nullptr && info->type.kind == TypeKind::String;
  if (info != nullptr && info->type.kind == TypeKind::Enum && a.fn != AggregateFn::Distinct) {
    reader.fail("an aggregate of an enum property");
    return {};
  }
  // The column, made from its final FILTER clause ("" for none).
  auto made = [&](const std::function<std::string(const std::string&)>& make) {
    return column(a.eventType, f, make);
  };
  const std::string order = additionOrder(context_); // of float sums

  switch (a.fn) {
  case AggregateFn::Count:
    return fmt::format("COALESCE({}, 0)",
                       made([](const std::string& filter) { return "count(*)" + filter; }));
  case AggregateFn::Decayed:
    if (a.halfLifeMicros) { // the weights added in time order; equal times weigh the same
      const std::string weight = decayWeight(*a.halfLifeMicros);
      return fmt::format("COALESCE({}, 0::float8)", made([=](const std::string& filter) {
                           return fmt::format("sum({} ORDER BY {}){}", weight, order, filter);
                         }));
    }
    // without a half-life: the count, as a float
    return fmt::format("CAST(COALESCE({}, 0) AS DOUBLE PRECISION)",
                       made([](const std::string& filter) { return "count(*)" + filter; }));
  case AggregateFn::Exists:
    return fmt::format("(COALESCE({}, 0) > 0)",
                       made([](const std::string& filter) { return "count(*)" + filter; }));
  case AggregateFn::Sum:
    if (a.type == ValueType::Float)
      return fmt::format("COALESCE({}, 0::float8)", made([=](const std::string& filter) {
                           return fmt::format("sum({} ORDER BY {}){}", property, order, filter);
                         }));
    // sum(bigint) is a NUMERIC in PostgreSQL
    return fmt::format("COALESCE({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("CAST(sum({}){} AS BIGINT)", property, filter);
                       }));
  case AggregateFn::Avg: {
    std::string sum = made([=](const std::string& filter) {
      return fmt::format("sum(CAST({} AS DOUBLE PRECISION) ORDER BY {}){}", property, order,
                         filter);
    });
    std::string count = made(
        [=](const std::string& filter) { return fmt::format("count({}){}", property, filter); });
    return fmt::format("({} / NULLIF({}, 0))", sum, count);
  }
  case AggregateFn::First:
  case AggregateFn::Last:
    if (a.property != 0) { // the value on the earliest (latest) row by (at, ctid or rowid)
      const char* direction = a.fn == AggregateFn::First ? "" : " DESC";
      // qualified: the table may be joined to the contact fields a `where` reads
      const std::string row = context_.names.event(context_.schema.events[a.eventType].name) + "." +
                              rowIdentity(context_);
      return made([=](const std::string& filter) {
        return fmt::format("(array_agg({} ORDER BY {}{}, {}{}){})[1]", property, at, direction, row,
                           direction, filter);
      });
    }
    [[fallthrough]];
  case AggregateFn::Min:
  case AggregateFn::Max: {
    const bool min = a.fn == AggregateFn::Min || a.fn == AggregateFn::First;
    return made([=](const std::string& filter) {
      return fmt::format("{}({}{}){}", min ? "min" : "max", property,
                         isString ? " COLLATE \"C\"" : "", filter);
    });
  }
  case AggregateFn::Distinct:
    return fmt::format("COALESCE({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("count(DISTINCT {}){}", property, filter);
                       }));
  case AggregateFn::Days: { // UTC days: floor(at ÷ 86 400 s), in integer microseconds
    const std::string day =
        floorDivide(context_, microsOf(at, context_.dialect), base::kMicrosPerDay);
    return fmt::format("COALESCE({}, 0)", made([=](const std::string& filter) {
                         return fmt::format("count(DISTINCT {}){}", day, filter);
                       }));
  }
  default:
    break;
  }
  reader.fail("this event aggregate");
  return {};
}

std::string EventAggregates::sequence(const plan::Aggregate& a, ExprTranslator& reader) {
  // Some e1 and a different e2 with e1.at <= e2.at <= e1.at + gap; events after now count,
  // and the sequence has no window of its own. Two rows of one table differ by ctid (DuckDB:
  // rowid).
  const std::string at = quoteIdentifier("at");
  std::vector<std::string> conditions = {"s1.contact_key = " + contactKey_};
  for (auto [filter, alias] : {std::pair{a.filter, "s1"}, std::pair{a.thenFilter, "s2"}}) {
    if (filter == plan::kNoNode) continue;
    ExprTranslator where(context_, plan::Scope::Event, nullptr, "c", alias);
    std::string condition = where.translate(filter);
    if (where.unsupported()) {
      reader.fail(where.unsupported()->construct, where.unsupported()->through);
      return {};
    }
    conditions.push_back("(" + condition + ") IS TRUE");
  }
  std::string join = fmt::format("s2.contact_key = s1.contact_key AND s2.{} >= s1.{}", at, at);
  if (a.gapMicros && context_.dialect == Dialect::DuckDb) // as the window: in microseconds
    join += fmt::format(" AND {} - {} <= {}", microsOf("s2." + at, context_.dialect),
                        microsOf("s1." + at, context_.dialect), *a.gapMicros);
  else if (a.gapMicros)
    join +=
        fmt::format(" AND s2.{} <= s1.{} + {} * INTERVAL '1 microsecond'", at, at, *a.gapMicros);
  if (a.eventType == a.thenEventType)
    join += fmt::format(" AND s2.{0} <> s1.{0}", rowIdentity(context_));
  std::string where;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    where += (i ? " AND " : "") + conditions[i];
  return fmt::format("EXISTS (SELECT 1 FROM {} AS s1 JOIN {} AS s2 ON {} WHERE {})",
                     context_.names.event(context_.schema.events[a.eventType].name),
                     context_.names.event(context_.schema.events[a.thenEventType].name), join,
                     where);
}

std::vector<std::int32_t> EventAggregates::eventTypes() const {
  std::vector<std::int32_t> out;
  for (const auto& [eventType, query] : events_)
    if (!query.columns.empty()) out.push_back(eventType);
  return out;
}

std::string EventAggregates::aliasOf(std::int32_t eventType) const {
  return quoteIdentifier("e_" + context_.schema.events[eventType].name);
}

std::string EventAggregates::grouped(std::int32_t eventType) const {
  const EventQuery& query = events_.at(eventType);
  std::string columns;
  for (std::size_t i = 0; i < query.columns.size(); ++i)
    columns += fmt::format(",\n    {} AS a{}", columnSql(query, query.columns[i]), i);
  return fmt::format("(\n  SELECT contact_key{}\n  FROM {}{}\n  GROUP BY contact_key\n) AS {}",
                     columns, eventRows(eventType), windowWhere(query), query.alias);
}

std::string EventAggregates::eventRows(std::int32_t eventType) const {
  std::string table = context_.names.event(context_.schema.events[eventType].name);
  const std::set<std::int32_t>& fields = events_.at(eventType).contactFields;
  if (fields.empty()) return table;
  // The contact fields a `where` reads, under names no event column has; an event whose
  // contact is not in the table has no fields and is in no segment anyway.
  const bool ch = context_.dialect == Dialect::ClickHouse;
  const std::string key =
      quoteIdentifier(context_.schema.contactFields[context_.schema.keyField].name);
  std::string columns = fmt::format("{} AS {}", key, ch ? "contact_key" : "seg_key");
  for (std::int32_t field : fields) {
    const std::string& name = context_.schema.contactFields[field].name;
    columns += fmt::format(", {} AS {}", quoteIdentifier(name),
                           quoteIdentifier(contactFieldOfEvents(name)));
  }
  if (ch)
    return fmt::format("{} ANY INNER JOIN (SELECT {} FROM {}) USING contact_key", table, columns,
                       context_.names.contacts());
  return fmt::format("{} JOIN (SELECT {} FROM {}) AS seg_c ON seg_c.seg_key = contact_key", table,
                     columns, context_.names.contacts());
}

std::string EventAggregates::joins() const {
  std::string out;
  for (const auto& [eventType, query] : events_) {
    if (query.columns.empty()) continue; // a refused aggregate's type
    out += fmt::format("{}JOIN {} ON {}.contact_key = {}\n", query.inner ? "" : "LEFT ",
                       grouped(eventType), query.alias, contactKey_);
  }
  return out;
}

std::string EventAggregates::fromEvents(std::int32_t driving) const {
  std::string out = "FROM " + grouped(driving) + "\n";
  for (const auto& [eventType, query] : events_) {
    if (query.columns.empty() || eventType == driving) continue;
    out += fmt::format("{}JOIN {} ON {}.contact_key = {}\n", query.inner ? "" : "LEFT ",
                       grouped(eventType), query.alias, contactKey_);
  }
  return out;
}

} // namespace seg::sql

// Event aggregates, one straightforward scan each: find the contact's events, narrow them
// to the window by binary search on `at`, keep those whose filter is true, then fold.
#include "EventAggregates.h"

#include "ColumnValues.h"
#include "Scalars.h"
#include "ValueFolds.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace seg::exec {
namespace {

using plan::AggregateFn;
using runtime::ValueKind;

ValueType valueTypeOfKind(ValueKind kind) {
  switch (kind) {
  case ValueKind::Int:
    return ValueType::Int;
  case ValueKind::Float:
    return ValueType::Float;
  case ValueKind::Bool:
    return ValueType::Bool;
  case ValueKind::String:
    return ValueType::String;
  case ValueKind::Enum:
    return ValueType::Enum;
  case ValueKind::Timestamp:
    return ValueType::Timestamp;
  }
  return ValueType::Int;
}

// One contact's events of one type: store rows [begin, end) of `table`.
struct EventRange {
  const runtime::EventTable* table = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

EventRange eventsOf(const runtime::Store& store, std::int32_t eventType, std::size_t row) {
  const runtime::EventTable& table = store.events.at(eventType);
  // A table without offsets has no events at all.
  if (row + 1 >= table.offsets.size()) return {&table, 0, 0};
  return {&table, table.offsets[row], table.offsets[row + 1]};
}

// Keeps now − window < at ≤ now. Events are sorted by `at` within a contact.
EventRange inWindow(EventRange range, std::int64_t now, std::int64_t window) {
  if (range.begin == range.end) return range;
  const std::int64_t* at = range.table->at().data();
  const std::int64_t* first = at + range.begin;
  const std::int64_t* last = at + range.end;
  std::int64_t low = 0;
  // now − window below INT64_MIN: every event is after the window's start.
  const std::int64_t* from =
      __builtin_sub_overflow(now, window, &low) ? first : std::upper_bound(first, last, low);
  const std::int64_t* to = std::max(from, std::upper_bound(first, last, now));
  return {range.table, static_cast<std::size_t>(from - at), static_cast<std::size_t>(to - at)};
}

// The store rows of the events in `range` whose filter is true (null counts as false).
std::vector<std::size_t> matching(Evaluator& evaluator, std::int32_t eventType, EventRange range,
                                  plan::NodeId filter) {
  std::vector<std::size_t> rows;
  for (std::size_t e = range.begin; e < range.end; ++e) {
    if (filter != plan::kNoNode) {
      evaluator.beginEvent(eventType, e);
      if (!evaluator.eval(filter).isTrue()) continue;
    }
    rows.push_back(e);
  }
  return rows;
}

// Some e1 and a different e2 with e1.at ≤ e2.at ≤ e1.at + gap.
bool sequenceHolds(const runtime::EventTable& firstTable, const std::vector<std::size_t>& firsts,
                   const runtime::EventTable& thenTable, const std::vector<std::size_t>& thens,
                   bool sameType, std::optional<std::int64_t> gap) {
  auto firstAt = firstTable.at();
  auto thenAt = thenTable.at();
  for (std::size_t e1 : firsts) {
    std::int64_t start = firstAt[e1];
    std::int64_t limit = std::numeric_limits<std::int64_t>::max();
    if (gap && __builtin_add_overflow(start, *gap, &limit))
      limit = std::numeric_limits<std::int64_t>::max();
    // `thens` is in time order: start at the first e2 not before e1.
    auto it = std::partition_point(thens.begin(), thens.end(),
                                   [&](std::size_t e2) { return thenAt[e2] < start; });
    for (; it != thens.end() && thenAt[*it] <= limit; ++it)
      if (!(sameType && *it == e1)) return true;
  }
  return false;
}

} // namespace

Value computeAggregate(Evaluator& evaluator, const plan::Aggregate& a) {
  const BoundPlan& bound = evaluator.bound();
  const runtime::Store& store = *bound.store;
  const std::int64_t now = bound.now;
  const Evaluator::EventContext saved = evaluator.eventContext();

  EventRange range = eventsOf(store, a.eventType, evaluator.row());
  if (a.fn == AggregateFn::Sequence) {
    EventRange thenRange = eventsOf(store, a.thenEventType, evaluator.row());
    std::vector<std::size_t> firsts = matching(evaluator, a.eventType, range, a.filter);
    std::vector<std::size_t> thens = matching(evaluator, a.thenEventType, thenRange, a.thenFilter);
    evaluator.restoreEventContext(saved);
    return Value::boolean(sequenceHolds(*range.table, firsts, *thenRange.table, thens,
                                        a.eventType == a.thenEventType, a.gapMicros));
  }
  if (a.windowMicros) range = inWindow(range, now, *a.windowMicros);
  std::vector<std::size_t> rows = matching(evaluator, a.eventType, range, a.filter);
  evaluator.restoreEventContext(saved);

  const runtime::EventTable& table = *range.table;
  auto at = table.at();
  // The property's value on each matching event (nulls included), for the folds below.
  std::vector<Value> values;
  ValueType propertyType = ValueType::Int;
  if (a.property >= 0) {
    const runtime::Column& column = table.columns.at(a.property);
    const runtime::Dictionary* dictionary =
        column.kind() == ValueKind::String ? &table.dictionaries.at(a.property) : nullptr;
    propertyType = valueTypeOfKind(column.kind());
    for (std::size_t e : rows)
      values.push_back(readStoreValue(column, dictionary, e));
  }
  std::vector<Value> present; // the non-null values
  for (const Value& v : values)
    if (v.valid) present.push_back(v);

  switch (a.fn) {
  case AggregateFn::Count:
    return Value::integer(static_cast<std::int64_t>(rows.size()));
  case AggregateFn::Exists:
    return Value::boolean(!rows.empty());
  case AggregateFn::Sum: {
    if (a.type == ValueType::Float && propertyType != ValueType::Float)
      for (Value& v : present)
        v = Value::real(static_cast<double>(v.i));
    return sumOf(a.type == ValueType::Float ? ValueType::Float : ValueType::Int, present);
  }
  case AggregateFn::Avg:
    return meanOf(propertyType, present);
  case AggregateFn::Min:
    return minOf(propertyType, present);
  case AggregateFn::Max:
    return maxOf(propertyType, present);
  case AggregateFn::First:
    // Events are in time order, equal times in load order: the first is the earliest.
    return values.empty() ? Value::null() : values.front();
  case AggregateFn::Last:
    return values.empty() ? Value::null() : values.back();
  case AggregateFn::Distinct: {
    std::sort(present.begin(), present.end(),
              [&](const Value& x, const Value& y) { return less(propertyType, x, y); });
    auto last = std::unique(present.begin(), present.end(), [&](const Value& x, const Value& y) {
      return equal(propertyType, x, y);
    });
    return Value::integer(static_cast<std::int64_t>(last - present.begin()));
  }
  case AggregateFn::Days: {
    std::vector<std::int64_t> days;
    days.reserve(rows.size());
    for (std::size_t e : rows)
      days.push_back(floorDiv(at[e], kMicrosPerDay));
    std::sort(days.begin(), days.end());
    return Value::integer(
        static_cast<std::int64_t>(std::unique(days.begin(), days.end()) - days.begin()));
  }
  case AggregateFn::Decayed: {
    double sum = 0;
    for (std::size_t e : rows) {
      if (!a.halfLifeMicros) {
        sum += 1.0;
        continue;
      }
      // Events after `now` count in full: age max(0, now − at).
      sum += decayWeight(now, at[e], *a.halfLifeMicros);
    }
    return Value::real(sum);
  }
  case AggregateFn::Sequence:
    break;
  }
  return Value::null();
}

} // namespace seg::exec

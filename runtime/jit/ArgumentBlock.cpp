// Binding: from ArgEntry descriptions to the words a kernel call passes.
#include "ArgumentBlock.h"

#include "exec/KindMatch.h"
#include "plan/PlanPrinter.h"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>
#include <stdexcept>

namespace seg::jit {
namespace {

using exec::kindMatches;
using plan::AggregateFn;
using plan::Op;
using plan::ValueType;
using runtime::ValueKind;

[[noreturn]] void fail(const std::string& message) {
  throw std::invalid_argument(message);
}

std::uint64_t address(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

bool hasNulls(const runtime::Column& column) {
  const std::uint64_t* words = column.validity();
  if (words == nullptr) return false;
  const std::size_t rows = column.size();
  for (std::size_t w = 0; w < rows / 64; ++w)
    if (words[w] != ~std::uint64_t{0}) return true;
  if (rows % 64 != 0) {
    std::uint64_t mask = (std::uint64_t{1} << (rows % 64)) - 1;
    if ((words[rows / 64] & mask) != mask) return true;
  }
  return false;
}

const runtime::EventTable& eventTable(const runtime::Store& store, std::int32_t type) {
  if (type < 0 || static_cast<std::size_t>(type) >= store.events.size())
    fail(fmt::format("the program reads event type {}, which the data does not have", type));
  return store.events[type];
}

const runtime::Column& eventColumn(const runtime::Store& store, std::int32_t type,
                                   std::int32_t property) {
  const runtime::EventTable& table = eventTable(store, type);
  if (property < 0 || static_cast<std::size_t>(property) >= table.columns.size())
    fail(fmt::format("the program reads property {} of event type '{}', which the data does not "
                     "have",
                     property, store.schema.events.at(type).name));
  const runtime::Column& column = table.columns[property];
  if (column.size() != table.rows)
    fail(fmt::format("property {} of event type '{}' has {} rows, not {}", property,
                     store.schema.events.at(type).name, column.size(), table.rows));
  return column;
}

// An event type without any events may come without columns: nothing is ever read.
bool noEvents(const runtime::Store& store, std::int32_t type, std::int32_t property) {
  const runtime::EventTable& table = eventTable(store, type);
  return table.rows == 0 &&
         (property < 0 || static_cast<std::size_t>(property) >= table.columns.size());
}

// Each entry's position in bytewise text order (entries are distinct texts), plus a spare
// entry so that code reading the table for a clamped code never reads past it.
std::vector<std::uint32_t> textOrder(const runtime::Dictionary& dictionary) {
  std::vector<std::uint32_t> byText(dictionary.size());
  std::iota(byText.begin(), byText.end(), 0u);
  std::sort(byText.begin(), byText.end(),
            [&](std::uint32_t a, std::uint32_t b) { return dictionary.at(a) < dictionary.at(b); });
  std::vector<std::uint32_t> order(dictionary.size() + 1, 0);
  for (std::size_t k = 0; k < byText.size(); ++k)
    order[byText[k]] = static_cast<std::uint32_t>(k);
  return order;
}

const runtime::Column& contactColumn(const runtime::Store& store, std::int32_t field) {
  if (field < 0 || static_cast<std::size_t>(field) >= store.contacts.columns.size())
    fail(fmt::format("the program reads contact field {}, which the data does not have", field));
  const runtime::Column& column = store.contacts.columns[field];
  if (column.size() != store.contacts.rows)
    fail(fmt::format("contact field '{}' has {} rows, not {}",
                     store.schema.contactFields.at(field).name, column.size(),
                     store.contacts.rows));
  return column;
}

} // namespace

void checkStoreForJit(const exec::BoundPlan& bound) {
  const plan::Plan& plan = *bound.plan;
  const runtime::Store& store = *bound.store;
  for (const plan::Node& n : plan.nodes) {
    if (n.op == Op::ContactField) {
      const runtime::Column& column = contactColumn(store, n.index);
      const std::string& name = store.schema.contactFields.at(n.index).name;
      if (!kindMatches(column.kind(), n.type))
        fail(fmt::format("contact field '{}' is {} in the data, the program reads {}", name,
                         runtime::valueKindName(column.kind()), plan::valueTypeName(n.type)));
      if (!n.nullable && hasNulls(column))
        fail(fmt::format("contact field '{}' has nulls, but the program was compiled for a "
                         "field without any",
                         name));
    } else if (n.op == Op::EventField) {
      if (noEvents(store, n.eventType, n.index)) continue;
      const runtime::Column& column = eventColumn(store, n.eventType, n.index);
      const std::string& event = store.schema.events.at(n.eventType).name;
      if (!kindMatches(column.kind(), n.type))
        fail(fmt::format("property {} of event '{}' is {} in the data, the program reads {}",
                         n.index, event, runtime::valueKindName(column.kind()),
                         plan::valueTypeName(n.type)));
      if (!n.nullable && hasNulls(column))
        fail(fmt::format("property {} of event '{}' has nulls, but the program was compiled for "
                         "a property without any",
                         n.index, event));
    }
  }
  for (const plan::Aggregate& a : plan.aggregates) {
    for (std::int32_t type : {a.eventType, a.thenEventType}) {
      if (type < 0) continue;
      const runtime::EventTable& table = eventTable(store, type);
      if (!table.offsets.empty() && table.offsets.size() != store.contacts.rows + 1)
        fail(fmt::format("event type {} has {} offsets for {} contacts", type, table.offsets.size(),
                         store.contacts.rows));
      if (table.rows == 0) continue;
      const runtime::Column& at = eventColumn(store, type, 0);
      if (at.kind() != ValueKind::Timestamp || hasNulls(at))
        fail(fmt::format("event type '{}' needs an `at` timestamp on every event",
                         store.schema.events.at(type).name));
    }
    if (a.property < 0 || noEvents(store, a.eventType, a.property)) continue;
    const runtime::Column& column = eventColumn(store, a.eventType, a.property);
    const ValueKind kind = column.kind();
    bool ok = true;
    switch (a.fn) {
    case AggregateFn::Sum:
      ok = a.type == ValueType::Float ? (kind == ValueKind::Int || kind == ValueKind::Float ||
                                         kind == ValueKind::Timestamp)
                                      : (kind == ValueKind::Int || kind == ValueKind::Timestamp);
      break;
    case AggregateFn::Avg:
      ok = kind == ValueKind::Int || kind == ValueKind::Float || kind == ValueKind::Timestamp;
      break;
    case AggregateFn::Min:
    case AggregateFn::Max:
    case AggregateFn::First:
    case AggregateFn::Last:
      ok = kindMatches(kind, a.type);
      break;
    default:
      break;
    }
    if (!ok)
      fail(fmt::format("{}() over property {} of event '{}': the data holds {} values",
                       plan::aggregateFnName(a.fn), a.property,
                       store.schema.events.at(a.eventType).name, runtime::valueKindName(kind)));
  }
}

ArgumentBlock::ArgumentBlock(const ArgLayout& layout, const exec::BoundPlan& bound)
    : bound_(bound) {
  checkStoreForJit(bound);
  // One all-valid bitmap long enough for any column the code reads, allocated before
  // addresses are taken (only the event tables it reads: page views can be 15 M rows).
  std::size_t longest = bound.store->contacts.rows;
  for (const ArgEntry& entry : layout)
    if (entry.kind == ArgKind::EventValidity && entry.a >= 0 &&
        static_cast<std::size_t>(entry.a) < bound.store->events.size())
      longest = std::max(longest, bound.store->events[entry.a].rows);
  allValid_.assign(runtime::bitmapWords(longest) + 1, ~std::uint64_t{0});
  words_.reserve(layout.size());
  for (const ArgEntry& entry : layout)
    words_.push_back(resolve(entry));
}

const std::uint64_t* ArgumentBlock::allValid(std::size_t rows) {
  if (allValid_.size() < runtime::bitmapWords(rows)) fail("a column is longer than its table");
  return allValid_.data();
}

std::uint64_t ArgumentBlock::resolve(const ArgEntry& e) {
  const plan::Plan& plan = *bound_.plan;
  const runtime::Store& store = *bound_.store;
  const std::size_t rows = store.contacts.rows;
  auto column = [&](const std::vector<exec::ContactColumn>& columns, std::int32_t index,
                    ValueType type, const char* what) -> const exec::ContactColumn& {
    if (index < 0 || static_cast<std::size_t>(index) >= columns.size())
      fail(fmt::format("the bound plan has no {} {}", what, index));
    const exec::ContactColumn& c = columns[index];
    if (c.type != type || c.values.size() != rows * exec::widthOf(type) ||
        c.validity.size() < runtime::bitmapWords(rows))
      fail(fmt::format("{} {} of the bound plan is not a column of {} rows", what, index, rows));
    return c;
  };
  auto leaf = [&](std::int32_t node) -> const plan::Node& {
    if (node < 0 || static_cast<std::size_t>(node) >= plan.nodes.size())
      fail(fmt::format("plan node %{} does not exist", node));
    return plan.nodes[node];
  };
  auto dictionary = [&](std::int32_t node) -> const runtime::Dictionary& {
    try {
      return bound_.dictionaryOf(leaf(node));
    } catch (const std::logic_error& error) {
      fail(error.what());
    }
  };

  switch (e.kind) {
  case ArgKind::Now:
    return static_cast<std::uint64_t>(bound_.now);
  case ArgKind::ContactValues:
    return address(contactColumn(store, e.a).rawValues());
  case ArgKind::ContactValidity: {
    const runtime::Column& c = contactColumn(store, e.a);
    return address(c.validity() ? c.validity() : allValid(rows));
  }
  case ArgKind::EventOffsets: {
    const runtime::EventTable& table = eventTable(store, e.a);
    if (table.offsets.size() == rows + 1) return address(table.offsets.data());
    noEvents_.emplace_back(rows + 1, 0u); // a type without offsets has no events at all
    return address(noEvents_.back().data());
  }
  case ArgKind::EventValues:
    if (noEvents(store, e.a, e.b)) return address(allValid_.data()); // never read
    return address(eventColumn(store, e.a, e.b).rawValues());
  case ArgKind::EventValidity: {
    if (noEvents(store, e.a, e.b)) return address(allValid_.data());
    const runtime::Column& c = eventColumn(store, e.a, e.b);
    return address(c.validity() ? c.validity() : allValid(c.size()));
  }
  case ArgKind::PropertyWidth:
    if (noEvents(store, e.a, e.b)) return 8;
    return runtime::physicalWidth(eventColumn(store, e.a, e.b).kind());
  case ArgKind::PropertyIsFloat:
    if (noEvents(store, e.a, e.b)) return 0;
    return eventColumn(store, e.a, e.b).kind() == ValueKind::Float ? 1 : 0;
  case ArgKind::SlotValues:
    return address(column(bound_.slots, e.a, plan.slots.at(e.a).type, "slot").values.data());
  case ArgKind::SlotValidity:
    return address(column(bound_.slots, e.a, plan.slots.at(e.a).type, "slot").validity.data());
  case ArgKind::RankValues:
    return address(column(bound_.ranks, e.a, ValueType::Int, "rank").values.data());
  case ArgKind::RankValidity:
    return address(column(bound_.ranks, e.a, ValueType::Int, "rank").validity.data());
  case ArgKind::DictionarySize:
    return dictionary(e.a).size();
  case ArgKind::StringCode: {
    std::optional<std::uint32_t> code = dictionary(e.a).find(e.text);
    return code ? *code : kAbsentCode;
  }
  case ArgKind::PropertyDictionarySize:
  case ArgKind::PropertyTextOrder: {
    const runtime::Dictionary* d = nullptr;
    if (!noEvents(store, e.a, e.b)) {
      const runtime::EventTable& table = eventTable(store, e.a);
      if (eventColumn(store, e.a, e.b).kind() != ValueKind::String ||
          static_cast<std::size_t>(e.b) >= table.dictionaries.size())
        fail(fmt::format("property {} of event type '{}' is not a string with a dictionary", e.b,
                         store.schema.events.at(e.a).name));
      d = &table.dictionaries[e.b];
    }
    if (e.kind == ArgKind::PropertyDictionarySize) return d ? d->size() : 0;
    textOrders_.push_back(d ? textOrder(*d) : std::vector<std::uint32_t>(1, 0));
    return address(textOrders_.back().data());
  }
  case ArgKind::TableValues:
  case ArgKind::TableValid: {
    auto it = bound_.stringTableOf.find(static_cast<plan::NodeId>(e.a));
    if (it == bound_.stringTableOf.end() || it->second >= bound_.strings.size())
      fail(fmt::format("no string table is bound for plan node %{}", e.a));
    const exec::StringTable& table = bound_.strings[it->second];
    const plan::Node& lut = leaf(e.a);
    // The code indexes up to the dictionary's size (the null entry): check it is there. A
    // lookup without a leaf has that entry only.
    const std::size_t entries =
        lut.operands.empty() ? 1
                             : dictionary(static_cast<std::int32_t>(lut.operands[0])).size() + 1;
    if (table.type != lut.type || table.entries != entries ||
        table.values.size() != entries * exec::widthOf(table.type) || table.valid.size() != entries)
      fail(fmt::format("the string table of plan node %{} does not match its dictionary", e.a));
    if (e.kind == ArgKind::TableValid) return address(table.valid.data());
    if (table.type != ValueType::Bool) return address(table.values.data());
    std::vector<std::uint8_t> packed(entries);
    const auto* values = table.data<std::uint8_t>();
    for (std::size_t i = 0; i < entries; ++i)
      packed[i] = static_cast<std::uint8_t>((values[i] != 0 ? 1 : 0) | (table.valid[i] ? 2 : 0));
    boolTables_.push_back(std::move(packed));
    return address(boolTables_.back().data());
  }
  }
  fail("unknown argument kind in the program's layout");
}

} // namespace seg::jit

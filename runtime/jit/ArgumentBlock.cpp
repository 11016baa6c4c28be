// Binding: from ArgEntry descriptions to the words a kernel call passes.
#include "ArgumentBlock.h"

#include "exec/KindMatch.h"
#include "plan/PlanPrinter.h"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

namespace seg::jit {

// The first reason the data does not fit the code; the checks after it return early.
class Misfit {
public:
  // Returns nullptr, for the lookups that fail through it.
  std::nullptr_t operator()(std::string message) {
    if (!reason) reason = std::move(message);
    return nullptr;
  }
  explicit operator bool() const { return reason.has_value(); }

  std::optional<std::string> reason;
};

namespace {

using exec::kindMatches;
using plan::AggregateFn;
using plan::Op;
using plan::ValueType;
using runtime::ValueKind;

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

const runtime::EventTable* eventTable(const runtime::Store& store, std::int32_t type,
                                      Misfit& misfit) {
  if (type < 0 || static_cast<std::size_t>(type) >= store.events.size())
    return misfit(
        fmt::format("the program reads event type {}, which the data does not have", type));
  return &store.events[type];
}

const runtime::Column* eventColumn(const runtime::Store& store, std::int32_t type,
                                   std::int32_t property, Misfit& misfit) {
  const runtime::EventTable* table = eventTable(store, type, misfit);
  if (table == nullptr) return nullptr;
  if (property < 0 || static_cast<std::size_t>(property) >= table->columns.size())
    return misfit(fmt::format("the program reads property {} of event type '{}', which the data "
                              "does not have",
                              property, store.schema.events.at(type).name));
  const runtime::Column& column = table->columns[property];
  if (column.size() != table->rows)
    return misfit(fmt::format("property {} of event type '{}' has {} rows, not {}", property,
                              store.schema.events.at(type).name, column.size(), table->rows));
  return &column;
}

// An event type without any events may come without columns: nothing is ever read. An
// unknown type has events to read, which eventColumn then refuses.
bool noEvents(const runtime::Store& store, std::int32_t type, std::int32_t property) {
  if (type < 0 || static_cast<std::size_t>(type) >= store.events.size()) return false;
  const runtime::EventTable& table = store.events[type];
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

const runtime::Column* contactColumn(const runtime::Store& store, std::int32_t field,
                                     Misfit& misfit) {
  if (field < 0 || static_cast<std::size_t>(field) >= store.contacts.columns.size())
    return misfit(
        fmt::format("the program reads contact field {}, which the data does not have", field));
  const runtime::Column& column = store.contacts.columns[field];
  if (column.size() != store.contacts.rows)
    return misfit(fmt::format("contact field '{}' has {} rows, not {}",
                              store.schema.contactFields.at(field).name, column.size(),
                              store.contacts.rows));
  return &column;
}

} // namespace

std::optional<std::string> checkStoreForJit(const exec::BoundPlan& bound) {
  const plan::Plan& plan = *bound.plan;
  const runtime::Store& store = *bound.store;
  Misfit misfit;
  for (const plan::Node& n : plan.nodes) {
    if (n.op == Op::ContactField) {
      const runtime::Column* column = contactColumn(store, n.index, misfit);
      if (column == nullptr) return misfit.reason;
      const std::string& name = store.schema.contactFields.at(n.index).name;
      if (!kindMatches(column->kind(), n.type))
        return fmt::format("contact field '{}' is {} in the data, the program reads {}", name,
                           runtime::valueKindName(column->kind()), plan::valueTypeName(n.type));
      if (!n.nullable && hasNulls(*column))
        return fmt::format("contact field '{}' has nulls, but the program was compiled for a "
                           "field without any",
                           name);
    } else if (n.op == Op::EventField) {
      if (noEvents(store, n.eventType, n.index)) continue;
      const runtime::Column* column = eventColumn(store, n.eventType, n.index, misfit);
      if (column == nullptr) return misfit.reason;
      const std::string& event = store.schema.events.at(n.eventType).name;
      if (!kindMatches(column->kind(), n.type))
        return fmt::format("property {} of event '{}' is {} in the data, the program reads {}",
                           n.index, event, runtime::valueKindName(column->kind()),
                           plan::valueTypeName(n.type));
      if (!n.nullable && hasNulls(*column))
        return fmt::format("property {} of event '{}' has nulls, but the program was compiled "
                           "for a property without any",
                           n.index, event);
    }
  }
  for (const plan::Aggregate& a : plan.aggregates) {
    for (std::int32_t type : {a.eventType, a.thenEventType}) {
      if (type < 0) continue;
      const runtime::EventTable* table = eventTable(store, type, misfit);
      if (table == nullptr) return misfit.reason;
      if (!table->offsets.empty() && table->offsets.size() != store.contacts.rows + 1)
        return fmt::format("event type {} has {} offsets for {} contacts", type,
                           table->offsets.size(), store.contacts.rows);
      if (table->rows == 0) continue;
      const runtime::Column* at = eventColumn(store, type, 0, misfit);
      if (at == nullptr) return misfit.reason;
      if (at->kind() != ValueKind::Timestamp || hasNulls(*at))
        return fmt::format("event type '{}' needs an `at` timestamp on every event",
                           store.schema.events.at(type).name);
    }
    if (a.property < 0 || noEvents(store, a.eventType, a.property)) continue;
    const runtime::Column* column = eventColumn(store, a.eventType, a.property, misfit);
    if (column == nullptr) return misfit.reason;
    const ValueKind kind = column->kind();
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
      return fmt::format("{}() over property {} of event '{}': the data holds {} values",
                         plan::aggregateFnName(a.fn), a.property,
                         store.schema.events.at(a.eventType).name, runtime::valueKindName(kind));
  }
  return std::nullopt;
}

base::Expected<ArgumentBlock> ArgumentBlock::bind(const ArgLayout& layout, exec::BoundPlan& bound) {
  if (auto misfit = checkStoreForJit(bound)) return base::Unexpected{std::move(*misfit)};
  ArgumentBlock block;
  // One all-valid bitmap long enough for any column the code reads, allocated before
  // addresses are taken (only the event tables it reads: page views can be 15 M rows).
  std::size_t longest = bound.store->contacts.rows;
  for (const ArgEntry& entry : layout)
    if (entry.kind == ArgKind::EventValidity && entry.a >= 0 &&
        static_cast<std::size_t>(entry.a) < bound.store->events.size())
      longest = std::max(longest, bound.store->events[entry.a].rows);
  block.allValid_.assign(runtime::bitmapWords(longest) + 1, ~std::uint64_t{0});
  block.words_.reserve(layout.size());
  Misfit misfit;
  for (const ArgEntry& entry : layout) {
    const std::uint64_t word = block.resolve(entry, bound, misfit);
    if (misfit) return base::Unexpected{std::move(*misfit.reason)};
    block.words_.push_back(word);
  }
  return block;
}

const std::uint64_t* ArgumentBlock::allValid(std::size_t rows, Misfit& misfit) {
  if (allValid_.size() < runtime::bitmapWords(rows))
    return misfit("a column is longer than its table");
  return allValid_.data();
}

// 0 after a misfit, which the caller checks.
std::uint64_t ArgumentBlock::resolve(const ArgEntry& e, exec::BoundPlan& bound, Misfit& misfit) {
  const plan::Plan& plan = *bound.plan;
  const runtime::Store& store = *bound.store;
  const std::size_t rows = store.contacts.rows;
  auto column = [&](const std::vector<exec::ContactColumn>& columns, std::int32_t index,
                    ValueType type, const char* what) -> const exec::ContactColumn* {
    if (index < 0 || static_cast<std::size_t>(index) >= columns.size())
      return misfit(fmt::format("the bound plan has no {} {}", what, index));
    const exec::ContactColumn& c = columns[index];
    if (c.type != type || c.values.size() != rows * exec::widthOf(type) ||
        c.validity.size() < runtime::bitmapWords(rows))
      return misfit(
          fmt::format("{} {} of the bound plan is not a column of {} rows", what, index, rows));
    return &c;
  };
  auto leaf = [&](std::int32_t node) -> const plan::Node* {
    if (node < 0 || static_cast<std::size_t>(node) >= plan.nodes.size())
      return misfit(fmt::format("plan node %{} does not exist", node));
    return &plan.nodes[node];
  };
  auto dictionary = [&](std::int32_t node) -> const runtime::Dictionary* {
    const plan::Node* n = leaf(node);
    if (n == nullptr) return nullptr;
    base::Expected<const runtime::Dictionary*> found = bound.dictionaryFor(*n);
    return found ? *found : misfit(std::move(found).error());
  };
  // The address of a lookup's result, or 0 (and the misfit) when it failed.
  auto addressOf = [](const auto* found, auto member) -> std::uint64_t {
    return found ? address(member(*found)) : 0;
  };
  auto values = [](const auto& c) { return c.values.data(); };
  auto validity = [](const auto& c) { return c.validity.data(); };

  switch (e.kind) {
  case ArgKind::Now:
    return static_cast<std::uint64_t>(bound.now);
  case ArgKind::ContactValues:
    return addressOf(contactColumn(store, e.a, misfit),
                     [](const runtime::Column& c) { return c.rawValues(); });
  case ArgKind::ContactValidity: {
    const runtime::Column* c = contactColumn(store, e.a, misfit);
    if (c == nullptr) return 0;
    return address(c->validity() ? c->validity() : allValid(rows, misfit));
  }
  case ArgKind::EventOffsets: {
    const runtime::EventTable* table = eventTable(store, e.a, misfit);
    if (table == nullptr) return 0;
    if (table->offsets.size() == rows + 1) return address(table->offsets.data());
    noEvents_.emplace_back(rows + 1, 0u); // a type without offsets has no events at all
    return address(noEvents_.back().data());
  }
  case ArgKind::EventValues:
    if (noEvents(store, e.a, e.b)) return address(allValid_.data()); // never read
    return addressOf(eventColumn(store, e.a, e.b, misfit),
                     [](const runtime::Column& c) { return c.rawValues(); });
  case ArgKind::EventValidity: {
    if (noEvents(store, e.a, e.b)) return address(allValid_.data());
    const runtime::Column* c = eventColumn(store, e.a, e.b, misfit);
    if (c == nullptr) return 0;
    return address(c->validity() ? c->validity() : allValid(c->size(), misfit));
  }
  case ArgKind::PropertyWidth: {
    if (noEvents(store, e.a, e.b)) return 8;
    const runtime::Column* c = eventColumn(store, e.a, e.b, misfit);
    return c ? runtime::physicalWidth(c->kind()) : 0;
  }
  case ArgKind::PropertyIsFloat: {
    if (noEvents(store, e.a, e.b)) return 0;
    const runtime::Column* c = eventColumn(store, e.a, e.b, misfit);
    return c && c->kind() == ValueKind::Float ? 1 : 0;
  }
  case ArgKind::SlotValues:
    return addressOf(column(bound.slots, e.a, plan.slots.at(e.a).type, "slot"), values);
  case ArgKind::SlotValidity:
    return addressOf(column(bound.slots, e.a, plan.slots.at(e.a).type, "slot"), validity);
  case ArgKind::RankValues:
    return addressOf(column(bound.ranks, e.a, ValueType::Int, "rank"), values);
  case ArgKind::RankValidity:
    return addressOf(column(bound.ranks, e.a, ValueType::Int, "rank"), validity);
  case ArgKind::DictionarySize: {
    const runtime::Dictionary* d = dictionary(e.a);
    return d ? d->size() : 0;
  }
  case ArgKind::StringCode: {
    const runtime::Dictionary* d = dictionary(e.a);
    if (d == nullptr) return 0;
    std::optional<std::uint32_t> code = d->find(e.text);
    return code ? *code : kAbsentCode;
  }
  case ArgKind::PropertyDictionarySize:
  case ArgKind::PropertyTextOrder: {
    const runtime::Dictionary* d = nullptr;
    if (!noEvents(store, e.a, e.b)) {
      const runtime::EventTable* table = eventTable(store, e.a, misfit);
      const runtime::Column* c = eventColumn(store, e.a, e.b, misfit);
      if (table == nullptr || c == nullptr) return 0;
      if (c->kind() != ValueKind::String ||
          static_cast<std::size_t>(e.b) >= table->dictionaries.size()) {
        misfit(fmt::format("property {} of event type '{}' is not a string with a dictionary", e.b,
                           store.schema.events.at(e.a).name));
        return 0;
      }
      d = &table->dictionaries[e.b];
    }
    if (e.kind == ArgKind::PropertyDictionarySize) return d ? d->size() : 0;
    textOrders_.push_back(d ? textOrder(*d) : std::vector<std::uint32_t>(1, 0));
    return address(textOrders_.back().data());
  }
  case ArgKind::TableValues:
  case ArgKind::TableValid: {
    auto it = bound.stringTableOf.find(static_cast<plan::NodeId>(e.a));
    if (it == bound.stringTableOf.end() || it->second >= bound.strings.size()) {
      misfit(fmt::format("no string table is bound for plan node %{}", e.a));
      return 0;
    }
    const exec::StringTable& table = bound.strings[it->second];
    const plan::Node* lut = leaf(e.a);
    if (lut == nullptr) return 0;
    // The code indexes up to the dictionary's size (the null entry): check it is there. A
    // lookup without a leaf has that entry only.
    std::size_t entries = 1;
    if (!lut->operands.empty()) {
      const runtime::Dictionary* d = dictionary(static_cast<std::int32_t>(lut->operands[0]));
      if (d == nullptr) return 0;
      entries = d->size() + 1;
    }
    if (table.type != lut->type || table.entries != entries ||
        table.values.size() != entries * exec::widthOf(table.type) ||
        table.valid.size() != entries) {
      misfit(fmt::format("the string table of plan node %{} does not match its dictionary", e.a));
      return 0;
    }
    if (e.kind == ArgKind::TableValid) return address(table.valid.data());
    if (table.type != ValueType::Bool) return address(table.values.data());
    std::vector<std::uint8_t> packed(entries);
    const auto* bytes = table.data<std::uint8_t>();
    for (std::size_t i = 0; i < entries; ++i)
      packed[i] = static_cast<std::uint8_t>((bytes[i] != 0 ? 1 : 0) | (table.valid[i] ? 2 : 0));
    boolTables_.push_back(std::move(packed));
    return address(boolTables_.back().data());
  }
  }
  misfit("unknown argument kind in the program's layout");
  return 0;
}

} // namespace seg::jit

#include "SchemaDiff.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace seg::runtime {
namespace {

// A field's type as people write it: "int?", "enum {a,b} key", "string pii".
std::string typeOf(const ColumnSpec& c) {
  std::string out = fmt::format("{}{}", valueKindName(c.kind), c.nullable ? "?" : "");
  if (c.kind == ValueKind::Enum) out += fmt::format(" {{{}}}", fmt::join(c.enumValues, ","));
  if (c.isKey) out += " key";
  if (c.isPii) out += " pii";
  return out;
}

template <class T> const T* findNamed(const std::vector<T>& items, const std::string& name) {
  for (const T& item : items)
    if (item.name == name) return &item;
  return nullptr;
}

// Called once both lists hold the same names, so every lookup succeeds.
template <class T>
std::optional<std::string> orderDifference(std::string_view what, const std::vector<T>& snapshot,
                                           const std::vector<T>& program) {
  for (std::size_t i = 0; i < program.size() && i < snapshot.size(); ++i)
    if (snapshot[i].name != program[i].name) {
      auto at = findNamed(snapshot, program[i].name) - snapshot.data();
      return fmt::format("{} '{}' is number {} in the snapshot, {} in the program", what,
                         program[i].name, at + 1, i + 1);
    }
  return std::nullopt;
}

// `what` names the list, e.g. "contact field" or "event 'buy' property".
std::optional<std::string> columnsDifference(std::string_view what,
                                             const std::vector<ColumnSpec>& snapshot,
                                             const std::vector<ColumnSpec>& program) {
  for (const ColumnSpec& p : program) {
    const ColumnSpec* s = findNamed(snapshot, p.name);
    if (s == nullptr) return fmt::format("{} '{}' is not in the snapshot", what, p.name);
    if (!(*s == p))
      return fmt::format("{} '{}' is {} in the snapshot, {} in the program", what, p.name,
                         typeOf(*s), typeOf(p));
  }
  for (const ColumnSpec& s : snapshot)
    if (findNamed(program, s.name) == nullptr)
      return fmt::format("the snapshot has {} '{}', which the program does not declare", what,
                         s.name);
  return orderDifference(what, snapshot, program);
}

} // namespace

std::optional<std::string> schemaDifference(const StoreSchema& snapshot,
                                            const StoreSchema& program) {
  if (auto d = columnsDifference("contact field", snapshot.contactFields, program.contactFields))
    return d;
  if (snapshot.keyField != program.keyField) {
    auto keyName = [](const StoreSchema& s) {
      return s.keyField < 0 ? std::string("none") : "'" + s.contactFields[s.keyField].name + "'";
    };
    return fmt::format("the key field is {} in the snapshot, {} in the program", keyName(snapshot),
                       keyName(program));
  }
  for (const EventSpec& p : program.events) {
    const EventSpec* s = findNamed(snapshot.events, p.name);
    if (s == nullptr) return fmt::format("event '{}' is not in the snapshot", p.name);
    std::string what = fmt::format("event '{}' property", p.name);
    if (auto d = columnsDifference(what, s->properties, p.properties)) return d;
  }
  for (const EventSpec& s : snapshot.events)
    if (findNamed(program.events, s.name) == nullptr)
      return fmt::format("the snapshot has event '{}', which the program does not declare", s.name);
  if (auto d = orderDifference("event", snapshot.events, program.events)) return d;
  if (!(snapshot == program)) return std::string("the schemas differ"); // duplicate names only
  return std::nullopt;
}

} // namespace seg::runtime

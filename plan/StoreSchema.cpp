// The schema as plain data: its description, fingerprint and lookups by name.
#include "plan/StoreSchema.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace seg::plan {
namespace {

void describeColumn(std::string& out, std::string_view owner, const ColumnSpec& c) {
  out += fmt::format("{} {} {}{}", owner, c.name, valueKindName(c.kind), c.nullable ? "?" : "");
  if (c.kind == ValueKind::Enum) out += fmt::format(" {{{}}}", fmt::join(c.enumValues, ","));
  if (c.isKey) out += " key";
  if (c.isPii) out += " pii";
  out += "\n";
}

} // namespace

std::string_view valueKindName(ValueKind kind) {
  switch (kind) {
  case ValueKind::Int:
    return "int";
  case ValueKind::Float:
    return "float";
  case ValueKind::Bool:
    return "bool";
  case ValueKind::String:
    return "string";
  case ValueKind::Enum:
    return "enum";
  case ValueKind::Timestamp:
    return "timestamp";
  }
  return "?";
}

std::string StoreSchema::describe() const {
  std::string out;
  for (const ColumnSpec& c : contactFields)
    describeColumn(out, "contact", c);
  for (const EventSpec& e : events)
    for (const ColumnSpec& p : e.properties)
      describeColumn(out, "event " + e.name, p);
  return out;
}

std::uint64_t StoreSchema::fingerprint() const {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : describe()) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

int StoreSchema::contactFieldIndex(std::string_view name) const {
  for (std::size_t i = 0; i < contactFields.size(); ++i)
    if (contactFields[i].name == name) return static_cast<int>(i);
  return -1;
}

int StoreSchema::eventIndex(std::string_view name) const {
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].name == name) return static_cast<int>(i);
  return -1;
}

} // namespace seg::plan

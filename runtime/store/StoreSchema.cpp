#include "StoreSchema.h"

#include "sema/CheckedSchema.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace seg::runtime {
namespace {

ColumnSpec specOf(const FieldInfo& field) {
  ColumnSpec spec;
  spec.name = field.name;
  spec.nullable = field.type.nullable;
  spec.isKey = field.isKey;
  spec.isPii = field.isPii;
  switch (field.type.kind) {
  case TypeKind::Int:
    spec.kind = ValueKind::Int;
    break;
  case TypeKind::Float:
    spec.kind = ValueKind::Float;
    break;
  case TypeKind::Bool:
    spec.kind = ValueKind::Bool;
    break;
  case TypeKind::String:
    spec.kind = ValueKind::String;
    break;
  case TypeKind::Timestamp:
    spec.kind = ValueKind::Timestamp;
    break;
  case TypeKind::Enum:
    spec.kind = ValueKind::Enum;
    spec.enumValues = field.type.enumType->values;
    break;
  default:
    spec.kind = ValueKind::Int;
    break; // durations and errors never reach a schema
  }
  return spec;
}

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

StoreSchema storeSchemaOf(const CheckedSchema& schema) {
  StoreSchema out;
  for (const FieldInfo& field : schema.contactFields)
    out.contactFields.push_back(specOf(field));
  out.keyField = schema.keyField;
  for (const EventInfo& event : schema.events) {
    EventSpec spec;
    spec.name = event.name;
    for (const FieldInfo& p : event.properties)
      spec.properties.push_back(specOf(p));
    out.events.push_back(std::move(spec));
  }
  return out;
}

} // namespace seg::runtime

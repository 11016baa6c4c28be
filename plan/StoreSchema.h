// The schema as plain data: the columns of contacts and events as the runtime stores them
// and the plan's field indexes refer to them, independent of the compiler's AST, comparable
// and hashable so a snapshot can tell which schema it holds. The compiler makes it from the
// checked schema (sema/StoreSchemaOf.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seg::plan {

enum class ValueKind : std::uint8_t { Int, Float, Bool, String, Enum, Timestamp };

std::string_view valueKindName(ValueKind kind);

struct ColumnSpec {
  std::string name;
  ValueKind kind = ValueKind::Int;
  bool nullable = false;
  bool isKey = false;
  bool isPii = false;
  std::vector<std::string> enumValues; // ValueKind::Enum only

  friend bool operator==(const ColumnSpec&, const ColumnSpec&) = default;
};

struct EventSpec {
  std::string name;
  std::vector<ColumnSpec> properties; // properties[0] is `at`

  friend bool operator==(const EventSpec&, const EventSpec&) = default;
};

struct StoreSchema {
  std::vector<ColumnSpec> contactFields;
  int keyField = -1;
  std::vector<EventSpec> events;

  // One line per field, e.g. "contact age int? ", used in messages and for fingerprints.
  std::string describe() const;
  // FNV-1a of describe(): equal schemas, equal fingerprints.
  std::uint64_t fingerprint() const;
  int contactFieldIndex(std::string_view name) const;
  int eventIndex(std::string_view name) const;

  friend bool operator==(const StoreSchema&, const StoreSchema&) = default;
};

} // namespace seg::plan

// seg::Schema: the contact fields and event types a program is checked against and a
// dataset holds. Thread-safety: immutable; copies share state and may be used from any
// threads at once.
#pragma once

#include "seg/Error.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

// How values of each type are laid out in bound columns (Dataset::fromColumns):
// Int, Timestamp (UTC microseconds) → int64_t; Float → double; Bool → uint8_t (0 or 1);
// Enum → uint32_t index into Field::enumValues; String → uint32_t code into a dictionary.
enum class FieldType { Int, Float, Bool, String, Enum, Timestamp };

std::string_view fieldTypeName(FieldType type); // "int", "float", …

struct Field {
  std::string name;
  FieldType type = FieldType::Int;
  bool nullable = false;
  bool key = false; // the contact key (contact fields only)
  bool pii = false; // personal data: masked in outputs unless asked for
  std::vector<std::string> enumValues;
};

// An event type. Every event also has `at` (a timestamp) and belongs to one contact;
// `properties` lists the others.
struct EventType {
  std::string name;
  std::vector<Field> properties;
};

namespace detail {
struct SchemaData;
}

class Schema {
public:
  // The `schema { … }` blocks of these files (and what they import).
  static Expected<Schema> compileFiles(const std::vector<std::string>& paths);
  static Expected<Schema> compileSource(std::string_view text, std::string_view name = "<schema>");

  const std::vector<Field>& fields() const;
  const std::vector<EventType>& events() const;
  const Field& keyField() const;
  const Field* field(std::string_view name) const;     // null: no such field
  const EventType* event(std::string_view name) const; // null: no such event type
  // The schema as Seg source (`schema { contact { … } event … }`), which compiles to it.
  std::string toSource() const;
  // Equal schemas, equal fingerprints (also across processes and versions of the format).
  std::uint64_t fingerprint() const;

  friend bool operator==(const Schema& a, const Schema& b);

  // Internal: libseg builds schemas from its own representation.
  explicit Schema(std::shared_ptr<const detail::SchemaData> data);
  const detail::SchemaData& data() const { return *data_; }

private:
  std::shared_ptr<const detail::SchemaData> data_;
};

} // namespace seg

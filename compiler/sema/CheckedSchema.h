// The checked schema: contact fields and event types with their property types.
#pragma once

#include "ast/Decl.h"
#include "types/Type.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

struct FieldInfo {
  std::string name;
  Type type;
  bool isKey = false;
  bool isPii = false;
  const FieldDecl* decl = nullptr; // null for the implicit event property `at`
};

struct EventInfo {
  std::string name;
  std::vector<FieldInfo> properties; // properties[0] is the implicit `at: timestamp`
  const SchemaBlock* decl = nullptr;

  std::optional<int> propertyIndex(std::string_view property) const;
};

class CheckedSchema {
public:
  std::vector<FieldInfo> contactFields;
  std::vector<EventInfo> events;
  int keyField = -1;
  bool declared = false; // some file declared a schema

  std::optional<int> fieldIndex(std::string_view name) const;
  std::optional<int> eventIndex(std::string_view name) const;
  // Owns enum types so that `Type::enumType` pointers stay valid.
  const EnumType* addEnum(EnumType type);

private:
  std::vector<std::unique_ptr<EnumType>> enums_;
};

} // namespace seg

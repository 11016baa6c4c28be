// The types of Seg values, with nullability, as the checker assigns them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

// An enumeration: a schema `enum { … }` field or a partition (its branches).
struct EnumType {
  std::string name; // field or partition name, for messages
  std::vector<std::string> values;

  std::optional<std::uint32_t> indexOf(std::string_view value) const {
    for (std::uint32_t i = 0; i < values.size(); ++i)
      if (values[i] == value) return i;
    return std::nullopt;
  }
};

enum class TypeKind {
  Error, // an expression whose type could not be determined; suppresses follow-on errors
  Int,
  Float,
  Bool,
  String,
  Timestamp,
  Duration,
  Enum,
};

struct Type {
  TypeKind kind = TypeKind::Error;
  bool nullable = false;
  const EnumType* enumType = nullptr; // set for TypeKind::Enum

  static Type error() { return {}; }
  static Type of(TypeKind kind, bool nullable = false) { return {kind, nullable, nullptr}; }
  static Type enumOf(const EnumType* e, bool nullable = false) {
    return {TypeKind::Enum, nullable, e};
  }

  bool isError() const { return kind == TypeKind::Error; }
  bool isNumeric() const { return kind == TypeKind::Int || kind == TypeKind::Float; }
  Type withNullable(bool n) const { return {kind, n, enumType}; }
  // Same kind (and same enum); nullability ignored.
  bool sameKind(const Type& other) const {
    return kind == other.kind && (kind != TypeKind::Enum || enumType == other.enumType);
  }
};

// "int", "float?", "enum plan".
std::string typeName(const Type& type);
std::string_view kindName(TypeKind kind);

} // namespace seg

#include "types/Type.h"

namespace seg {

std::string_view kindName(TypeKind kind) {
  switch (kind) {
  case TypeKind::Error:
    return "<error>";
  case TypeKind::Int:
    return "int";
  case TypeKind::Float:
    return "float";
  case TypeKind::Bool:
    return "bool";
  case TypeKind::String:
    return "string";
  case TypeKind::Timestamp:
    return "timestamp";
  case TypeKind::Duration:
    return "duration";
  case TypeKind::Enum:
    return "enum";
  }
  return "<error>";
}

std::string typeName(const Type& type) {
  std::string name(kindName(type.kind));
  if (type.kind == TypeKind::Enum && type.enumType != nullptr) name += " " + type.enumType->name;
  if (type.nullable) name += "?";
  return name;
}

} // namespace seg

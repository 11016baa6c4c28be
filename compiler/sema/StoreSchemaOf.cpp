// The checked schema's fields as plain column descriptions.
#include "sema/StoreSchemaOf.h"

namespace seg {
namespace {

using plan::ColumnSpec;
using plan::EventSpec;
using plan::ValueKind;

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

} // namespace

plan::StoreSchema storeSchemaOf(const CheckedSchema& schema) {
  plan::StoreSchema out;
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

} // namespace seg

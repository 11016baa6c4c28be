// Typed reads and writes of single values in store columns, output columns and tables.
#include "ColumnValues.h"

#include <cstring>

namespace seg::exec {

using runtime::ValueKind;

Value readStoreValue(const runtime::Column& column, const runtime::Dictionary* dictionary,
                     std::size_t row) {
  if (row >= column.size() || !column.isValid(row)) return Value::null();
  switch (column.kind()) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    return Value::integer(column.values<std::int64_t>()[row]);
  case ValueKind::Float:
    return Value::real(column.values<double>()[row]);
  case ValueKind::Bool:
    return Value::boolean(column.values<std::uint8_t>()[row] != 0);
  case ValueKind::Enum:
    return Value::integer(column.values<std::uint32_t>()[row]);
  case ValueKind::String: {
    std::uint32_t code = column.values<std::uint32_t>()[row];
    if (dictionary == nullptr || code >= dictionary->size()) return Value::null();
    return Value::code(code, dictionary->at(code));
  }
  }
  return Value::null();
}

std::optional<std::uint32_t> readStoreCode(const runtime::Column& column, std::size_t row) {
  if (row >= column.size() || !column.isValid(row)) return std::nullopt;
  return column.values<std::uint32_t>()[row];
}

Value loadValue(const std::byte* at, ValueType type) {
  switch (type) {
  case ValueType::Bool: {
    std::uint8_t v;
    std::memcpy(&v, at, sizeof v);
    return Value::boolean(v != 0);
  }
  case ValueType::Enum:
  case ValueType::String: {
    std::uint32_t v;
    std::memcpy(&v, at, sizeof v);
    if (type == ValueType::String) return Value::null();
    return Value::integer(v);
  }
  case ValueType::Float: {
    double v;
    std::memcpy(&v, at, sizeof v);
    return Value::real(v);
  }
  default: {
    std::int64_t v;
    std::memcpy(&v, at, sizeof v);
    return Value::integer(v);
  }
  }
}

void storeValue(std::byte* at, ValueType type, const Value& value) {
  switch (type) {
  case ValueType::Bool: {
    std::uint8_t v = value.i != 0 ? 1 : 0;
    std::memcpy(at, &v, sizeof v);
    return;
  }
  case ValueType::Enum:
  case ValueType::String: {
    auto v = static_cast<std::uint32_t>(value.i);
    std::memcpy(at, &v, sizeof v);
    return;
  }
  case ValueType::Float:
    std::memcpy(at, &value.f, sizeof value.f);
    return;
  default:
    std::memcpy(at, &value.i, sizeof value.i);
    return;
  }
}

Value readContactColumn(const ContactColumn& column, std::size_t row) {
  if (!column.isValid(row)) return Value::null();
  return loadValue(column.values.data() + row * widthOf(column.type), column.type);
}

void writeContactColumn(ContactColumn& column, std::size_t row, const Value& value) {
  std::byte* at = column.values.data() + row * widthOf(column.type);
  // Strings have no code to write (no slot is string-typed; see docs/execution.md).
  bool valid = value.valid && column.type != ValueType::String;
  storeValue(at, column.type, valid ? value : Value::integer(0));
  column.setValid(row, valid);
}

} // namespace seg::exec

// Encodes store columns as RowBinary, value by value (the layout of the ClickHouse DDL).
#include "warehouse/RowBinary.h"

#include "warehouse/EventRows.h"

#include <algorithm>
#include <cstring>

namespace seg::warehouse {
namespace {

template <typename T> void appendRaw(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T)); // x86-64 and every ClickHouse host: little-endian
  out.append(bytes, sizeof(T));
}

void appendString(std::string& out, std::string_view text) {
  for (std::uint64_t n = text.size();; n >>= 7) { // LEB128 length
    const auto low = static_cast<char>(n & 0x7f);
    if (n < 0x80) {
      out += low;
      break;
    }
    out += static_cast<char>(low | 0x80);
  }
  out += text;
}

void appendValue(std::string& out, const runtime::Column& column,
                 const runtime::Dictionary* dictionary, const runtime::ColumnSpec& spec,
                 std::size_t row, bool nullable) {
  const bool valid = column.isValid(row);
  if (nullable) out += valid ? '\0' : '\1';
  if (!valid) {
    if (!nullable) appendRaw<std::int64_t>(out, 0); // not reached: the key is never null
    return;
  }
  using runtime::ValueKind;
  switch (column.kind()) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    appendRaw(out, column.values<std::int64_t>()[row]);
    return;
  case ValueKind::Float:
    appendRaw(out, column.values<double>()[row]);
    return;
  case ValueKind::Bool:
    out += column.values<std::uint8_t>()[row] != 0 ? '\1' : '\0';
    return;
  case ValueKind::String:
    appendString(out, dictionary->at(column.values<std::uint32_t>()[row]));
    return;
  case ValueKind::Enum: {
    const std::uint32_t index = column.values<std::uint32_t>()[row];
    if (spec.enumValues.size() > 127)
      appendRaw(out, static_cast<std::int16_t>(index + 1));
    else
      appendRaw(out, static_cast<std::int8_t>(index + 1));
    return;
  }
  }
}

} // namespace

void appendContactRowBinary(std::string& out, const runtime::Store& store, std::size_t begin,
                            std::size_t end) {
  const runtime::ContactTable& table = store.contacts;
  for (std::size_t row = begin; row < end; ++row)
    for (std::size_t f = 0; f < table.columns.size(); ++f)
      appendValue(out, table.columns[f],
                  f < table.dictionaries.size() ? &table.dictionaries[f] : nullptr,
                  store.schema.contactFields[f], row, store.schema.contactFields[f].nullable);
}

void appendEventRowBinary(std::string& out, const runtime::Store& store, std::size_t event,
                          std::size_t begin, std::size_t end) {
  const runtime::EventTable& table = store.events[event];
  const runtime::EventSpec& spec = store.schema.events[event];
  const auto key = static_cast<std::size_t>(store.schema.keyField);
  const runtime::Dictionary* keyDictionary =
      key < store.contacts.dictionaries.size() ? &store.contacts.dictionaries[key] : nullptr;
  forEachEventRow(table, begin, end, [&](std::size_t row, std::size_t contact) {
    // contact_key is declared without Nullable
    appendValue(out, store.contacts.columns[key], keyDictionary, store.schema.contactFields[key],
                contact, false);
    for (std::size_t p = 0; p < table.columns.size(); ++p)
      appendValue(out, table.columns[p],
                  p < table.dictionaries.size() ? &table.dictionaries[p] : nullptr,
                  spec.properties[p], row, spec.properties[p].nullable);
  });
}

} // namespace seg::warehouse

#include "report/ContactValues.h"

#include "report/NumberFormat.h"

#include <fmt/format.h>

namespace seg::report {

std::optional<std::string> contactValueText(const runtime::Store& store, std::size_t field,
                                            std::size_t row) {
  const runtime::Column& column = store.contacts.columns[field];
  if (!column.isValid(row)) return std::nullopt;
  using runtime::ValueKind;
  switch (column.kind()) {
  case ValueKind::Int:
    return fmt::format("{}", column.values<std::int64_t>()[row]);
  case ValueKind::Float:
    return fmt::format("{}", column.values<double>()[row]);
  case ValueKind::Bool:
    return column.values<std::uint8_t>()[row] != 0 ? "true" : "false";
  case ValueKind::String:
    return std::string(store.contacts.dictionaries[field].at(column.values<std::uint32_t>()[row]));
  case ValueKind::Enum:
    return store.schema.contactFields[field].enumValues[column.values<std::uint32_t>()[row]];
  case ValueKind::Timestamp:
    return isoTimestamp(column.values<std::int64_t>()[row]);
  }
  return std::nullopt;
}

} // namespace seg::report

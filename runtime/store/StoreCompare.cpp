#include "StoreCompare.h"

#include <cstring>
#include <fmt/format.h>

namespace seg::runtime {
namespace {

std::string valueText(const Column& c, const Dictionary& d, std::size_t row) {
  if (!c.isValid(row)) return "null";
  switch (c.kind()) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    return std::to_string(c.values<std::int64_t>()[row]);
  case ValueKind::Float:
    return fmt::format("{}", c.values<double>()[row]);
  case ValueKind::Bool:
    return c.values<std::uint8_t>()[row] ? "true" : "false";
  case ValueKind::Enum:
    return fmt::format("#{}", c.values<std::uint32_t>()[row]);
  case ValueKind::String:
    return fmt::format("'{}'", d.at(c.values<std::uint32_t>()[row]));
  }
  return "?";
}

bool sameValue(const Column& a, const Dictionary& da, const Column& b, const Dictionary& db,
               std::size_t row) {
  if (a.isValid(row) != b.isValid(row)) return false;
  if (!a.isValid(row)) return true;
  switch (a.kind()) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    return a.values<std::int64_t>()[row] == b.values<std::int64_t>()[row];
  case ValueKind::Float: {
    // Bit equality: a round trip must not even change the sign of a zero.
    double x = a.values<double>()[row], y = b.values<double>()[row];
    return std::memcmp(&x, &y, sizeof x) == 0; // NOLINT(bugprone-suspicious-memory-comparison)
  }
  case ValueKind::Bool:
    return a.values<std::uint8_t>()[row] == b.values<std::uint8_t>()[row];
  case ValueKind::Enum:
    return a.values<std::uint32_t>()[row] == b.values<std::uint32_t>()[row];
  case ValueKind::String:
    return da.at(a.values<std::uint32_t>()[row]) == db.at(b.values<std::uint32_t>()[row]);
  }
  return false;
}

std::optional<std::string> compareColumns(const std::string& what, const Column& a,
                                          const Dictionary& da, const Column& b,
                                          const Dictionary& db) {
  if (a.size() != b.size() || a.kind() != b.kind())
    return fmt::format("{}: {} vs {} rows", what, a.size(), b.size());
  for (std::size_t row = 0; row < a.size(); ++row)
    if (!sameValue(a, da, b, db, row))
      return fmt::format("{}, row {}: {} vs {}", what, row, valueText(a, da, row),
                         valueText(b, db, row));
  return std::nullopt;
}

} // namespace

std::optional<std::string> firstDifference(const Store& a, const Store& b) {
  if (!(a.schema == b.schema)) return std::string("the schemas differ");
  if (a.contacts.rows != b.contacts.rows)
    return fmt::format("{} vs {} contacts", a.contacts.rows, b.contacts.rows);
  for (std::size_t f = 0; f < a.schema.contactFields.size(); ++f)
    if (auto d = compareColumns(fmt::format("contact column '{}'", a.schema.contactFields[f].name),
                                a.contacts.columns[f], a.contacts.dictionaries[f],
                                b.contacts.columns[f], b.contacts.dictionaries[f]))
      return d;
  for (std::size_t e = 0; e < a.schema.events.size(); ++e) {
    const EventTable& x = a.events[e];
    const EventTable& y = b.events[e];
    const std::string& name = a.schema.events[e].name;
    if (x.rows != y.rows) return fmt::format("event '{}': {} vs {} rows", name, x.rows, y.rows);
    if (!std::equal(x.offsets.begin(), x.offsets.end(), y.offsets.begin(), y.offsets.end()))
      return fmt::format("event '{}': the per-contact offsets differ", name);
    for (std::size_t p = 0; p < a.schema.events[e].properties.size(); ++p)
      if (auto d = compareColumns(
              fmt::format("event '{}' column '{}'", name, a.schema.events[e].properties[p].name),
              x.columns[p], x.dictionaries[p], y.columns[p], y.dictionaries[p]))
        return d;
  }
  return std::nullopt;
}

} // namespace seg::runtime

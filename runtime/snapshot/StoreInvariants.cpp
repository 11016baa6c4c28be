#include "StoreInvariants.h"

#include <fmt/format.h>

namespace seg::runtime {
namespace {

std::optional<std::string> checkDictionary(const Dictionary& d) {
  auto offsets = d.offsets();
  for (std::size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) return fmt::format("dictionary offset {} decreases", i);
  return std::nullopt;
}

// Nulls hold code 0 whatever the limit, so only valid rows are checked.
std::optional<std::string> checkCodes(const Column& c, std::size_t limit) {
  auto codes = c.values<std::uint32_t>();
  for (std::size_t row = 0; row < codes.size(); ++row)
    if (c.isValid(row) && codes[row] >= limit)
      return fmt::format("row {} has code {} of {}", row, codes[row], limit);
  return std::nullopt;
}

std::optional<std::string> checkColumns(std::string_view table,
                                        const std::vector<ColumnSpec>& specs,
                                        const std::vector<Column>& columns,
                                        const std::vector<Dictionary>& dictionaries) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::optional<std::string> problem;
    if (specs[i].kind == ValueKind::String) {
      std::size_t entries = i < dictionaries.size() ? dictionaries[i].size() : 0;
      if (i < dictionaries.size()) problem = checkDictionary(dictionaries[i]);
      if (!problem) problem = checkCodes(columns[i], entries);
    } else if (specs[i].kind == ValueKind::Enum) {
      problem = checkCodes(columns[i], specs[i].enumValues.size());
    }
    if (problem) return fmt::format("{} column '{}': {}", table, specs[i].name, *problem);
  }
  return std::nullopt;
}

std::optional<std::string> checkEvents(const EventTable& t, std::size_t contacts) {
  if (t.offsets.empty()) return std::nullopt;
  if (t.offsets.size() != contacts + 1 || t.offsets.front() != 0 || t.offsets.back() != t.rows)
    return std::string("offsets do not span the table");
  auto at = t.at();
  for (std::size_t c = 0; c < contacts; ++c) {
    if (t.offsets[c + 1] < t.offsets[c]) return fmt::format("offset {} decreases", c + 1);
    for (std::uint32_t e = t.offsets[c] + 1; e < t.offsets[c + 1]; ++e)
      if (at[e] < at[e - 1]) return fmt::format("contact {}'s events are not sorted by at", c);
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> checkStoreInvariants(const Store& store) {
  const StoreSchema& schema = store.schema;
  if (auto problem = checkColumns("contact", schema.contactFields, store.contacts.columns,
                                  store.contacts.dictionaries))
    return problem;
  for (std::size_t e = 0; e < store.events.size(); ++e) {
    const EventTable& table = store.events[e];
    std::string name = fmt::format("event '{}'", schema.events[e].name);
    if (auto problem = checkEvents(table, store.contacts.rows))
      return fmt::format("{}: {}", name, *problem);
    if (auto problem =
            checkColumns(name, schema.events[e].properties, table.columns, table.dictionaries))
      return problem;
  }
  return std::nullopt;
}

} // namespace seg::runtime

#include "EventMerge.h"

#include "load/EventOrder.h"

#include <cstring>

namespace seg::runtime::live {
namespace {

struct Storage {
  std::vector<std::byte> values;
  std::vector<std::uint64_t> validity;
};

// Row i of the result is `first` row picks[i], or `second` row picks[i] - first.size().
Column gather(const ColumnSpec& spec, const Column& first, const Column& second,
              const std::vector<std::uint32_t>& picks) {
  const std::size_t width = physicalWidth(spec.kind);
  auto storage = std::make_shared<Storage>();
  storage->values.resize(picks.size() * width);
  if (spec.nullable) storage->validity.assign(bitmapWords(picks.size()), 0);
  const auto* a = static_cast<const std::byte*>(first.rawValues());
  const auto* b = static_cast<const std::byte*>(second.rawValues());
  const std::size_t split = first.size();
  std::byte* out = storage->values.data();
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const std::uint32_t pick = picks[i];
    const bool fromFirst = pick < split;
    const std::size_t row = fromFirst ? pick : pick - split;
    std::memcpy(out + i * width, (fromFirst ? a : b) + row * width, width);
    if (spec.nullable && (fromFirst ? first : second).isValid(row))
      storage->validity[i >> 6] |= std::uint64_t{1} << (i & 63);
  }
  const std::uint64_t* validity = spec.nullable ? storage->validity.data() : nullptr;
  return Column(spec.kind, picks.size(), storage->values.data(), validity, storage);
}

std::uint32_t offsetAt(std::span<const std::uint32_t> offsets, std::size_t contact) {
  if (offsets.empty()) return 0;
  return offsets[std::min(contact, offsets.size() - 1)];
}

} // namespace

EventTable mergeEvents(const EventSpec& spec, const EventTable& table,
                       const PendingEvents& appended, std::size_t contacts) {
  const std::size_t tableContacts = table.offsets.empty() ? 0 : table.offsets.size() - 1;
  if (appended.contactRows.empty() && tableContacts == contacts) return table;

  auto offsets = std::make_shared<std::vector<std::uint32_t>>(contacts + 1, 0);
  EventTable merged;
  if (appended.contactRows.empty()) {
    // Only new contacts: the same events, offsets extended with empty ranges.
    for (std::size_t c = 0; c <= contacts; ++c)
      (*offsets)[c] = offsetAt(table.offsets, c);
    merged = table;
    merged.offsets = *offsets;
    merged.offsetsOwner = offsets;
    return merged;
  }

  std::span<const std::int64_t> tableAt = table.rows != 0 ? table.at() : std::span<const std::int64_t>{};
  std::span<const std::int64_t> appendedAt = appended.columns[0].values<std::int64_t>();
  EventOrder order = orderEvents(appended.contactRows, appendedAt, contacts);
  const auto split = static_cast<std::uint32_t>(table.rows);
  std::vector<std::uint32_t> picks;
  picks.reserve(table.rows + appended.contactRows.size());
  for (std::size_t c = 0; c < contacts; ++c) {
    std::uint32_t i = c < tableContacts ? table.offsets[c] : 0;
    const std::uint32_t iEnd = c < tableContacts ? table.offsets[c + 1] : 0;
    std::uint32_t j = order.offsets[c];
    const std::uint32_t jEnd = order.offsets[c + 1];
    while (i < iEnd && j < jEnd) {
      // Equal times: the table's event first, as in a load of the older rows first.
      if (tableAt[i] <= appendedAt[order.order[j]])
        picks.push_back(i++);
      else
        picks.push_back(split + order.order[j++]);
    }
    while (i < iEnd)
      picks.push_back(i++);
    while (j < jEnd)
      picks.push_back(split + order.order[j++]);
    (*offsets)[c + 1] = static_cast<std::uint32_t>(picks.size());
  }
  merged.rows = picks.size();
  for (std::size_t p = 0; p < spec.properties.size(); ++p) {
    const ColumnSpec& property = spec.properties[p];
    const Column empty(property.kind, 0, nullptr, nullptr, nullptr);
    const Column& first = table.rows != 0 ? table.columns[p] : empty;
    merged.columns.push_back(gather(property, first, appended.columns[p], picks));
    merged.dictionaries.push_back(property.kind == ValueKind::String ? appended.dictionaries[p]
                                                                     : Dictionary());
  }
  merged.offsets = *offsets;
  merged.offsetsOwner = offsets;
  return merged;
}

} // namespace seg::runtime::live

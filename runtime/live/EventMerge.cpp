#include "EventMerge.h"

#include "load/EventOrder.h"

#include <algorithm>
#include <cstring>

namespace seg::runtime::live {
namespace {

struct Storage {
  std::vector<std::byte> values;
  std::vector<std::uint64_t> validity;
};

// Rows of the merged table, in order: runs of the table's rows (long: every contact without
// new events between two that have some) and of the appended ones.
struct Run {
  bool appended = false;
  std::uint32_t from = 0;
  std::uint32_t length = 0;
};

void take(std::vector<Run>& runs, bool appended, std::uint32_t from, std::uint32_t length) {
  if (length == 0) return;
  if (!runs.empty() && runs.back().appended == appended &&
      runs.back().from + runs.back().length == from) {
    runs.back().length += length;
    return;
  }
  runs.push_back({appended, from, length});
}

void setBits(std::uint64_t* words, std::size_t at, std::size_t count) {
  for (std::size_t i = at, end = at + count; i < end;) {
    if ((i & 63) == 0 && end - i >= 64) {
      words[i >> 6] = ~std::uint64_t{0};
      i += 64;
    } else {
      words[i >> 6] |= std::uint64_t{1} << (i & 63);
      ++i;
    }
  }
}

// ORs `count` bits of `src` from bit `from` into `dst` at bit `to` (dst's bits there are 0).
void copyBits(std::uint64_t* dst, std::size_t to, const std::uint64_t* src, std::size_t from,
              std::size_t count) {
  for (std::size_t done = 0; done < count;) {
    const std::size_t n = std::min<std::size_t>(64, count - done);
    const std::size_t s = from + done, sw = s >> 6, sb = s & 63;
    std::uint64_t bits = src[sw] >> sb;
    if (sb != 0 && sb + n > 64) bits |= src[sw + 1] << (64 - sb);
    if (n < 64) bits &= (std::uint64_t{1} << n) - 1;
    const std::size_t d = to + done, dw = d >> 6, db = d & 63;
    dst[dw] |= bits << db;
    if (db != 0 && db + n > 64) dst[dw + 1] |= bits >> (64 - db);
    done += n;
  }
}

Column assemble(const ColumnSpec& spec, const Column& table, const Column& appended,
                std::size_t appendedFrom, const std::vector<Run>& runs, std::size_t rows) {
  const std::size_t width = physicalWidth(spec.kind);
  auto storage = std::make_shared<Storage>();
  storage->values.resize(rows * width);
  if (spec.nullable) storage->validity.assign(bitmapWords(rows), 0);
  std::size_t out = 0;
  for (const Run& run : runs) {
    const Column& source = run.appended ? appended : table;
    const std::size_t row = run.from + (run.appended ? appendedFrom : 0);
    std::memcpy(storage->values.data() + out * width,
                static_cast<const std::byte*>(source.rawValues()) + row * width,
                std::size_t{run.length} * width);
    if (spec.nullable) {
      if (source.validity() == nullptr)
        setBits(storage->validity.data(), out, run.length);
      else
        copyBits(storage->validity.data(), out, source.validity(), row, run.length);
    }
    out += run.length;
  }
  const std::uint64_t* validity = spec.nullable ? storage->validity.data() : nullptr;
  return Column(spec.kind, rows, storage->values.data(), validity, storage);
}

std::uint32_t offsetAt(std::span<const std::uint32_t> offsets, std::size_t contact) {
  if (offsets.empty()) return 0;
  return offsets[std::min(contact, offsets.size() - 1)];
}

} // namespace

EventTable mergeEvents(const EventSpec& spec, const EventTable& table,
                       const PendingEvents& appended, std::size_t contacts) {
  const std::size_t tableContacts = table.offsets.empty() ? 0 : table.offsets.size() - 1;
  const std::size_t first = std::min(appended.firstRow, appended.contactRows.size());
  const std::span<const std::uint32_t> newRows =
      std::span<const std::uint32_t>(appended.contactRows).subspan(first);
  if (newRows.empty() && tableContacts == contacts) return table;

  auto offsets = std::make_shared<std::vector<std::uint32_t>>(contacts + 1, 0);
  EventTable merged;
  if (newRows.empty()) {
    // Only new contacts: the same events, offsets extended with empty ranges.
    for (std::size_t c = 0; c <= contacts; ++c)
      (*offsets)[c] = offsetAt(table.offsets, c);
    merged = table;
    merged.offsets = *offsets;
    merged.offsetsOwner = offsets;
    return merged;
  }

  std::span<const std::int64_t> tableAt =
      table.rows != 0 ? table.at() : std::span<const std::int64_t>{};
  const std::span<const std::int64_t> newAt =
      appended.columns[0].values<std::int64_t>().subspan(first);
  const EventOrder order = orderEvents(newRows, newAt, contacts);
  std::vector<Run> runs;
  std::uint32_t copied = 0; // table rows placed so far
  for (std::size_t j = 0; j < order.order.size();) {
    const std::uint32_t contact = newRows[order.order[j]];
    const std::uint32_t jEnd = order.offsets[contact + 1];
    std::uint32_t i = offsetAt(table.offsets, contact);
    const std::uint32_t iEnd = offsetAt(table.offsets, contact + 1);
    take(runs, false, copied, i - copied);
    while (i < iEnd && j < jEnd) {
      // Equal times: the table's event first, as in a load of the older rows first.
      if (tableAt[i] <= newAt[order.order[j]])
        take(runs, false, i++, 1);
      else
        take(runs, true, order.order[j++], 1);
    }
    take(runs, false, i, iEnd - i);
    for (; j < jEnd; ++j)
      take(runs, true, order.order[j], 1);
    copied = iEnd;
  }
  take(runs, false, copied, static_cast<std::uint32_t>(table.rows) - copied);
  for (std::size_t c = 0; c <= contacts; ++c)
    (*offsets)[c] = offsetAt(table.offsets, c) + order.offsets[c];

  merged.rows = table.rows + newRows.size();
  for (std::size_t p = 0; p < spec.properties.size(); ++p) {
    const ColumnSpec& property = spec.properties[p];
    const Column empty(property.kind, 0, nullptr, nullptr, nullptr);
    const Column& old = table.rows != 0 ? table.columns[p] : empty;
    merged.columns.push_back(
        assemble(property, old, appended.columns[p], first, runs, merged.rows));
    merged.dictionaries.push_back(property.kind == ValueKind::String ? appended.dictionaries[p]
                                                                     : Dictionary());
  }
  merged.offsets = *offsets;
  merged.offsetsOwner = offsets;
  return merged;
}

} // namespace seg::runtime::live

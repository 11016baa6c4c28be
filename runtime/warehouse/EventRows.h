// Walks events `begin`..`end` of an event table with the contact row of each (found once by
// binary search, then by stepping through the CSR offsets): what the COPY and RowBinary
// encoders share, as they write every event beside its contact's key.
#pragma once

#include "store/Store.h"

#include <algorithm>
#include <cstddef>

namespace seg::warehouse {

template <class Visit>
void forEachEventRow(const runtime::EventTable& table, std::size_t begin, std::size_t end,
                     Visit&& visit) {
  // The contact of event `begin`: the last contact whose range starts at or before it.
  auto first = std::upper_bound(table.offsets.begin(), table.offsets.end(),
                                static_cast<std::uint32_t>(begin));
  std::size_t contact = static_cast<std::size_t>(first - table.offsets.begin()) - 1;
  for (std::size_t row = begin; row < end; ++row) {
    while (table.offsets[contact + 1] <= row)
      ++contact;
    visit(row, contact);
  }
}

} // namespace seg::warehouse

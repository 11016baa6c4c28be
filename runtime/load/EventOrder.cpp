#include "EventOrder.h"

#include <algorithm>

namespace seg::runtime {

EventOrder orderEvents(std::span<const std::uint32_t> contactRows, std::span<const std::int64_t> at,
                       std::size_t contacts) {
  EventOrder result;
  result.offsets.assign(contacts + 1, 0);
  for (std::uint32_t row : contactRows)
    ++result.offsets[row + 1];
  for (std::size_t c = 0; c < contacts; ++c)
    result.offsets[c + 1] += result.offsets[c];

  // Counting sort by contact keeps file order within each contact...
  result.order.resize(contactRows.size());
  std::vector<std::uint32_t> next(result.offsets.begin(), result.offsets.end() - 1);
  for (std::uint32_t i = 0; i < contactRows.size(); ++i)
    result.order[next[contactRows[i]]++] = i;

  // ...then each contact's few events are sorted by time, stably.
  auto byTime = [&](std::uint32_t a, std::uint32_t b) { return at[a] < at[b]; };
  for (std::size_t c = 0; c < contacts; ++c) {
    auto begin = result.order.begin() + result.offsets[c];
    auto end = result.order.begin() + result.offsets[c + 1];
    if (end - begin < 2 || std::is_sorted(begin, end, byTime)) continue;
    if (end - begin <= 32) {
      for (auto it = begin + 1; it != end; ++it) // insertion sort: stable, fast when short
        for (auto j = it; j != begin && byTime(*j, *(j - 1)); --j)
          std::iter_swap(j, j - 1);
    } else {
      std::stable_sort(begin, end, byTime);
    }
  }
  return result;
}

} // namespace seg::runtime

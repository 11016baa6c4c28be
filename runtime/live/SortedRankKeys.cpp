#include "SortedRankKeys.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace seg::runtime::live {
namespace {

__extension__ using Wide = unsigned __int128; // b·N can exceed 64 bits

} // namespace

SortedKeys sortKeys(std::vector<std::uint64_t> keys) {
  // Least significant digit first, 11 bits a digit (six passes; a digit's counts fit in the
  // first-level cache), all digits counted in one pass.
  constexpr unsigned kBits = 11;
  constexpr unsigned kDigits = (64 + kBits - 1) / kBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::array<std::size_t, kBuckets>> counts(kDigits);
  for (std::array<std::size_t, kBuckets>& digit : counts)
    digit.fill(0);
  for (std::uint64_t key : keys)
    for (unsigned d = 0; d < kDigits; ++d)
      ++counts[d][(key >> (d * kBits)) & (kBuckets - 1)];
  SortedKeys sorted(keys.begin(), keys.end()), other(keys.size());
  keys = {};
  for (unsigned d = 0; d < kDigits; ++d) {
    std::array<std::size_t, kBuckets>& start = counts[d];
    // A digit every key shares orders nothing: skip its pass.
    if (std::find(start.begin(), start.end(), sorted.size()) != start.end()) continue;
    std::size_t sum = 0;
    for (std::size_t& count : start)
      sum += std::exchange(count, sum);
    const unsigned shift = d * kBits;
    for (std::uint64_t key : sorted)
      other[start[(key >> shift) & (kBuckets - 1)]++] = key;
    sorted.swap(other);
  }
  return sorted;
}

SortedKeys patchedKeys(const SortedKeys& sorted, std::span<const std::uint64_t> removed,
                       std::span<const std::uint64_t> added) {
  SortedKeys out;
  patchKeys(sorted, removed, added, out);
  return out;
}

void patchKeys(const SortedKeys& sorted, std::span<const std::uint64_t> removed,
               std::span<const std::uint64_t> added, SortedKeys& out) {
  if (removed.size() > sorted.size()) throw std::logic_error("removing keys that are not there");
  // Within its capacity a resize writes nothing (FreshZeroAllocator); every key is written.
  out.resize(sorted.size() - removed.size() + added.size());
  auto from = sorted.begin();
  auto to = out.begin();
  std::size_t r = 0, a = 0;
  // Runs of kept keys copied whole, between the next removal and the next addition: a
  // patch of thousands into a million moves memory at copying speed.
  while (r < removed.size() || a < added.size()) {
    const bool removal = a == added.size() || (r < removed.size() && removed[r] <= added[a]);
    const std::uint64_t key = removal ? removed[r] : added[a];
    auto until = std::lower_bound(from, sorted.end(), key);
    to = std::copy(from, until, to);
    from = until;
    if (removal) {
      // Equal keys are interchangeable: the first one left goes.
      if (from == sorted.end() || *from != key)
        throw std::logic_error("removing a key that is not there");
      ++from;
      ++r;
    } else {
      *to++ = key;
      ++a;
    }
  }
  std::copy(from, sorted.end(), to);
}

std::vector<std::uint64_t> bucketThresholds(const SortedKeys& sorted, std::uint64_t k) {
  const std::uint64_t n = sorted.size();
  if (n == 0) throw std::logic_error("thresholds of no keys");
  std::vector<std::uint64_t> out;
  out.reserve(k > 0 ? k - 1 : 0);
  for (std::uint64_t b = 1; b < k; ++b) {
    const auto t = static_cast<std::uint64_t>((Wide{b} * n + k - 1) / k); // ≥ 1 as n ≥ 1
    out.push_back(sorted[t - 1]);
  }
  return out;
}

std::int64_t bucketOf(std::span<const std::uint64_t> thresholds, std::uint64_t key) {
  return 1 + static_cast<std::int64_t>(std::lower_bound(thresholds.begin(), thresholds.end(), key) -
                                       thresholds.begin());
}

std::vector<KeyRange> movedRanges(std::span<const std::uint64_t> before,
                                  std::span<const std::uint64_t> after) {
  if (before.size() != after.size()) throw std::logic_error("thresholds of different ntiles");
  std::vector<KeyRange> ranges;
  for (std::size_t b = 0; b < before.size(); ++b)
    if (before[b] != after[b])
      ranges.push_back({std::min(before[b], after[b]), std::max(before[b], after[b])});
  std::sort(ranges.begin(), ranges.end(),
            [](const KeyRange& x, const KeyRange& y) { return x.low < y.low; });
  std::vector<KeyRange> merged;
  for (const KeyRange& range : ranges) {
    if (!merged.empty() && range.low <= merged.back().high)
      merged.back().high = std::max(merged.back().high, range.high);
    else
      merged.push_back(range);
  }
  return merged;
}

bool inRanges(std::span<const KeyRange> ranges, std::uint64_t key) {
  // The last range starting below the key is the only one that can hold it.
  auto after = std::upper_bound(ranges.begin(), ranges.end(), key,
                                [](std::uint64_t k, const KeyRange& r) { return k <= r.low; });
  return after != ranges.begin() && std::prev(after)->holds(key);
}

} // namespace seg::runtime::live

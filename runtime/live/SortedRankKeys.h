// A rank input's order keys kept sorted from one live evaluation to the next: ntile(k, x)
// depends only on which of k − 1 order statistics x exceeds, so a patch of a few contacts'
// inputs moves only the others whose key lies between an old and a new threshold.
#pragma once

#include "exec/FreshZeroAllocator.h"

#include <cstdint>
#include <span>
#include <vector>

namespace seg::runtime::live {

// Order keys (exec/OrderKey.h) of the contacts with a value, ascending; in fresh memory
// (huge pages), as a million keys are copied and patched at every evaluation.
using SortedKeys = std::vector<std::uint64_t, exec::FreshZeroAllocator<std::uint64_t>>;

// `keys` sorted ascending, in linear time (a radix sort, one pass per byte that varies).
SortedKeys sortKeys(std::vector<std::uint64_t> keys);

// `sorted` with one equal key taken out for each of `removed` (every one of them present)
// and `added` put in; `removed` and `added` ascending. One merging pass, into `out` (whose
// contents go; its memory is reused when large enough).
void patchKeys(const SortedKeys& sorted, std::span<const std::uint64_t> removed,
               std::span<const std::uint64_t> added, SortedKeys& out);
SortedKeys patchedKeys(const SortedKeys& sorted, std::span<const std::uint64_t> removed,
                       std::span<const std::uint64_t> added);

// The bucket thresholds of ntile(k, ·) over `sorted` (N ≥ 1 keys): for b = 1..k − 1 the
// ceil(b·N/k)-th smallest key. With L the keys strictly below x, floor(k·L/N) ≥ b exactly
// when L ≥ ceil(b·N/k), which is when that key is below x.
std::vector<std::uint64_t> bucketThresholds(const SortedKeys& sorted, std::uint64_t k);

// ntile(k, x) = min(k, 1 + floor(k·L/N)) for the key of x, from its thresholds.
std::int64_t bucketOf(std::span<const std::uint64_t> thresholds, std::uint64_t key);

// Keys low < key ≤ high.
struct KeyRange {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  // Branch-free, so that a pass over every contact's key vectorizes: key − low − 1 wraps
  // past high − low when key ≤ low.
  bool holds(std::uint64_t key) const { return key - low - 1 < high - low; }
};

// Where a key's bucket differs between two sets of thresholds of the same k: the keys
// between threshold b before and threshold b after, for every b (disjoint, ascending). A
// key's bucket counts the thresholds below it, and thresholds ascend, so one threshold's
// move cannot undo another's: a key outside every range keeps its bucket.
std::vector<KeyRange> movedRanges(std::span<const std::uint64_t> before,
                                  std::span<const std::uint64_t> after);

// Whether `key` lies in one of `ranges` (disjoint, ascending).
bool inRanges(std::span<const KeyRange> ranges, std::uint64_t key);

} // namespace seg::runtime::live

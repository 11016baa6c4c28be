#include "report/BitmapCount.h"

#include <algorithm>
#include <bit>

namespace seg::report {
namespace {

// Cloned for CPUs with POPCNT: without -march the portable popcount is several times slower.
[[gnu::target_clones("popcnt", "default")]] std::uint64_t
countBoth(const std::uint64_t* a, const std::uint64_t* b, std::size_t words) {
  std::uint64_t both = 0;
  for (std::size_t w = 0; w < words; ++w)
    both += static_cast<std::uint64_t>(std::popcount(a[w] & b[w]));
  return both;
}

} // namespace

std::uint64_t sharedMembers(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) {
  return countBoth(a.data(), b.data(), std::min(a.size(), b.size()));
}

} // namespace seg::report

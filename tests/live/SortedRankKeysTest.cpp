// Kept rank keys against brute force: patched keys equal a sort of the patched multiset, and a
// key outside the moved ranges keeps its ntile bucket, which equals the definition's.
#include "live/SortedRankKeys.h"

#include "exec/OrderKey.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>

namespace seg::runtime::live {
namespace {

// ntile(k, x) = min(k, 1 + floor(k·L/N)) by its definition (LANGUAGE.md §4).
std::int64_t definedBucket(const std::vector<std::uint64_t>& keys, std::uint64_t k,
                           std::uint64_t key) {
  const auto smaller = static_cast<std::uint64_t>(
      std::count_if(keys.begin(), keys.end(), [key](std::uint64_t other) { return other < key; }));
  return static_cast<std::int64_t>(std::min<std::uint64_t>(k, 1 + k * smaller / keys.size()));
}

TEST(SortedRankKeys, SortingIsAscending) {
  std::mt19937_64 random(3);
  std::vector<std::uint64_t> keys(5000);
  for (std::uint64_t& key : keys)
    key = random() % 7 == 0 ? random() : exec::orderKey(static_cast<double>(random() % 100) - 50);
  SortedKeys sorted = sortKeys(keys);
  std::sort(keys.begin(), keys.end());
  EXPECT_TRUE(std::equal(keys.begin(), keys.end(), sorted.begin(), sorted.end()));
}

TEST(SortedRankKeys, APatchMovesExactlyTheKeysBetweenThresholds) {
  std::mt19937_64 random(11);
  for (int round = 0; round < 300; ++round) {
    // Few distinct values (many ties) in some rounds, many in others.
    const std::uint64_t spread = round % 3 == 0 ? 5 : round % 3 == 1 ? 40 : 1'000'000;
    const std::size_t n = 1 + random() % 400;
    std::vector<std::uint64_t> keys(n);
    for (std::uint64_t& key : keys)
      key = exec::orderKey(static_cast<std::int64_t>(random() % spread) - 3);
    const SortedKeys sorted = sortKeys(keys);
    // Remove some present keys, add some new ones.
    std::vector<std::uint64_t> rest = keys, removed, added;
    std::shuffle(rest.begin(), rest.end(), random);
    const std::size_t removes = random() % (n / 2 + 1);
    removed.assign(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(removes));
    rest.erase(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(removes));
    for (std::size_t i = random() % (n / 2 + 2); i > 0; --i)
      added.push_back(exec::orderKey(static_cast<std::int64_t>(random() % spread) - 3));
    std::sort(removed.begin(), removed.end());
    std::sort(added.begin(), added.end());
    const SortedKeys after = patchedKeys(sorted, removed, added);
    std::vector<std::uint64_t> expected = rest;
    expected.insert(expected.end(), added.begin(), added.end());
    std::sort(expected.begin(), expected.end());
    ASSERT_TRUE(std::equal(expected.begin(), expected.end(), after.begin(), after.end()))
        << "round " << round;
    if (expected.empty()) continue;
    for (std::uint64_t k : {1u, 2u, 3u, 5u, 10u, 33u, 100u}) {
      const std::vector<std::uint64_t> was = bucketThresholds(sorted, k);
      const std::vector<std::uint64_t> is = bucketThresholds(after, k);
      const std::vector<KeyRange> ranges = movedRanges(was, is);
      for (std::uint64_t key : rest) { // the keys that stayed
        const std::int64_t before = definedBucket(keys, k, key);
        const std::int64_t now = definedBucket(expected, k, key);
        ASSERT_EQ(bucketOf(was, key), before) << "round " << round << " k " << k;
        ASSERT_EQ(bucketOf(is, key), now) << "round " << round << " k " << k;
        if (before != now) {
          ASSERT_TRUE(inRanges(ranges, key)) << "round " << round << " k " << k;
        }
      }
    }
  }
}

TEST(SortedRankKeys, RemovingAMissingKeyIsABug) {
  const SortedKeys sorted = sortKeys({1, 2, 3});
  const std::vector<std::uint64_t> missing{4};
  EXPECT_THROW(patchedKeys(sorted, missing, {}), std::logic_error);
}

} // namespace
} // namespace seg::runtime::live

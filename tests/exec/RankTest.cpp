// Population ranks against their definition, counted by brute force: ntile(k, x) =
// min(k, 1 + floor(k·L / N)) with L the values strictly smaller (NaN after every number),
// over random columns with ties, nulls and NaN, for small k (selection), large k (sort)
// and integers in a narrow range (histogram).
#include "exec/Executor.h"
#include "exec/ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

namespace seg::test {
namespace {

using exec::ContactColumn;
using plan::ValueType;

struct RankCase {
  plan::Plan plan;
  runtime::Store store;
  exec::BoundPlan bound;
};

// One RankInput slot of `type` holding `values` (nullopt = null) and one rank over it.
std::unique_ptr<RankCase> rankCase(ValueType type, const std::vector<std::optional<double>>& values,
                                   std::int64_t buckets) {
  auto c = std::make_unique<RankCase>();
  plan::Slot slot;
  slot.name = "ntile#0";
  slot.kind = plan::SlotKind::RankInput;
  slot.type = type;
  slot.nullable = true;
  c->plan.slots.push_back(slot);
  c->plan.ranks.push_back({buckets, 0, 1});
  c->plan.stageCount = 2;
  c->store.contacts.rows = values.size();
  c->bound.plan = &c->plan;
  c->bound.store = &c->store;
  ContactColumn input;
  input.type = type;
  input.resize(values.size());
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (!values[row]) continue;
    input.setValid(row, true);
    if (type == ValueType::Float)
      input.data<double>()[row] = *values[row];
    else
      input.data<std::int64_t>()[row] = static_cast<std::int64_t>(*values[row]);
  }
  c->bound.slots.push_back(std::move(input));
  ContactColumn out;
  out.type = ValueType::Int;
  out.resize(values.size());
  c->bound.ranks.push_back(std::move(out));
  return c;
}

bool before(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}

std::vector<std::optional<std::int64_t>> bruteForce(const std::vector<std::optional<double>>& x,
                                                    std::int64_t k) {
  std::uint64_t n = 0;
  for (const auto& v : x)
    n += v ? 1 : 0;
  std::vector<std::optional<std::int64_t>> out(x.size());
  for (std::size_t row = 0; row < x.size(); ++row) {
    if (!x[row]) continue;
    std::uint64_t smaller = 0;
    for (const auto& y : x)
      smaller += (y && before(*y, *x[row])) ? 1 : 0;
    __extension__ using Wide = unsigned __int128;
    const auto uk = static_cast<std::uint64_t>(k);
    out[row] = static_cast<std::int64_t>(
        std::min<std::uint64_t>(uk, 1 + static_cast<std::uint64_t>(Wide{uk} * smaller / n)));
  }
  return out;
}

void expectRanks(ValueType type, const std::vector<std::optional<double>>& values,
                 std::int64_t buckets, exec::ThreadPool* pool) {
  auto c = rankCase(type, values, buckets);
  exec::computeRanks(c->bound, 1, pool);
  const auto expected = bruteForce(values, buckets);
  const ContactColumn& out = c->bound.ranks[0];
  for (std::size_t row = 0; row < values.size(); ++row) {
    ASSERT_EQ(out.isValid(row), expected[row].has_value()) << "row " << row << " k " << buckets;
    if (expected[row]) {
      ASSERT_EQ(out.data<std::int64_t>()[row], *expected[row]) << "row " << row << " k " << buckets;
    }
  }
}

std::vector<std::optional<double>> randomColumn(std::mt19937_64& random, std::size_t rows,
                                                bool floats, bool wide = false) {
  std::uniform_int_distribution<int> distinct(1, 40);
  const int domain = distinct(random); // few distinct values: many ties
  std::uniform_int_distribution<int> value(-domain, domain), percent(0, 99);
  const int nullPercent = percent(random) / 2;
  std::vector<std::optional<double>> column(rows);
  for (auto& v : column) {
    if (percent(random) < nullPercent) continue;
    if (floats && percent(random) < 5) {
      v = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    if (floats && percent(random) < 5) {
      v = -0.0; // equal to 0, but with another bit pattern
      continue;
    }
    // Integers sometimes spread wide, past the histogram's range: the selection path.
    v = floats ? value(random) / 4.0 : value(random) * (wide ? 1e12 : 1.0);
  }
  return column;
}

TEST(RankTest, MatchesTheDefinitionOnRandomColumns) {
  std::mt19937_64 random(20261123);
  exec::ThreadPool pool(2);
  const std::int64_t bucketCounts[] = {1, 2, 3, 4, 5, 10, 31, 32, 33, 100, 1000, 1'000'000'000};
  for (int trial = 0; trial < 200; ++trial) {
    std::uniform_int_distribution<std::size_t> size(0, 300);
    const bool floats = trial % 2 == 0;
    auto column = randomColumn(random, size(random), floats, trial % 4 == 1);
    for (std::int64_t k : bucketCounts)
      expectRanks(floats ? ValueType::Float : ValueType::Int, column, k,
                  trial % 3 == 0 ? &pool : nullptr);
  }
}

TEST(RankTest, AllNullAllEqualAndSingleValue) {
  expectRanks(ValueType::Int, {std::nullopt, std::nullopt}, 5, nullptr);
  expectRanks(ValueType::Int, {7.0, 7.0, 7.0, std::nullopt}, 5, nullptr);
  expectRanks(ValueType::Float, {1.5}, 5, nullptr);
  expectRanks(ValueType::Float, {std::numeric_limits<double>::quiet_NaN(), 0.0, -0.0}, 4, nullptr);
  expectRanks(ValueType::Int, {}, 3, nullptr);
}

} // namespace
} // namespace seg::test

namespace seg::test {
namespace {

// L by sorting the values once (the same count as bruteForce, for columns too long for it).
std::vector<std::optional<std::int64_t>> countedBySort(const std::vector<std::optional<double>>& x,
                                                       std::int64_t k) {
  std::vector<double> sorted;
  for (const auto& v : x)
    if (v) sorted.push_back(*v);
  std::sort(sorted.begin(), sorted.end(), before);
  const std::uint64_t n = sorted.size();
  std::vector<std::optional<std::int64_t>> out(x.size());
  for (std::size_t row = 0; row < x.size(); ++row) {
    if (!x[row]) continue;
    const auto smaller = static_cast<std::uint64_t>(
        std::lower_bound(sorted.begin(), sorted.end(), *x[row], before) - sorted.begin());
    __extension__ using Wide = unsigned __int128;
    const auto uk = static_cast<std::uint64_t>(k);
    out[row] = static_cast<std::int64_t>(
        std::min<std::uint64_t>(uk, 1 + static_cast<std::uint64_t>(Wide{uk} * smaller / n)));
  }
  return out;
}

// Long columns take the sampled thresholds (from 65,536 values): random, tied (mostly one
// value, as sums over no events), sorted, and periodic with the sample's own stride, which
// defeats the sample and must fall back, all exactly equal to the count.
TEST(RankTest, SampledThresholdsOnLongColumnsMatchTheCount) {
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> real(-1000, 1000);
  std::uniform_int_distribution<int> percent(0, 99);
  const std::size_t rows = 150'000;
  const std::size_t stride = rows / (1 << 14);
  for (int shape = 0; shape < 4; ++shape) {
    std::vector<std::optional<double>> column(rows);
    for (std::size_t row = 0; row < rows; ++row) {
      if (percent(random) < 10) continue; // null
      switch (shape) {
      case 0:
        column[row] = percent(random) < 1 ? std::numeric_limits<double>::quiet_NaN() : real(random);
        break;
      case 1:
        column[row] = percent(random) < 90 ? 0.0 : real(random);
        break;
      case 2:
        column[row] = static_cast<double>(row) / 7;
        break;
      default:
        column[row] = row % stride == 0 ? 0.0 : static_cast<double>(row);
        break;
      }
    }
    for (std::int64_t k : {2, 4, 5, 10, 32}) {
      for (ValueType type : {ValueType::Float, ValueType::Int}) {
        std::vector<std::optional<double>> values = column;
        if (type == ValueType::Int) // wide integers: not the histogram
          for (auto& v : values)
            if (v) v = std::isnan(*v) ? 0.0 : std::floor(*v * 1e9);
        auto c = rankCase(type, values, k);
        exec::computeRanks(c->bound, 1, nullptr);
        const auto expected = countedBySort(values, k);
        const ContactColumn& out = c->bound.ranks[0];
        for (std::size_t row = 0; row < rows; ++row) {
          ASSERT_EQ(out.isValid(row), expected[row].has_value()) << "shape " << shape;
          if (expected[row]) {
            ASSERT_EQ(out.data<std::int64_t>()[row], *expected[row])
                << "row " << row << " k " << k << " shape " << shape;
          }
        }
      }
    }
  }
}

} // namespace
} // namespace seg::test

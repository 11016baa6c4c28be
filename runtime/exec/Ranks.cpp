// Population ranks: ntile(k, x) = min(k, 1 + floor(k·L / N)), N the contacts with a
// non-null x, L those with x strictly smaller. A contact's bucket only depends on which
// of the k − 1 bucket thresholds its x exceeds, so small k needs k − 1 order statistics
// (from a sample and one counting pass) instead of a sort; large k sorts once and finds L
// by binary search; integers in a narrow range (counts, days) count L from a histogram.
// Cluster definitions are ranks too: K-means (KMeans.h) assigns each contact its cluster.
#include "Executor.h"
#include "KMeans.h"
#include "OrderKey.h"
#include "ThreadPool.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace seg::exec {
namespace {

__extension__ using Wide = unsigned __int128; // k·L can exceed 64 bits
__extension__ using SignedWide = __int128;    // a value range can exceed 64 bits

// Above this many buckets, sorting beats one selection per threshold.
constexpr std::uint64_t kSelectionBuckets = 32;

// A strict weak order on the values: numbers as numbers, NaN after every number (so that
// ranking is well-defined even then).
struct Before {
  bool operator()(std::int64_t a, std::int64_t b) const { return a < b; }
  bool operator()(double a, double b) const {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    return a < b;
  }
};

bool isSet(const std::uint64_t* validity, std::size_t row) {
  return ((validity[row >> 6] >> (row & 63)) & 1u) != 0;
}

// Sampling pays from this many values on.
constexpr std::size_t kSampledFrom = 1 << 16;
constexpr std::size_t kSample = 1 << 14;
// Sample positions either side of a threshold's estimate: over 4 standard deviations of a
// quantile's position in a random sample of kSample (at most 64).
constexpr std::size_t kMargin = 320;

// The t-th smallest key (1-based) of the n valid rows for each t of `positions`, exactly.
// From a sorted sample of every (rows / kSample)-th row, each t gets a bracket of keys
// that should hold it; one pass over the column counts the keys below each bracket and
// keeps those inside, and a selection among those finds it. A bracket that misses (data in
// an unlucky order) falls back to a selection over all keys: the answer never depends on
// the sample, only the time does.
template <class T>
std::vector<std::uint64_t> orderStatistics(const T* column, const std::uint64_t* validity,
                                           std::size_t rows, std::uint64_t n,
                                           const std::vector<std::uint64_t>& positions) {
  std::vector<std::uint64_t> out(positions.size());
  std::vector<bool> found(positions.size(), false);
  if (n >= kSampledFrom && !positions.empty()) {
    const std::size_t stride = std::max<std::size_t>(1, rows / kSample);
    std::vector<std::uint64_t> sample;
    for (std::size_t row = 0; row < rows; row += stride)
      if (isSet(validity, row)) sample.push_back(orderKey(column[row]));
    std::sort(sample.begin(), sample.end());
    const std::size_t s = sample.size();
    struct Bracket {
      std::uint64_t low = 0, high = ~std::uint64_t{0}; // inclusive
      std::uint64_t below = 0, inside = 0;
      std::vector<std::uint64_t> candidates;
    };
    std::vector<Bracket> brackets(positions.size());
    for (std::size_t i = 0; i < positions.size() && s > 0; ++i) {
      Bracket& b = brackets[i];
      const auto estimate = static_cast<std::size_t>(Wide{positions[i]} * s / n);
      if (estimate >= kMargin) b.low = sample[estimate - kMargin];
      if (estimate + kMargin < s) b.high = sample[estimate + kMargin];
    }
    for (std::size_t row = 0; row < rows; ++row) {
      if (!isSet(validity, row)) continue;
      const std::uint64_t key = orderKey(column[row]);
      for (Bracket& b : brackets) {
        b.below += key < b.low ? 1 : 0;
        // Keys inside a bracket of one key (many ties) are counted, not kept.
        if (key >= b.low && key <= b.high) {
          ++b.inside;
          if (b.low != b.high) b.candidates.push_back(key);
        }
      }
    }
    for (std::size_t i = 0; i < positions.size() && s > 0; ++i) {
      Bracket& b = brackets[i];
      const std::uint64_t t = positions[i];
      if (!(b.below < t && t <= b.below + b.inside)) continue;
      if (b.low == b.high) {
        out[i] = b.low;
      } else {
        auto nth = b.candidates.begin() + static_cast<std::ptrdiff_t>(t - b.below - 1);
        std::nth_element(b.candidates.begin(), nth, b.candidates.end());
        out[i] = *nth;
      }
      found[i] = true;
    }
  }
  if (std::find(found.begin(), found.end(), false) == found.end()) return out;
  std::vector<std::uint64_t> keys;
  keys.reserve(n);
  for (std::size_t row = 0; row < rows; ++row)
    if (isSet(validity, row)) keys.push_back(orderKey(column[row]));
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (found[i]) continue;
    auto nth = keys.begin() + static_cast<std::ptrdiff_t>(positions[i] - 1);
    std::nth_element(keys.begin(), nth, keys.end());
    out[i] = *nth;
  }
  return out;
}

// bucket(L) for every contact with a value (rows without one are left alone).
template <class T>
void rankValues(const T* column, const std::uint64_t* validity, std::size_t rows, std::uint64_t k,
                std::int64_t* out) {
  std::uint64_t n = 0;
  for (std::size_t w = 0; w < (rows + 63) / 64; ++w) {
    const std::uint64_t tail =
        rows - w * 64 >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (rows - w * 64)) - 1;
    n += static_cast<std::uint64_t>(std::popcount(validity[w] & tail));
  }
  if (n == 0) return;
  auto bucketOf = [&](std::uint64_t smaller) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(k, 1 + static_cast<std::uint64_t>(Wide{k} * smaller / n)));
  };

  if constexpr (std::is_same_v<T, std::int64_t>) {
    // Integers in a narrow range (counts, days): L from a histogram's prefix sums, O(N),
    // and the bucket of each distinct value computed once (no 128-bit division per row).
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    for (std::size_t row = 0; row < rows; ++row) {
      const bool valid = isSet(validity, row);
      low = std::min(low, valid ? column[row] : low);
      high = std::max(high, valid ? column[row] : high);
    }
    const auto range = static_cast<Wide>(static_cast<SignedWide>(high) - low) + 1;
    if (range <= Wide{4} * n + 4096) {
      const auto bins = static_cast<std::size_t>(range);
      // Unsigned: a row without a value may hold anything, and its bin is not used.
      auto binOf = [low](std::int64_t v) {
        return static_cast<std::size_t>(static_cast<std::uint64_t>(v) -
                                        static_cast<std::uint64_t>(low));
      };
      // smaller[v - low]: the values below v; one spare bin last for rows without a value.
      std::vector<std::uint64_t> smaller(bins + 2, 0);
      for (std::size_t row = 0; row < rows; ++row) {
        const bool valid = isSet(validity, row);
        ++smaller[valid ? binOf(column[row]) + 1 : bins + 1];
      }
      smaller[bins + 1] = 0;
      for (std::size_t i = 1; i <= bins; ++i)
        smaller[i] += smaller[i - 1];
      // Each occupied bin's bucket once: at most one division per distinct value.
      std::vector<std::int64_t> bucketOfBin(bins + 1, 0);
      for (std::size_t bin = 0; bin < bins; ++bin)
        if (smaller[bin + 1] != smaller[bin]) bucketOfBin[bin] = bucketOf(smaller[bin]);
      for (std::size_t row = 0; row < rows; ++row) {
        const bool valid = isSet(validity, row);
        out[row] = bucketOfBin[valid ? binOf(column[row]) : bins];
      }
      return;
    }
  }

  if (k <= kSelectionBuckets) {
    // bucket = 1 + #{b in 1..k-1 : L ≥ t_b}, t_b = ceil(b·N/k); L ≥ t (t ≥ 1) exactly when
    // x is after the t-th smallest value (orderStatistics finds the k − 1 of them).
    std::uint64_t always = 0; // thresholds with t_b = 0, which every contact meets
    std::vector<std::uint64_t> positions;
    for (std::uint64_t b = 1; b < k; ++b) {
      const auto t = static_cast<std::uint64_t>((Wide{b} * n + k - 1) / k);
      if (t == 0)
        ++always;
      else
        positions.push_back(t);
    }
    const std::vector<std::uint64_t> thresholds =
        orderStatistics(column, validity, rows, n, positions);
    for (std::size_t row = 0; row < rows; ++row) {
      const std::uint64_t key = orderKey(column[row]);
      std::uint64_t exceeded = always;
      for (std::uint64_t t : thresholds)
        exceeded += t < key ? 1 : 0;
      // Rows without a value keep their 0.
      out[row] = isSet(validity, row) ? static_cast<std::int64_t>(std::min(k, 1 + exceeded)) : 0;
    }
    return;
  }
  const Before before;
  std::vector<T> values;
  values.reserve(n);
  for (std::size_t row = 0; row < rows; ++row)
    if (isSet(validity, row)) values.push_back(column[row]);
  std::sort(values.begin(), values.end(), before);
  for (std::size_t row = 0; row < rows; ++row) {
    if (!isSet(validity, row)) continue;
    out[row] = bucketOf(static_cast<std::uint64_t>(
        std::lower_bound(values.begin(), values.end(), column[row], before) - values.begin()));
  }
}

void rank(const BoundPlan& bound, const plan::Rank& rank, ContactColumn& out) {
  const ContactColumn& input = bound.slots.at(rank.inputSlot);
  const std::size_t rows = bound.store->contacts.rows;
  const auto k = static_cast<std::uint64_t>(std::max<std::int64_t>(rank.buckets, 1));
  if (widthOf(input.type) != sizeof(std::int64_t))
    throw std::logic_error("an ntile input must be a number, a timestamp or a duration");
  // A contact's rank is valid exactly when its input is.
  std::copy(input.validity.begin(), input.validity.end(), out.validity.begin());
  if (input.type == ValueType::Float)
    rankValues(input.data<double>(), input.validity.data(), rows, k, out.data<std::int64_t>());
  else
    rankValues(input.data<std::int64_t>(), input.validity.data(), rows, k,
               out.data<std::int64_t>());
}

// A cluster definition's rank: each contact's cluster, null where a feature is null.
void cluster(BoundPlan& bound, std::size_t r, ThreadPool* pool) {
  const plan::Rank& rank = bound.plan->ranks[r];
  FeatureColumns features;
  features.rows = bound.store->contacts.rows;
  for (std::int32_t slot : rank.cluster->featureSlots) {
    const ContactColumn& column = bound.slots.at(slot);
    if (column.type != ValueType::Float) throw std::logic_error("a cluster feature must be Float");
    features.values.push_back(column.data<double>());
    features.validity.push_back(column.validity.data());
  }
  const FeatureMatrix matrix = standardize(features, pool);
  std::vector<std::uint32_t> assignment;
  KMeansModel model =
      kmeans(matrix, static_cast<std::size_t>(std::max<std::int64_t>(rank.buckets, 1)),
             rank.cluster->seed, assignment, pool);
  ContactColumn& out = bound.ranks.at(r);
  for (std::size_t i = 0; i < matrix.size(); ++i) {
    out.data<std::int64_t>()[matrix.rows[i]] = assignment[i];
    out.setValid(matrix.rows[i], true);
  }
  bound.clusters[r] = std::move(model);
}

} // namespace

void computeRanks(BoundPlan& bound, std::int32_t stage, ThreadPool* pool) {
  const plan::Plan& plan = *bound.plan;
  std::vector<std::size_t> due;
  for (std::size_t r = 0; r < plan.ranks.size(); ++r)
    if (plan.ranks[r].stage == stage && !plan.ranks[r].cluster) due.push_back(r);
  auto one = [&](std::size_t i) { rank(bound, plan.ranks[due[i]], bound.ranks.at(due[i])); };
  if (pool != nullptr) {
    pool->forEach(due.size(), one);
  } else {
    for (std::size_t i = 0; i < due.size(); ++i)
      one(i);
  }
  // One at a time: each spreads its own blocks over the pool.
  for (std::size_t r = 0; r < plan.ranks.size(); ++r)
    if (plan.ranks[r].stage == stage && plan.ranks[r].cluster) cluster(bound, r, pool);
}

} // namespace seg::exec

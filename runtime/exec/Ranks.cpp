// Population ranks: ntile(k, x) = min(k, 1 + floor(k·L / N)), N the contacts with a
// non-null x, L those with x strictly smaller. A contact's bucket only depends on which
// of the k − 1 bucket thresholds its x exceeds, so small k needs k − 1 selections (O(N·k))
// instead of a sort; large k sorts once and finds L by binary search; integers in a
// narrow range (counts, days) count L from a histogram. Cluster definitions are ranks too:
// K-means (KMeans.h) assigns each contact its cluster.
#include "Executor.h"
#include "KMeans.h"
#include "ThreadPool.h"

#include <algorithm>
#include <cmath>
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

// bucket(L) for every contact from its value, given N non-null values in `values`.
template <class T>
void rankValues(const T* column, const std::uint64_t* validity, std::size_t rows, std::uint64_t k,
                std::int64_t* out) {
  const Before before;
  std::vector<T> values;
  values.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row)
    if ((validity[row >> 6] >> (row & 63)) & 1u) values.push_back(column[row]);
  const auto n = static_cast<std::uint64_t>(values.size());
  if (n == 0) return;
  auto bucketOf = [&](std::uint64_t smaller) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(k, 1 + static_cast<std::uint64_t>(Wide{k} * smaller / n)));
  };

  if constexpr (std::is_same_v<T, std::int64_t>) {
    // Integers in a narrow range (counts, days): L from a histogram's prefix sums, O(N).
    auto [low, high] = std::minmax_element(values.begin(), values.end());
    const auto range = static_cast<Wide>(static_cast<SignedWide>(*high) - *low) + 1;
    if (range <= Wide{4} * n + 4096) {
      const std::int64_t base = *low;
      std::vector<std::uint64_t> smaller(static_cast<std::size_t>(range) + 1, 0);
      for (std::int64_t v : values)
        ++smaller[static_cast<std::size_t>(v - base) + 1];
      for (std::size_t i = 1; i < smaller.size(); ++i)
        smaller[i] += smaller[i - 1]; // smaller[v - base]: the values below v
      for (std::size_t row = 0; row < rows; ++row)
        if ((validity[row >> 6] >> (row & 63)) & 1u)
          out[row] = bucketOf(smaller[static_cast<std::size_t>(column[row] - base)]);
      return;
    }
  }

  if (k <= kSelectionBuckets) {
    // bucket = 1 + #{b in 1..k-1 : L ≥ t_b}, t_b = ceil(b·N/k); L ≥ t (t ≥ 1) exactly when
    // x is after the t-th smallest value. Thresholds grow with b, so each selection only
    // needs the part right of the previous one.
    std::uint64_t always = 0; // thresholds with t_b = 0, which every contact meets
    std::vector<T> thresholds;
    std::size_t from = 0;
    for (std::uint64_t b = 1; b < k; ++b) {
      const auto t = static_cast<std::uint64_t>((Wide{b} * n + k - 1) / k);
      if (t == 0) {
        ++always;
        continue;
      }
      auto nth = values.begin() + static_cast<std::ptrdiff_t>(t - 1);
      if (thresholds.empty() || t - 1 > from)
        std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), nth, values.end(),
                         before);
      from = t - 1;
      thresholds.push_back(*nth);
    }
    for (std::size_t row = 0; row < rows; ++row) {
      if (!((validity[row >> 6] >> (row & 63)) & 1u)) continue;
      const T x = column[row];
      std::uint64_t exceeded = always;
      for (const T& s : thresholds)
        exceeded += before(s, x) ? 1 : 0;
      out[row] = static_cast<std::int64_t>(std::min(k, 1 + exceeded));
    }
    return;
  }
  std::sort(values.begin(), values.end(), before);
  for (std::size_t row = 0; row < rows; ++row) {
    if (!((validity[row >> 6] >> (row & 63)) & 1u)) continue;
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

// K-means (exec/KMeans.h) against brute force: on small data the clustering is the best
// of every possible assignment, every result is a Lloyd fixed point, and the result is the
// same to the bit on 1, 2 and 8 threads.
#include "exec/KMeans.h"

#include "exec/SplitMix.h"
#include "exec/ThreadPool.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace seg::exec {
namespace {

struct Data {
  std::vector<std::vector<double>> columns;
  std::vector<std::vector<std::uint64_t>> validity;
  FeatureColumns features() const {
    FeatureColumns f;
    f.rows = columns.empty() ? 0 : columns[0].size();
    for (std::size_t d = 0; d < columns.size(); ++d) {
      f.values.push_back(columns[d].data());
      f.validity.push_back(validity[d].data());
    }
    return f;
  }
};

Data fromPoints(const std::vector<std::vector<double>>& points) {
  Data data;
  const std::size_t dims = points.front().size();
  data.columns.assign(dims, {});
  data.validity.assign(dims, std::vector<std::uint64_t>((points.size() + 63) / 64, ~0ull));
  for (const auto& p : points)
    for (std::size_t d = 0; d < dims; ++d)
      data.columns[d].push_back(p[d]);
  return data;
}

// Σ squared distances to the members' means for one assignment.
double inertiaOf(const FeatureMatrix& m, const std::vector<std::uint32_t>& a, std::size_t k) {
  std::vector<double> sums(k * m.dims, 0.0);
  std::vector<double> counts(k, 0.0);
  for (std::size_t i = 0; i < m.size(); ++i) {
    counts[a[i]] += 1;
    for (std::size_t d = 0; d < m.dims; ++d)
      sums[a[i] * m.dims + d] += m.at(i)[d];
  }
  double total = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t d = 0; d < m.dims; ++d) {
      const double diff = m.at(i)[d] - sums[a[i] * m.dims + d] / counts[a[i]];
      total += diff * diff;
    }
  return total;
}

// The least inertia over every assignment of n points to k clusters (k^n of them).
double bruteForceOptimum(const FeatureMatrix& m, std::size_t k) {
  std::vector<std::uint32_t> a(m.size(), 0);
  double best = std::numeric_limits<double>::infinity();
  while (true) {
    best = std::min(best, inertiaOf(m, a, k));
    std::size_t i = 0;
    while (i < a.size() && ++a[i] == k)
      a[i++] = 0;
    if (i == a.size()) break;
  }
  return best;
}

// Each point is at its own centroid's distance or nearer than to any other (ties allowed),
// and each centroid is its members' mean: what Lloyd iterations converge to.
void expectFixedPoint(const FeatureMatrix& m, const KMeansModel& model,
                      const std::vector<std::uint32_t>& a) {
  const std::size_t k = model.k, dims = m.dims;
  std::vector<double> sums(k * dims, 0.0);
  std::vector<std::uint64_t> counts(k, 0);
  for (std::size_t i = 0; i < m.size(); ++i) {
    ++counts[a[i]];
    for (std::size_t d = 0; d < dims; ++d)
      sums[a[i] * dims + d] += m.at(i)[d];
  }
  for (std::size_t c = 0; c < k; ++c) {
    EXPECT_EQ(counts[c], model.sizes[c]) << "cluster " << c;
    for (std::size_t d = 0; d < dims && counts[c] > 0; ++d)
      EXPECT_NEAR(sums[c * dims + d] / static_cast<double>(counts[c]),
                  model.standardizedCentroids[c * dims + d], 1e-9);
  }
  for (std::size_t c = 1; c < k; ++c)
    EXPECT_GE(model.sizes[c - 1], model.sizes[c]) << "clusters are numbered largest first";
  auto distance = [&](std::size_t i, std::size_t c) {
    double s = 0;
    for (std::size_t d = 0; d < dims; ++d) {
      const double diff = m.at(i)[d] - model.standardizedCentroids[c * dims + d];
      s += diff * diff;
    }
    return s;
  };
  for (std::size_t i = 0; i < m.size(); ++i)
    for (std::size_t c = 0; c < k; ++c)
      EXPECT_LE(distance(i, a[i]), distance(i, c) + 1e-9) << "point " << i << " vs cluster " << c;
}

TEST(KMeans, SeparatedGroupsGiveTheBruteForceOptimum) {
  // Three groups of three in 2-D, far apart, and some spread inside each.
  const Data data = fromPoints({{0, 0},
                                {0.5, 0.2},
                                {0.1, 0.6},
                                {10, 10},
                                {10.4, 9.7},
                                {9.8, 10.5},
                                {0, 20},
                                {0.3, 19.5},
                                {-0.4, 20.2}});
  const FeatureMatrix m = standardize(data.features());
  const double optimum = bruteForceOptimum(m, 3);
  for (std::uint64_t seed : {1u, 2u, 3u, 42u, 1000u}) {
    std::vector<std::uint32_t> a;
    KMeansModel model = kmeans(m, 3, seed, a);
    EXPECT_TRUE(model.converged);
    EXPECT_NEAR(model.inertia, optimum, 1e-9) << "seed " << seed;
    EXPECT_NEAR(model.inertia, inertiaOf(m, a, 3), 1e-9);
    EXPECT_EQ(model.sizes, (std::vector<std::uint64_t>{3, 3, 3}));
    expectFixedPoint(m, model, a);
  }
  // Two clusters of three groups: Lloyd may stop in a local optimum, never below the best.
  std::vector<std::uint32_t> a;
  KMeansModel two = kmeans(m, 2, 1, a);
  EXPECT_GE(two.inertia, bruteForceOptimum(m, 2) - 1e-9);
  expectFixedPoint(m, two, a);
}

TEST(KMeans, RandomSmallDataIsALloydFixedPointNoWorseThanNeeded) {
  SplitMix rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::vector<double>> points;
    for (int i = 0; i < 9; ++i)
      points.push_back({rng.unit() * 10, rng.unit() * 3, std::floor(rng.unit() * 4)});
    const Data data = fromPoints(points);
    const FeatureMatrix m = standardize(data.features());
    const std::size_t k = 2 + static_cast<std::size_t>(trial % 2);
    std::vector<std::uint32_t> a;
    KMeansModel model = kmeans(m, k, static_cast<std::uint64_t>(trial), a);
    expectFixedPoint(m, model, a);
    const double optimum = bruteForceOptimum(m, k);
    EXPECT_GE(model.inertia, optimum - 1e-9);
    // Lloyd finds a local optimum; on 9 points it is rarely far from the global one.
    EXPECT_LE(model.inertia, optimum * 2 + 1e-9) << "trial " << trial;
  }
}

TEST(KMeans, StandardizesAndReportsCentroidsInInputUnits) {
  const Data data = fromPoints({{1, 1000}, {2, 1000}, {3, 3000}, {4, 3000}});
  const FeatureMatrix m = standardize(data.features());
  EXPECT_DOUBLE_EQ(m.mean[0], 2.5);
  EXPECT_DOUBLE_EQ(m.mean[1], 2000);
  EXPECT_DOUBLE_EQ(m.scale[1], 1000);
  std::vector<std::uint32_t> a;
  KMeansModel model = kmeans(m, 2, 1, a);
  ASSERT_EQ(model.sizes, (std::vector<std::uint64_t>{2, 2}));
  const bool lowFirst = model.centroids[1] < 2000;
  EXPECT_DOUBLE_EQ(model.centroids[lowFirst ? 0 : 2], 1.5);
  EXPECT_DOUBLE_EQ(model.centroids[lowFirst ? 1 : 3], 1000);
  EXPECT_DOUBLE_EQ(model.centroids[lowFirst ? 2 : 0], 3.5);
  EXPECT_DOUBLE_EQ(model.centroids[lowFirst ? 3 : 1], 3000);
}

TEST(KMeans, ContactsWithANullOrInfiniteFeatureAreLeftOut) {
  Data data = fromPoints({{1, 1}, {2, 2}, {3, 3}, {40, 40}, {50, 50}, {60, 60}});
  data.validity[1][0] &= ~(1ull << 2);                          // row 2's second feature is null
  data.columns[0][5] = std::numeric_limits<double>::infinity(); // as good as null
  const FeatureMatrix m = standardize(data.features());
  EXPECT_EQ(m.rows, (std::vector<std::uint32_t>{0, 1, 3, 4}));
  std::vector<std::uint32_t> a;
  KMeansModel model = kmeans(m, 2, 5, a);
  EXPECT_EQ(model.included, 4u);
  EXPECT_EQ(a[0], a[1]);
  EXPECT_EQ(a[2], a[3]);
  EXPECT_NE(a[0], a[2]);
}

TEST(KMeans, FewerDistinctPointsThanClustersLeavesClustersEmpty) {
  const Data data = fromPoints({{1, 1}, {1, 1}, {1, 1}, {2, 2}});
  const FeatureMatrix m = standardize(data.features());
  std::vector<std::uint32_t> a;
  KMeansModel model = kmeans(m, 4, 3, a);
  EXPECT_EQ(model.sizes, (std::vector<std::uint64_t>{3, 1, 0, 0}));
  EXPECT_DOUBLE_EQ(model.inertia, 0.0);
}

TEST(KMeans, SameBitsOnOneTwoAndEightThreads) {
  SplitMix rng(3);
  std::vector<std::vector<double>> points;
  for (int i = 0; i < 60000; ++i) {
    const double c = std::floor(rng.unit() * 5);
    points.push_back({c * 3 + rng.unit() * 4, c * c + rng.unit() * 5, rng.unit()});
  }
  const Data data = fromPoints(points);
  std::vector<std::uint32_t> reference;
  KMeansModel first;
  double firstSilhouette = 0;
  for (unsigned threads : {1u, 2u, 8u}) {
    ThreadPool pool(threads);
    const FeatureMatrix m = standardize(data.features(), &pool);
    std::vector<std::uint32_t> a;
    KMeansModel model = kmeans(m, 5, 42, a, &pool);
    const double silhouette = sampledSilhouette(m, a, 5, 1500, 42, &pool);
    if (threads == 1) {
      reference = a;
      first = model;
      firstSilhouette = silhouette;
      EXPECT_GT(model.iterations, 2u);
      continue;
    }
    EXPECT_EQ(a, reference) << threads << " threads";
    EXPECT_EQ(model.sizes, first.sizes);
    EXPECT_EQ(model.iterations, first.iterations);
    EXPECT_EQ(std::memcmp(&model.inertia, &first.inertia, sizeof(double)), 0);
    ASSERT_EQ(model.centroids.size(), first.centroids.size());
    EXPECT_EQ(std::memcmp(model.centroids.data(), first.centroids.data(),
                          sizeof(double) * model.centroids.size()),
              0);
    EXPECT_EQ(std::memcmp(&silhouette, &firstSilhouette, sizeof(double)), 0);
  }
}

TEST(KMeans, SilhouetteOfWellSeparatedGroupsIsNearOne) {
  std::vector<std::vector<double>> points;
  for (int i = 0; i < 50; ++i)
    points.push_back({i % 2 == 0 ? 0.0 + 0.001 * i : 100.0 + 0.001 * i});
  const FeatureMatrix m = standardize(fromPoints(points).features());
  std::vector<std::uint32_t> a;
  kmeans(m, 2, 1, a);
  EXPECT_GT(sampledSilhouette(m, a, 2, 1000, 1), 0.99);
  EXPECT_GT(sampledSilhouette(m, a, 2, 10, 1), 0.99); // a sample of 10
}

TEST(SplitMix, KnownSequence) {
  // The reference SplitMix64 outputs for seed 0, so the generator never drifts.
  SplitMix rng(0);
  EXPECT_EQ(rng.next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(rng.next(), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(rng.next(), 0x06C45D188009454Full);
}

} // namespace
} // namespace seg::exec

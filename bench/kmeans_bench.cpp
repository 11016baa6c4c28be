// K-means alone (standardize + k-means++ + Lloyd) on N generated contacts with F features
// drawn around K centres: wall time, median of RUNS, for 1 and for T threads.
// Usage: kmeans_bench N F K RUNS [T]
#include "exec/KMeans.h"
#include "exec/SplitMix.h"
#include "exec/ThreadPool.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: kmeans_bench N F K RUNS [THREADS]\n");
    return 2;
  }
  const std::size_t n = std::strtoull(argv[1], nullptr, 10);
  const std::size_t f = std::strtoull(argv[2], nullptr, 10);
  const std::size_t k = std::strtoull(argv[3], nullptr, 10);
  const int runs = std::max(1, std::atoi(argv[4]));
  const unsigned threads = argc > 5 ? static_cast<unsigned>(std::atoi(argv[5])) : 2;
  // Points around k centres 0..10 apart with a spread that makes them overlap, so Lloyd
  // needs tens of iterations, as on real contacts.
  seg::exec::SplitMix rng(7);
  std::vector<std::vector<double>> columns(f, std::vector<double>(n));
  std::vector<double> centres(k * f);
  for (double& c : centres)
    c = 10 * rng.unit();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = rng.below(k);
    for (std::size_t d = 0; d < f; ++d)
      columns[d][i] = centres[c * f + d] + 4 * (rng.unit() + rng.unit() + rng.unit() - 1.5);
  }
  std::vector<std::uint64_t> allValid((n + 63) / 64, ~std::uint64_t{0});
  seg::exec::FeatureColumns features;
  features.rows = n;
  for (const auto& column : columns) {
    features.values.push_back(column.data());
    features.validity.push_back(allValid.data());
  }
  for (unsigned t : {1u, threads}) {
    seg::exec::ThreadPool pool(t);
    std::vector<double> ms;
    seg::exec::KMeansModel model;
    for (int r = 0; r < runs; ++r) {
      auto start = std::chrono::steady_clock::now();
      seg::exec::FeatureMatrix matrix = seg::exec::standardize(features, &pool);
      std::vector<std::uint32_t> assignment;
      model = seg::exec::kmeans(matrix, k, 42, assignment, &pool);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("k-means k=%zu, %zu features, %zu contacts, %u thread%s: %.1f ms (median of %zu; "
                "min %.1f), %zu iterations, inertia %.6g\n",
                k, f, n, t, t == 1 ? "" : "s", ms[ms.size() / 2], ms.size(), ms.front(),
                model.iterations, model.inertia);
    if (t == threads) break;
  }
  return 0;
}

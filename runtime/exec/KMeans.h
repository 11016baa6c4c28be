// K-means over per-contact features: standardized over the contacts with no null feature,
// k-means++ seeding from a SplitMix seed, then Lloyd iterations. Every sum runs over fixed
// blocks of rows combined in block order, so the result is the same to the bit whatever
// the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace seg::exec {

class ThreadPool;

// The features of every contact: values[f][row], valid when bit `row` of validity[f] is set.
struct FeatureColumns {
  std::size_t rows = 0;
  std::vector<const double*> values;
  std::vector<const std::uint64_t*> validity;
};

// The included contacts' standardized features, row-major (rows × dims), and their rows.
// Included: every feature valid and finite (an infinity would make every mean infinite).
struct FeatureMatrix {
  std::size_t dims = 0;
  std::vector<double> mean, scale; // per feature: x' = (x − mean) / scale (scale 1 when sd 0)
  std::vector<double> values;
  std::vector<double> raw;         // the same in input units, for the centroids
  std::vector<std::uint32_t> rows; // contact row of each matrix row
  std::size_t size() const { return rows.size(); }
  const double* at(std::size_t i) const { return values.data() + i * dims; }
};

struct KMeansModel {
  std::size_t k = 0, dims = 0;
  std::vector<double> centroids;             // k × dims, in input units (members' means)
  std::vector<double> standardizedCentroids; // k × dims
  std::vector<std::uint64_t> sizes;          // members per cluster, largest first
  double inertia = 0;                        // Σ squared standardized distance to the own centroid
  std::size_t iterations = 0;
  bool converged = false;     // no assignment changed in the last iteration
  std::uint64_t included = 0; // contacts with every feature non-null
};

// Rows are standardized with population mean and standard deviation.
FeatureMatrix standardize(const FeatureColumns& features, ThreadPool* pool = nullptr);

inline constexpr std::size_t kMaxKMeansIterations = 100;

// Clusters the matrix into k (≥ 1) clusters numbered by size, largest first (ties: the
// earlier seed first); `assignment` gets each matrix row's cluster. With fewer distinct
// points than k, some clusters stay empty.
KMeansModel kmeans(const FeatureMatrix& matrix, std::size_t k, std::uint64_t seed,
                   std::vector<std::uint32_t>& assignment, ThreadPool* pool = nullptr,
                   std::size_t maxIterations = kMaxKMeansIterations);

// The mean silhouette of up to `sample` matrix rows drawn with `seed` (all rows when fewer),
// distances among the sample only; 0 for rows alone in their cluster. In [-1, 1].
double sampledSilhouette(const FeatureMatrix& matrix, const std::vector<std::uint32_t>& assignment,
                         std::size_t k, std::size_t sample, std::uint64_t seed,
                         ThreadPool* pool = nullptr);

} // namespace seg::exec

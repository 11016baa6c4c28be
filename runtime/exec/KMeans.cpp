// K-means: standardization, k-means++ seeding and Lloyd iterations over blocks of rows.
// A block's partial sums depend only on its rows, and blocks are combined in order, so the
// thread count never changes a bit of the result.
#include "KMeans.h"

#include "SplitMix.h"
#include "ThreadPool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace seg::exec {
namespace {

constexpr std::size_t kBlockRows = 4096;
// Lloyd stops when the centroids together move less than this (squared, in standard
// deviations): scikit-learn's default tolerance, since the last moves shift a few contacts
// at the edges at the cost of a pass over every contact.
constexpr double kShiftTolerance = 1e-4;

std::size_t blockCount(std::size_t n) {
  return (n + kBlockRows - 1) / kBlockRows;
}

// f(block, begin, end) for every block, side by side when there is a pool.
template <class F> void forBlocks(std::size_t n, ThreadPool* pool, const F& f) {
  const std::size_t blocks = blockCount(n);
  auto one = [&](std::size_t b) { f(b, b * kBlockRows, std::min(n, (b + 1) * kBlockRows)); };
  if (pool != nullptr && blocks > 1)
    pool->forEach(blocks, one);
  else
    for (std::size_t b = 0; b < blocks; ++b)
      one(b);
}

double squaredDistance(const double* a, const double* b, std::size_t dims) {
  double sum = 0;
  for (std::size_t d = 0; d < dims; ++d) {
    const double diff = a[d] - b[d];
    sum += diff * diff;
  }
  return sum;
}

// The squared distance of x to one centre, adding the features in order (the bits every
// caller gets for the same pair).
template <std::size_t Dims>
double distanceTo(const double* x, const double* centre, std::size_t dims) {
  if constexpr (Dims > 0) dims = Dims;
  double d = 0;
  for (std::size_t j = 0; j < dims; ++j) {
    const double diff = x[j] - centre[j];
    d += diff * diff;
  }
  return d;
}

// The nearest centre (ties: the lower index) and its squared distance. `Dims` > 0 fixes
// the dimension at compile time, so the inner loop unrolls (the common case: a few features).
// `second` gets the squared distance to the next nearest centre.
template <std::size_t Dims>
std::pair<std::uint32_t, double> nearest(const double* x, const double* centres, std::size_t k,
                                         std::size_t dims, double& second) {
  if constexpr (Dims > 0) dims = Dims;
  std::uint32_t best = 0;
  double bestDistance = std::numeric_limits<double>::infinity();
  second = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < k; ++c) {
    const double d = distanceTo<Dims>(x, centres + c * dims, dims);
    if (d < bestDistance) {
      second = bestDistance;
      bestDistance = d;
      best = static_cast<std::uint32_t>(c);
    } else if (d < second) {
      second = d;
    }
  }
  return {best, bestDistance};
}

// Σ values in block order.
double orderedSum(const std::vector<double>& values, ThreadPool* pool) {
  std::vector<double> partial(blockCount(values.size()), 0.0);
  forBlocks(values.size(), pool, [&](std::size_t b, std::size_t begin, std::size_t end) {
    double sum = 0;
    for (std::size_t i = begin; i < end; ++i)
      sum += values[i];
    partial[b] = sum;
  });
  return std::accumulate(partial.begin(), partial.end(), 0.0);
}

// k-means++: the first centre uniformly, each next one with probability proportional to
// the squared distance to the nearest centre chosen so far. Stops early when every point
// is a centre already (fewer distinct points than k); the rest stay copies of centre 0.
std::vector<double> seedCentres(const FeatureMatrix& m, std::size_t k, SplitMix& rng,
                                ThreadPool* pool) {
  const std::size_t n = m.size(), dims = m.dims;
  std::vector<double> centres(k * dims);
  const std::size_t first = rng.below(n);
  std::copy(m.at(first), m.at(first) + dims, centres.begin());
  for (std::size_t c = 1; c < k; ++c)
    std::copy(m.at(first), m.at(first) + dims, centres.begin() + c * dims);
  std::vector<double> distance(n);
  forBlocks(n, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      distance[i] = squaredDistance(m.at(i), centres.data(), dims);
  });
  std::vector<double> partial(blockCount(n));
  for (std::size_t c = 1; c < k; ++c) {
    forBlocks(n, pool, [&](std::size_t b, std::size_t begin, std::size_t end) {
      double sum = 0;
      for (std::size_t i = begin; i < end; ++i)
        sum += distance[i];
      partial[b] = sum;
    });
    const double total = std::accumulate(partial.begin(), partial.end(), 0.0);
    if (!(total > 0)) break;
    const double target = rng.unit() * total;
    // The block the target falls in, then the point inside it.
    std::size_t block = 0;
    double before = 0;
    while (block + 1 < partial.size() && before + partial[block] <= target)
      before += partial[block++];
    const std::size_t blockEnd = std::min(n, (block + 1) * kBlockRows);
    std::size_t chosen = n;
    for (std::size_t i = block * kBlockRows; i < blockEnd && chosen == n; ++i) {
      before += distance[i];
      if (distance[i] > 0 && before > target) chosen = i;
    }
    // Rounding can leave the target past the last point: take the last one not a centre.
    for (std::size_t i = blockEnd; chosen == n && i-- > 0;)
      if (distance[i] > 0) chosen = i;
    if (chosen == n) break;
    double* centre = centres.data() + c * dims;
    std::copy(m.at(chosen), m.at(chosen) + dims, centre);
    forBlocks(n, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i)
        distance[i] = std::min(distance[i], squaredDistance(m.at(i), centre, dims));
    });
  }
  return centres;
}

// One block's share of an assignment step.
struct BlockSums {
  std::vector<double> sums;          // k × dims
  std::vector<std::uint64_t> counts; // k
  std::uint64_t changed = 0;
  double inertia = 0;
  double farthest = -1;        // the block's largest squared distance to its own centre…
  std::size_t farthestRow = 0; // …and its first row
};

// What lets an assignment step skip most distance computations without changing its
// outcome (Hamerly's bounds): per row a lower bound on the distance to its second nearest
// centre, and per centre half the distance to the nearest other centre. A row whose own
// centre is nearer than both, by a margin far above rounding, keeps it; the others are
// compared with every centre as before, so the assignment is exactly the exhaustive one.
struct Bounds {
  bool valid = false;        // false: compare every row with every centre
  std::vector<double> lower; // per matrix row (Euclidean, not squared)
  std::vector<double> half;  // per centre
  double largestMove = 0;    // how far the centres moved since `lower` was set
};

// Assigns rows [begin, end) to their nearest centres and sums them up in `s`.
template <std::size_t Dims>
void assignBlock(const FeatureMatrix& matrix, const std::vector<double>& centres, std::size_t k,
                 std::size_t begin, std::size_t end, std::vector<std::uint32_t>& assignment,
                 Bounds& bounds, BlockSums& s) {
  const std::size_t dims = Dims > 0 ? Dims : matrix.dims;
  s.sums.assign(k * dims, 0.0);
  s.counts.assign(k, 0);
  s.changed = 0;
  s.inertia = 0;
  s.farthest = -1;
  for (std::size_t i = begin; i < end; ++i) {
    const double* x = matrix.at(i);
    std::uint32_t c = assignment[i];
    double distance = 0;
    bool kept = false;
    if (bounds.valid) {
      bounds.lower[i] -= bounds.largestMove;
      distance = distanceTo<Dims>(x, centres.data() + c * dims, dims);
      const double own = std::sqrt(distance);
      kept = own + 1e-9 * (1 + own) < std::max(bounds.lower[i], bounds.half[c]);
    }
    if (!kept) {
      double second = 0;
      std::tie(c, distance) = nearest<Dims>(x, centres.data(), k, dims, second);
      bounds.lower[i] = std::sqrt(second);
    }
    if (assignment[i] != c) ++s.changed;
    assignment[i] = c;
    ++s.counts[c];
    double* sum = s.sums.data() + c * dims;
    for (std::size_t d = 0; d < dims; ++d)
      sum[d] += x[d];
    s.inertia += distance;
    if (distance > s.farthest) {
      s.farthest = distance;
      s.farthestRow = i;
    }
  }
}

} // namespace

FeatureMatrix standardize(const FeatureColumns& features, ThreadPool* pool) {
  FeatureMatrix m;
  m.dims = features.values.size();
  const std::size_t dims = m.dims;
  for (std::size_t row = 0; row < features.rows; ++row) {
    bool valid = true;
    for (std::size_t f = 0; f < dims; ++f)
      valid = valid && ((features.validity[f][row >> 6] >> (row & 63)) & 1u) &&
              std::isfinite(features.values[f][row]);
    if (valid) m.rows.push_back(static_cast<std::uint32_t>(row));
  }
  const std::size_t n = m.rows.size();
  m.mean.assign(dims, 0.0);
  m.scale.assign(dims, 1.0);
  m.values.resize(n * dims);
  m.raw.resize(n * dims);
  if (n == 0) return m;
  std::vector<double> partial(blockCount(n) * dims);
  auto columnSums = [&](auto term) {
    forBlocks(n, pool, [&](std::size_t b, std::size_t begin, std::size_t end) {
      for (std::size_t f = 0; f < dims; ++f) {
        double sum = 0;
        for (std::size_t i = begin; i < end; ++i)
          sum += term(f, features.values[f][m.rows[i]]);
        partial[b * dims + f] = sum;
      }
    });
    std::vector<double> total(dims, 0.0);
    for (std::size_t b = 0; b < blockCount(n); ++b)
      for (std::size_t f = 0; f < dims; ++f)
        total[f] += partial[b * dims + f];
    return total;
  };
  std::vector<double> sums = columnSums([](std::size_t, double x) { return x; });
  for (std::size_t f = 0; f < dims; ++f)
    m.mean[f] = sums[f] / static_cast<double>(n);
  std::vector<double> squares = columnSums([&](std::size_t f, double x) {
    const double d = x - m.mean[f];
    return d * d;
  });
  for (std::size_t f = 0; f < dims; ++f) {
    const double sd = std::sqrt(squares[f] / static_cast<double>(n));
    m.scale[f] = sd > 0 && std::isfinite(sd) ? sd : 1.0;
  }
  forBlocks(n, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t f = 0; f < dims; ++f) {
        const double x = features.values[f][m.rows[i]];
        m.raw[i * dims + f] = x;
        m.values[i * dims + f] = (x - m.mean[f]) / m.scale[f];
      }
  });
  return m;
}

KMeansModel kmeans(const FeatureMatrix& matrix, std::size_t k, std::uint64_t seed,
                   std::vector<std::uint32_t>& assignment, ThreadPool* pool,
                   std::size_t maxIterations) {
  const std::size_t n = matrix.size(), dims = matrix.dims;
  KMeansModel model;
  model.k = k;
  model.dims = dims;
  model.included = n;
  model.sizes.assign(k, 0);
  model.centroids.assign(k * dims, 0.0);
  model.standardizedCentroids.assign(k * dims, 0.0);
  assignment.assign(n, 0);
  if (n == 0 || k == 0) return model;

  SplitMix rng(seed);
  std::vector<double> centres = seedCentres(matrix, k, rng, pool);
  std::vector<BlockSums> blocks(blockCount(n));
  Bounds bounds;
  bounds.lower.assign(n, 0.0);
  bounds.half.assign(k, 0.0);
  std::vector<double> previous = centres; // the centres `bounds.lower` was set against
  auto assignStep = [&] {
    if (bounds.valid) {
      bounds.largestMove = 0;
      for (std::size_t c = 0; c < k; ++c)
        bounds.largestMove = std::max(bounds.largestMove,
                                      std::sqrt(squaredDistance(centres.data() + c * dims,
                                                                previous.data() + c * dims, dims)));
      for (std::size_t c = 0; c < k; ++c) {
        double nearestOther = std::numeric_limits<double>::infinity();
        for (std::size_t o = 0; o < k; ++o)
          if (o != c)
            nearestOther = std::min(nearestOther, squaredDistance(centres.data() + c * dims,
                                                                  centres.data() + o * dims, dims));
        bounds.half[c] = std::sqrt(nearestOther) / 2;
      }
    }
    forBlocks(n, pool, [&](std::size_t b, std::size_t begin, std::size_t end) {
      switch (dims) {
      case 1:
        assignBlock<1>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 2:
        assignBlock<2>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 3:
        assignBlock<3>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 4:
        assignBlock<4>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 5:
        assignBlock<5>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 6:
        assignBlock<6>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      case 8:
        assignBlock<8>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      default:
        assignBlock<0>(matrix, centres, k, begin, end, assignment, bounds, blocks[b]);
        break;
      }
    });
    bounds.valid = true;
    previous = centres;
  };
  std::vector<double> sums(k * dims);
  std::vector<std::uint64_t> counts(k);
  auto combine = [&] {
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    std::uint64_t changed = 0;
    for (const BlockSums& s : blocks) {
      for (std::size_t j = 0; j < sums.size(); ++j)
        sums[j] += s.sums[j];
      for (std::size_t c = 0; c < k; ++c)
        counts[c] += s.counts[c];
      changed += s.changed;
    }
    return changed;
  };

  bool settled = false; // the last assignment step was made with the final centres
  for (std::size_t iteration = 0; iteration < maxIterations; ++iteration) {
    assignStep();
    const std::uint64_t changed = combine();
    model.iterations = iteration + 1;
    // Every assignment was 0 before the first step, so only a later step can prove a fixed
    // point: the centres are then the means of the assignment they produce.
    if (iteration > 0 && changed == 0) {
      model.converged = true;
      settled = true;
      break;
    }
    bool reseeded = false;
    double shift = 0;
    for (std::size_t c = 0; c < k; ++c) {
      if (counts[c] > 0) {
        for (std::size_t d = 0; d < dims; ++d) {
          const double moved = sums[c * dims + d] / static_cast<double>(counts[c]);
          shift += (moved - centres[c * dims + d]) * (moved - centres[c * dims + d]);
          centres[c * dims + d] = moved;
        }
        continue;
      }
      // An empty cluster restarts at the point farthest from its centre (the first such
      // row); once per step, so two empty clusters do not take the same point.
      if (reseeded) continue;
      const BlockSums* far = nullptr;
      for (const BlockSums& s : blocks)
        if (far == nullptr || s.farthest > far->farthest) far = &s;
      if (far == nullptr || !(far->farthest > 0)) continue;
      std::copy(matrix.at(far->farthestRow), matrix.at(far->farthestRow) + dims,
                centres.begin() + c * dims);
      reseeded = true;
    }
    if (!reseeded && shift <= kShiftTolerance) {
      model.converged = true;
      settled = false;
      break;
    }
  }
  if (!settled) { // the centres moved after the last assignment: assign once more
    assignStep();
    combine();
  }

  // Largest first; ties keep the seeding order.
  std::vector<std::uint32_t> order(k);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
  std::vector<std::uint32_t> renamed(k);
  for (std::size_t c = 0; c < k; ++c)
    renamed[order[c]] = static_cast<std::uint32_t>(c);
  forBlocks(n, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      assignment[i] = renamed[assignment[i]];
  });
  for (const BlockSums& s : blocks)
    model.inertia += s.inertia;
  // The members' means in input units, summed like the rest (blocks in order).
  forBlocks(n, pool, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::vector<double>& raw = blocks[b].sums;
    std::fill(raw.begin(), raw.end(), 0.0);
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t d = 0; d < dims; ++d)
        raw[assignment[i] * dims + d] += matrix.raw[i * dims + d];
  });
  std::vector<double> rawSums(k * dims, 0.0);
  for (const BlockSums& s : blocks)
    for (std::size_t j = 0; j < rawSums.size(); ++j)
      rawSums[j] += s.sums[j];
  for (std::size_t c = 0; c < k; ++c) {
    const std::uint32_t old = order[c];
    model.sizes[c] = counts[old];
    for (std::size_t d = 0; d < dims; ++d) {
      const double z = counts[old] > 0 ? sums[old * dims + d] / static_cast<double>(counts[old])
                                       : centres[old * dims + d];
      model.standardizedCentroids[c * dims + d] = z;
      model.centroids[c * dims + d] = counts[old] > 0
                                          ? rawSums[c * dims + d] / static_cast<double>(counts[old])
                                          : matrix.mean[d] + matrix.scale[d] * z;
    }
  }
  return model;
}

double sampledSilhouette(const FeatureMatrix& matrix, const std::vector<std::uint32_t>& assignment,
                         std::size_t k, std::size_t sample, std::uint64_t seed, ThreadPool* pool) {
  const std::size_t n = matrix.size(), dims = matrix.dims;
  if (n < 2 || k < 2) return 0;
  std::vector<std::uint32_t> chosen(n);
  std::iota(chosen.begin(), chosen.end(), 0u);
  const std::size_t m = std::min(sample, n);
  if (m < n) { // a partial Fisher–Yates shuffle: the first m are a uniform sample
    SplitMix rng(seed);
    for (std::size_t i = 0; i < m; ++i)
      std::swap(chosen[i], chosen[i + rng.below(n - i)]);
    chosen.resize(m);
    std::sort(chosen.begin(), chosen.end());
  }
  std::vector<std::uint64_t> inCluster(k, 0);
  for (std::uint32_t i : chosen)
    ++inCluster[assignment[i]];
  std::vector<double> score(m, 0.0);
  forBlocks(m, pool, [&](std::size_t, std::size_t begin, std::size_t end) {
    std::vector<double> distance(k);
    for (std::size_t a = begin; a < end; ++a) {
      std::fill(distance.begin(), distance.end(), 0.0);
      const double* x = matrix.at(chosen[a]);
      for (std::size_t b = 0; b < m; ++b)
        if (b != a)
          distance[assignment[chosen[b]]] +=
              std::sqrt(squaredDistance(x, matrix.at(chosen[b]), dims));
      const std::uint32_t own = assignment[chosen[a]];
      if (inCluster[own] < 2) continue; // alone in its cluster: 0
      const double inside = distance[own] / static_cast<double>(inCluster[own] - 1);
      double outside = std::numeric_limits<double>::infinity();
      for (std::size_t c = 0; c < k; ++c)
        if (c != own && inCluster[c] > 0)
          outside = std::min(outside, distance[c] / static_cast<double>(inCluster[c]));
      if (!std::isfinite(outside)) continue;
      const double larger = std::max(inside, outside);
      score[a] = larger > 0 ? (outside - inside) / larger : 0.0;
    }
  });
  return orderedSum(score, pool) / static_cast<double>(m);
}

} // namespace seg::exec

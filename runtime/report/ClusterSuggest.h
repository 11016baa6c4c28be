// `seg suggest`: K-means of one cluster definition's features for every k of a range, with
// the inertia and a sampled silhouette of each, so k is picked from evidence.
#pragma once

#include "exec/Executor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::report {

struct KChoice {
  std::size_t k = 0;
  double inertia = 0;    // Σ squared standardized distances to the own centroid
  double silhouette = 0; // mean over the sample, in [-1, 1]; higher: better separated
  std::size_t iterations = 0;
  bool converged = false;
  std::vector<std::uint64_t> sizes; // largest first
};

struct Suggestion {
  std::string cluster;
  std::vector<std::string> features;
  std::uint64_t clustered = 0; // contacts with no null feature
  std::size_t sample = 0;      // contacts the silhouette is computed over
  std::uint64_t seed = 1;      // the cluster's: K-means and the sample
  std::vector<KChoice> choices;
  std::size_t best() const; // the k of the highest silhouette (the smaller on a tie)
};

inline constexpr std::size_t kDefaultSilhouetteSample = 2000;

// `rank` is the cluster's rank in the plan the result ran (its features are bound).
Suggestion suggestK(const plan::Plan& plan, const exec::RunResult& result, std::size_t rank,
                    std::size_t kLow, std::size_t kHigh, std::size_t sample, unsigned threads = 0);

std::string suggestionTable(const Suggestion& s);
std::string suggestionCsv(const Suggestion& s);
std::string suggestionJson(const Suggestion& s);

} // namespace seg::report

// The k comparison of `seg suggest`: the features are standardized once, then each k is
// clustered from the cluster's seed and scored on one seeded sample of contacts.
#include "report/ClusterSuggest.h"

#include "exec/KMeans.h"
#include "exec/ThreadPool.h"
#include "report/NumberFormat.h"
#include "report/TextTable.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace seg::report {

std::size_t Suggestion::best() const {
  std::size_t k = 0;
  double top = -2;
  for (const KChoice& c : choices)
    if (c.silhouette > top) {
      top = c.silhouette;
      k = c.k;
    }
  return k;
}

Suggestion suggestK(const plan::Plan& plan, const exec::RunResult& result, std::size_t rank,
                    std::size_t kLow, std::size_t kHigh, std::size_t sample, unsigned threads) {
  const plan::Clustering& spec = *plan.ranks.at(rank).cluster;
  Suggestion s;
  s.cluster = spec.name;
  s.features = spec.featureNames;
  s.seed = spec.seed;
  exec::FeatureColumns features;
  features.rows = result.bound->store->contacts.rows;
  for (std::int32_t slot : spec.featureSlots) {
    const exec::ContactColumn& column = result.bound->slots.at(slot);
    features.values.push_back(column.data<double>());
    features.validity.push_back(column.validity.data());
  }
  exec::ThreadPool pool(exec::ThreadPool::resolve(threads));
  const exec::FeatureMatrix matrix = exec::standardize(features, &pool);
  s.clustered = matrix.size();
  s.sample = std::min<std::size_t>(sample, matrix.size());
  std::vector<std::uint32_t> assignment;
  for (std::size_t k = kLow; k <= kHigh; ++k) {
    exec::KMeansModel model = exec::kmeans(matrix, k, spec.seed, assignment, &pool);
    s.choices.push_back({k, model.inertia,
                         exec::sampledSilhouette(matrix, assignment, k, sample, spec.seed, &pool),
                         model.iterations, model.converged, model.sizes});
  }
  return s;
}

std::string suggestionTable(const Suggestion& s) {
  std::string out = fmt::format(
      "cluster {}: {} contacts clustered by {}; silhouette over a sample of {} contacts (seed "
      "{})\n",
      s.cluster, groupedInteger(static_cast<std::int64_t>(s.clustered)),
      fmt::join(s.features, ", "), groupedInteger(static_cast<std::int64_t>(s.sample)), s.seed);
  TextTable table({{"k", TextTable::Align::Right},
                   {"silhouette", TextTable::Align::Right},
                   {"inertia", TextTable::Align::Right},
                   {"iterations", TextTable::Align::Right},
                   {"smallest cluster", TextTable::Align::Right},
                   {"", TextTable::Align::Left}});
  const std::size_t best = s.best();
  for (const KChoice& c : s.choices) {
    const std::uint64_t smallest = c.sizes.empty() ? 0 : c.sizes.back();
    table.addRow({fmt::format("{}", c.k), fmt::format("{:.3f}", c.silhouette),
                  humanNumber(c.inertia), fmt::format("{}{}", c.iterations, c.converged ? "" : "+"),
                  groupedInteger(static_cast<std::int64_t>(smallest)),
                  c.k == best ? "<- highest silhouette" : ""});
  }
  out += table.render();
  out += "silhouette: how much closer contacts are to their own cluster than to the next, from "
         "-1 to 1 (higher is better);\ninertia: squared distances to the centroids in standard "
         "deviations (always falls with k: look for the bend)\n";
  return out;
}

std::string suggestionCsv(const Suggestion& s) {
  std::string out = "cluster,k,silhouette,inertia,iterations,converged,sample,smallest\n";
  for (const KChoice& c : s.choices)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", s.cluster, c.k, c.silhouette, c.inertia,
                       c.iterations, c.converged ? "true" : "false", s.sample,
                       c.sizes.empty() ? 0 : c.sizes.back());
  return out;
}

std::string suggestionJson(const Suggestion& s) {
  nlohmann::ordered_json doc{{"cluster", s.cluster},     {"features", s.features},
                             {"clustered", s.clustered}, {"sample", s.sample},
                             {"seed", s.seed},           {"best_k", s.best()}};
  doc["choices"] = nlohmann::ordered_json::array();
  for (const KChoice& c : s.choices)
    doc["choices"].push_back({{"k", c.k},
                              {"silhouette", c.silhouette},
                              {"inertia", c.inertia},
                              {"iterations", c.iterations},
                              {"converged", c.converged},
                              {"sizes", c.sizes}});
  return doc.dump(2) + "\n";
}

} // namespace seg::report

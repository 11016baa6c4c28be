// `seg suggest`: for a cluster definition of the program, K-means for each k of a range
// with its silhouette (sampled, seeded) and inertia, to choose k from evidence.
#include "Commands.h"
#include "LocalRun.h"
#include "base/Suggest.h"
#include "report/ClusterSuggest.h"

#include <charconv>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {
namespace {

// "2..8" or "5".
bool parseRange(const std::string& text, std::size_t& low, std::size_t& high) {
  auto number = [](std::string_view s, std::size_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
  };
  const std::size_t dots = text.find("..");
  if (dots == std::string::npos) {
    if (!number(text, low)) return false;
    high = low;
    return true;
  }
  return number(std::string_view(text).substr(0, dots), low) &&
         number(std::string_view(text).substr(dots + 2), high);
}

} // namespace

int runSuggest(const SuggestOptions& options) {
  std::size_t low = 0, high = 0;
  if (!parseRange(options.k, low, high) || low < 2 || high < low || high > 64) {
    fmt::print(stderr,
               "seg suggest: --k {}: write a range of cluster counts from 2 to 64, e.g. "
               "--k 2..8\n",
               options.k);
    return 2;
  }
  int status = 0;
  std::unique_ptr<LocalRun> run = runLocally(
      {"seg suggest", options.files, options.data, options.now, options.threads}, status);
  if (!run) return status;
  std::vector<std::size_t> clusters;
  std::vector<std::string> names;
  for (std::size_t r = 0; r < run->plan.ranks.size(); ++r)
    if (run->plan.ranks[r].cluster) {
      clusters.push_back(r);
      names.push_back(run->plan.ranks[r].cluster->name);
    }
  if (clusters.empty()) {
    fmt::print(stderr, "seg suggest: the program has no cluster definition (cluster NAME {{ k N "
                       "… }}, docs/language.md#clusters)\n");
    return 1;
  }
  std::size_t chosen = clusters.front();
  if (options.cluster.empty() && clusters.size() > 1) {
    fmt::print(stderr, "seg suggest: the program has {} clusters ({}); say which with --cluster\n",
               clusters.size(), fmt::join(names, ", "));
    return 2;
  }
  if (!options.cluster.empty()) {
    auto it = std::find(names.begin(), names.end(), options.cluster);
    if (it == names.end()) {
      std::optional<std::string> near = base::closestName(options.cluster, names);
      fmt::print(stderr, "seg suggest: --cluster {}: the program has no cluster named '{}'{}\n",
                 options.cluster, options.cluster,
                 near ? fmt::format("; did you mean '{}'?", *near) : "");
      return 2;
    }
    chosen = clusters[static_cast<std::size_t>(it - names.begin())];
  }
  report::Suggestion suggestion =
      report::suggestK(run->plan, run->result, chosen, low, high, options.sample, options.threads);
  std::string text = options.format == RunFormat::Json  ? report::suggestionJson(suggestion)
                     : options.format == RunFormat::Csv ? report::suggestionCsv(suggestion)
                                                        : report::suggestionTable(suggestion);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

} // namespace seg::cli

// The JSON format of `seg run`: one document naming every segment, partition, score and
// metric, in definition order, with the run's context and the warnings.
#include "report/NumberFormat.h"
#include "report/ResultFormat.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace seg::report {
namespace {

using Json = nlohmann::ordered_json;

Json number(double value, bool integral) {
  if (!std::isfinite(value)) return nullptr;
  if ((integral || value == std::floor(value)) && std::fabs(value) < 9e15)
    return static_cast<std::int64_t>(value);
  return value;
}

Json context(const RunReport& report) {
  const RunContext& c = report.context;
  Json out;
  out["contacts"] = c.contacts;
  out["now"] = isoTimestamp(c.now);
  out["engine"] = c.engine;
  out["threads"] = c.threads;
  if (!c.only.empty()) out["only"] = c.only;
  if (c.showTimings) {
    Json t;
    t["data"] = roundedMs(c.dataMs);
    t["compile"] = roundedMs(c.compileMs);
    t["run"] = roundedMs(c.runMs);
    t["bind"] = roundedMs(c.timings.bindMs);
    Json stages = Json::array();
    for (double stage : c.timings.stageMs)
      stages.push_back(roundedMs(stage));
    t["stages"] = std::move(stages);
    t["ranks"] = roundedMs(c.timings.ranksMs);
    t["metrics"] = roundedMs(c.timings.metricsMs);
    out["timings_ms"] = std::move(t);
  }
  return out;
}

Json metric(const exec::MetricResult& m) {
  auto value = [](const exec::MetricRow& row) {
    return row.value ? number(*row.value, row.integral) : Json(nullptr);
  };
  Json out;
  if (m.groupBy.empty()) {
    out["value"] = m.rows.empty() ? Json(nullptr) : value(m.rows[0]);
    out["contacts"] = m.rows.empty() ? 0 : m.rows[0].contacts;
    return out;
  }
  out["by"] = m.groupBy;
  Json rows = Json::array();
  for (const exec::MetricRow& row : m.rows) {
    Json group = Json::object();
    for (std::size_t k = 0; k < row.groupKey.size() && k < m.groupBy.size(); ++k)
      group[m.groupBy[k]] = row.groupKey[k];
    rows.push_back(
        {{"group", std::move(group)}, {"value", value(row)}, {"contacts", row.contacts}});
  }
  out["rows"] = std::move(rows);
  return out;
}

} // namespace

std::string formatJson(const RunReport& report) {
  Json doc = context(report);
  Json segments = Json::object();
  for (const SegmentReport& s : report.segments)
    segments[s.name] = {{"members", s.members}, {"percent", roundedPercent(s.percent)}};
  doc["segments"] = std::move(segments);

  Json partitions = Json::object();
  for (const PartitionReport& p : report.partitions) {
    Json branches = Json::object();
    for (const BranchReport& b : p.branches)
      branches[b.name] = {{"members", b.members}, {"percent", roundedPercent(b.percent)}};
    partitions[p.name] = {{"branches", std::move(branches)}, {"unassigned", p.unassigned}};
  }
  doc["partitions"] = std::move(partitions);

  // Only when the program has clusters, so documents of other programs stay as they were.
  if (!report.clusters.empty()) {
    Json clusters = Json::object();
    for (const ClusterReport& c : report.clusters) {
      Json centroids = Json::object();
      for (std::size_t i = 0; i < c.branches.size(); ++i) {
        Json centroid = Json::object();
        for (std::size_t f = 0; f < c.features.size(); ++f)
          centroid[c.features[f]] = c.sizes[i] > 0 ? Json(c.centroids[i][f]) : Json(nullptr);
        centroids[c.branches[i]] = {{"members", c.sizes[i]}, {"centroid", std::move(centroid)}};
      }
      clusters[c.name] = {{"k", c.branches.size()},          {"seed", c.seed},
                          {"features", c.features},          {"clustered", c.clustered},
                          {"unassigned", c.unassigned},      {"inertia", c.inertia},
                          {"iterations", c.iterations},      {"converged", c.converged},
                          {"clusters", std::move(centroids)}};
    }
    doc["clusters"] = std::move(clusters);
  }

  if (report.reportsScoresAndMetrics()) {
    Json scores = Json::object();
    for (const ScoreReport& s : report.scores) {
      Json score = {{"count", s.count}, {"nulls", s.nulls}};
      if (s.count > 0) {
        score["min"] = s.min;
        score["p25"] = s.p25;
        score["median"] = s.median;
        score["p75"] = s.p75;
        score["max"] = s.max;
        score["mean"] = s.mean;
      }
      scores[s.name] = std::move(score);
    }
    doc["scores"] = std::move(scores);
    Json metrics = Json::object();
    for (const exec::MetricResult& m : report.metrics)
      metrics[m.name] = metric(m);
    doc["metrics"] = std::move(metrics);
  }

  Json warnings = Json::array();
  for (const Finding& f : report.findings) {
    Json w = {{"segment", f.segment}, {"kind", findingKindName(f.kind)}};
    if (!f.other.empty()) w["other"] = f.other;
    w["message"] = f.message;
    warnings.push_back(std::move(w));
  }
  doc["warnings"] = std::move(warnings);
  // Data is valid UTF-8 (the loaders check); replacing is a guard, never a throw.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace seg::report

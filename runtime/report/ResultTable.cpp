// The human format of `seg run`: a header, then segments, partitions (clusters with their
// centroids), scores and metrics as aligned tables, and the warnings about segments.
#include "report/NumberFormat.h"
#include "report/ResultFormat.h"
#include "report/SegmentFindings.h"
#include "report/TextTable.h"

#include <fmt/format.h>
#include <numeric>

namespace seg::report {
namespace {

using Align = TextTable::Align;

std::string count(std::uint64_t n) {
  return groupedInteger(static_cast<std::int64_t>(n));
}

std::string header(const RunContext& c) {
  std::string out =
      fmt::format("{} contacts, now {}, engine {}, {} thread{}\n", count(c.contacts),
                  isoTimestamp(c.now), c.engine, c.threads, c.threads == 1 ? "" : "s");
  if (c.showTimings) {
    double stages = std::accumulate(c.timings.stageMs.begin(), c.timings.stageMs.end(), 0.0);
    out += fmt::format("timings: data {} ({} {}), compile {}, run {} (bind {}, {} stage{} {}, "
                       "ranks {}, metrics {})\n",
                       durationText(c.dataMs), c.snapshot ? "snapshot" : "loaded from", c.dataPath,
                       durationText(c.compileMs), durationText(c.runMs),
                       durationText(c.timings.bindMs), c.timings.stageMs.size(),
                       c.timings.stageMs.size() == 1 ? "" : "s", durationText(stages),
                       durationText(c.timings.ranksMs), durationText(c.timings.metricsMs));
  }
  if (!c.only.empty()) out += fmt::format("reporting only: {}\n", fmt::join(c.only, ", "));
  return out;
}

std::string shortNote(const RunReport& report, const std::string& segment) {
  for (const Finding& f : report.findings) {
    if (f.segment != segment) continue;
    switch (f.kind) {
    case FindingKind::Empty:
      return "empty";
    case FindingKind::Everyone:
      return "everyone";
    case FindingKind::TooSmall:
      return "too small";
    case FindingKind::Identical:
      return "same as " + f.other;
    case FindingKind::Contained:
      return "inside " + f.other;
    case FindingKind::NearDuplicate:
      return "nearly " + f.other;
    }
  }
  return "";
}

double stageMs(const RunContext& c, std::int32_t stage) {
  return stage >= 0 && static_cast<std::size_t>(stage) < c.timings.stageMs.size()
             ? c.timings.stageMs[stage]
             : 0.0;
}

std::string segments(const RunReport& report) {
  const RunContext& c = report.context;
  std::vector<TextTable::Column> columns{
      {"segment", Align::Left}, {"members", Align::Right}, {"% of contacts", Align::Right}};
  if (c.showTimings) columns.push_back({"time", Align::Right});
  columns.push_back({"note", Align::Left});
  TextTable table(std::move(columns));
  for (const SegmentReport& s : report.segments) {
    std::vector<std::string> row{s.name, count(s.members), percentText(s.percent)};
    if (c.showTimings) row.push_back(durationText(stageMs(c, s.stage)));
    row.push_back(shortNote(report, s.name));
    table.addRow(std::move(row));
  }
  std::string out = table.render();
  if (c.showTimings) {
    std::vector<std::string> perStage;
    for (std::size_t s = 0; s < report.definitionsPerStage.size(); ++s)
      perStage.push_back(fmt::format("stage {}: {}", s + 1, report.definitionsPerStage[s]));
    out += fmt::format("time: wall time of the stage that computes the segment; a stage "
                       "evaluates all its definitions in one pass ({})\n",
                       fmt::join(perStage, ", "));
  }
  for (const Finding& f : report.findings)
    out += fmt::format("warning: {}\n", f.message);
  return out;
}

// Each cluster's size and centroid, in the units of the features.
std::string clusterTable(const ClusterReport& c, const PartitionReport& p) {
  std::string out = fmt::format(
      "cluster {}: k-means, k {}, seed {}, {} contacts clustered{}, {} iteration{}{}, inertia {}\n",
      c.name, c.branches.size(), c.seed, count(c.clustered),
      c.unassigned > 0 ? fmt::format(" ({} with a null feature in no cluster)", count(c.unassigned))
                       : "",
      c.iterations, c.iterations == 1 ? "" : "s", c.converged ? "" : " (not converged)",
      humanNumber(c.inertia));
  std::vector<TextTable::Column> columns{
      {"cluster", Align::Left}, {"members", Align::Right}, {"% of contacts", Align::Right}};
  for (const std::string& feature : c.features)
    columns.push_back({feature, Align::Right});
  TextTable table(std::move(columns));
  for (std::size_t i = 0; i < c.branches.size(); ++i) {
    const double percent = i < p.branches.size() ? p.branches[i].percent : 0.0;
    std::vector<std::string> row{"  " + c.branches[i], count(c.sizes[i]), percentText(percent)};
    for (double v : c.centroids[i])
      row.push_back(c.sizes[i] > 0 ? humanNumber(v) : "");
    table.addRow(std::move(row));
  }
  return out + table.render();
}

std::string partitions(const RunReport& report) {
  std::string out;
  for (const PartitionReport& p : report.partitions) {
    if (const ClusterReport* cluster = report.clusterNamed(p.name)) {
      out += "\n" + clusterTable(*cluster, p);
      continue;
    }
    TextTable table({{"partition " + p.name, Align::Left},
                     {"members", Align::Right},
                     {"% of contacts", Align::Right}});
    for (const BranchReport& b : p.branches)
      table.addRow({"  " + b.name, count(b.members), percentText(b.percent)});
    if (p.unassigned > 0)
      table.addRow({"  (in no branch)", count(p.unassigned), percentText(p.unassignedPercent)});
    out += "\n" + table.render();
  }
  return out;
}

std::string scores(const RunReport& report) {
  if (report.scores.empty()) return "";
  TextTable table({{"score", Align::Left},
                   {"min", Align::Right},
                   {"p25", Align::Right},
                   {"median", Align::Right},
                   {"p75", Align::Right},
                   {"max", Align::Right},
                   {"mean", Align::Right},
                   {"", Align::Left}});
  for (const ScoreReport& s : report.scores) {
    if (s.count == 0) {
      table.addRow({s.name, "", "", "", "", "", "", "no values"});
      continue;
    }
    table.addRow({s.name, humanNumber(s.min), humanNumber(s.p25), humanNumber(s.median),
                  humanNumber(s.p75), humanNumber(s.max), humanNumber(s.mean),
                  s.nulls > 0 ? fmt::format("{} null", count(s.nulls)) : ""});
  }
  return "\n" + table.render();
}

std::string metricValue(const exec::MetricRow& row) {
  return row.value ? humanNumber(*row.value, row.integral) : "null";
}

std::string metrics(const RunReport& report) {
  if (report.metrics.empty()) return "";
  TextTable table({{"metric", Align::Left}, {"value", Align::Right}, {"contacts", Align::Right}});
  for (const exec::MetricResult& m : report.metrics) {
    if (m.groupBy.empty()) {
      if (m.rows.empty())
        table.addRow({m.name, "null"});
      else
        table.addRow({m.name, metricValue(m.rows[0]), count(m.rows[0].contacts)});
      continue;
    }
    table.addRow({fmt::format("{} by {}", m.name, fmt::join(m.groupBy, ", "))});
    for (const exec::MetricRow& row : m.rows)
      table.addRow({"  " + fmt::format("{}", fmt::join(row.groupKey, ", ")), metricValue(row),
                    count(row.contacts)});
  }
  return "\n" + table.render();
}

} // namespace

std::string formatTable(const RunReport& report) {
  std::string out = header(report.context) + "\n";
  if (!report.segments.empty()) out += segments(report);
  out += partitions(report);
  out += scores(report);
  out += metrics(report);
  return out;
}

} // namespace seg::report

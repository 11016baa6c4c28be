// The CSV format of `seg run`: one long table, kind,name,group,measure,value, so every
// section loads into one spreadsheet or SQL table and filters by kind.
#include "report/MembersWriter.h"
#include "report/NumberFormat.h"
#include "report/ResultFormat.h"

#include <cmath>
#include <fmt/format.h>

namespace seg::report {
namespace {

// Exact and short: integers as integers, other numbers in their shortest round-trip form.
std::string exactNumber(double value, bool integral = false) {
  if (std::isfinite(value) && (integral || value == std::floor(value)) && std::fabs(value) < 9e15)
    return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

class LongTable {
public:
  LongTable() { out_ = "kind,name,group,measure,value\n"; }
  void row(std::string_view kind, std::string_view name, std::string_view group,
           std::string_view measure, std::string_view value) {
    for (std::string_view cell : {kind, name, group, measure}) {
      appendCsvField(out_, cell);
      out_ += ',';
    }
    appendCsvField(out_, value);
    out_ += '\n';
  }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
};

} // namespace

std::string formatCsv(const RunReport& report) {
  LongTable t;
  const RunContext& c = report.context;
  t.row("run", "", "", "contacts", fmt::format("{}", c.contacts));
  t.row("run", "", "", "now", isoTimestamp(c.now));
  t.row("run", "", "", "engine", c.engine);
  t.row("run", "", "", "threads", fmt::format("{}", c.threads));
  if (c.showTimings) {
    t.row("run", "", "", "data_ms", exactNumber(roundedMs(c.dataMs)));
    t.row("run", "", "", "compile_ms", exactNumber(roundedMs(c.compileMs)));
    t.row("run", "", "", "run_ms", exactNumber(roundedMs(c.runMs)));
  }
  for (const SegmentReport& s : report.segments) {
    t.row("segment", s.name, "", "members", fmt::format("{}", s.members));
    t.row("segment", s.name, "", "percent", exactNumber(roundedPercent(s.percent)));
    if (c.showTimings && s.stage >= 0 &&
        static_cast<std::size_t>(s.stage) < c.timings.stageMs.size())
      t.row("segment", s.name, "", "time_ms", exactNumber(roundedMs(c.timings.stageMs[s.stage])));
  }
  for (const PartitionReport& p : report.partitions) {
    for (const BranchReport& b : p.branches) {
      t.row("partition", p.name, b.name, "members", fmt::format("{}", b.members));
      t.row("partition", p.name, b.name, "percent", exactNumber(roundedPercent(b.percent)));
    }
    t.row("partition", p.name, "", "unassigned", fmt::format("{}", p.unassigned));
  }
  for (const ClusterReport& cl : report.clusters) {
    t.row("cluster", cl.name, "", "seed", fmt::format("{}", cl.seed));
    t.row("cluster", cl.name, "", "clustered", fmt::format("{}", cl.clustered));
    t.row("cluster", cl.name, "", "inertia", exactNumber(cl.inertia));
    t.row("cluster", cl.name, "", "iterations", fmt::format("{}", cl.iterations));
    for (std::size_t i = 0; i < cl.branches.size(); ++i) {
      t.row("cluster", cl.name, cl.branches[i], "members", fmt::format("{}", cl.sizes[i]));
      for (std::size_t f = 0; f < cl.features.size() && cl.sizes[i] > 0; ++f)
        t.row("cluster", cl.name, cl.branches[i], "centroid:" + cl.features[f],
              exactNumber(cl.centroids[i][f]));
    }
  }
  for (const ScoreReport& s : report.scores) {
    t.row("score", s.name, "", "count", fmt::format("{}", s.count));
    t.row("score", s.name, "", "nulls", fmt::format("{}", s.nulls));
    if (s.count == 0) continue;
    const std::pair<const char*, double> stats[] = {{"min", s.min},       {"p25", s.p25},
                                                    {"median", s.median}, {"p75", s.p75},
                                                    {"max", s.max},       {"mean", s.mean}};
    for (const auto& [measure, value] : stats)
      t.row("score", s.name, "", measure, exactNumber(value));
  }
  for (const exec::MetricResult& m : report.metrics) {
    for (const exec::MetricRow& row : m.rows) {
      std::string group = groupLabel(m, row);
      t.row("metric", m.name, group, "value",
            row.value ? exactNumber(*row.value, row.integral) : "");
      t.row("metric", m.name, group, "contacts", fmt::format("{}", row.contacts));
    }
  }
  for (const Finding& f : report.findings)
    t.row("warning", f.segment, f.other, findingKindName(f.kind), f.message);
  return t.take();
}

} // namespace seg::report

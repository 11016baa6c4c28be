// What `seg run` reports, computed once from a run and shared by every output format:
// members per segment and partition branch, score distributions, metrics, findings.
#pragma once

#include "exec/Executor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seg::report {

using Bitmap = std::vector<std::uint64_t>; // bit r set: contact row r is a member

struct SegmentReport {
  std::string name;
  std::int32_t slot = -1;
  std::int32_t stage = 0;
  std::uint64_t members = 0;
  double percent = 0; // of all contacts
  Bitmap bits;
};

struct BranchReport {
  std::string name;
  std::uint64_t members = 0;
  double percent = 0;
  Bitmap bits;
};

struct PartitionReport {
  std::string name;
  std::int32_t stage = 0;
  std::vector<BranchReport> branches;
  std::uint64_t unassigned = 0; // in no branch (possible without `else`)
  double unassignedPercent = 0;
};

// What K-means found for a cluster definition (its branches are also in `partitions`).
struct ClusterReport {
  std::string name;
  std::uint64_t seed = 1;
  std::vector<std::string> features;
  std::vector<std::string> branches;          // c1 … ck, largest first
  std::vector<std::uint64_t> sizes;           // per branch
  std::vector<std::vector<double>> centroids; // [branch][feature], in the features' units
  std::uint64_t clustered = 0;                // contacts with no null feature
  std::uint64_t unassigned = 0;               // contacts with a null feature
  double inertia = 0;                         // Σ squared standardized distances
  std::size_t iterations = 0;
  bool converged = false;
};

// Quantiles interpolate linearly between order statistics (type 7), as metrics do.
struct ScoreReport {
  std::string name;
  std::int32_t slot = -1;
  std::int32_t stage = 0;
  std::uint64_t count = 0; // contacts with a value; the statistics are meaningful when > 0
  std::uint64_t nulls = 0;
  double min = 0, p25 = 0, median = 0, p75 = 0, max = 0, mean = 0;
};

enum class FindingKind { Empty, TooSmall, Everyone, Identical, Contained, NearDuplicate };

// A segment that is probably a mistake: nobody or everybody in it, too few to act on, or
// the same audience as another segment.
struct Finding {
  FindingKind kind = FindingKind::Empty;
  std::string segment;
  std::string other;   // Identical, Contained, NearDuplicate
  std::string message; // a sentence for people
};

// How the run went: what the header of every format shows.
struct RunContext {
  std::uint64_t contacts = 0;
  std::int64_t now = 0; // UTC microseconds
  std::string engine;
  unsigned threads = 0;
  std::string dataPath;
  bool snapshot = false; // data opened from a snapshot rather than loaded from files
  double dataMs = 0, compileMs = 0, runMs = 0;
  exec::RunTimings timings;
  std::vector<std::string> only; // --segment names; empty: everything is reported
  bool showTimings = true;
};

struct RunReport {
  RunContext context;
  std::vector<SegmentReport> segments;
  std::vector<PartitionReport> partitions;
  std::vector<ClusterReport> clusters;
  std::vector<ScoreReport> scores;
  std::vector<exec::MetricResult> metrics;
  std::vector<Finding> findings;
  std::vector<std::size_t> definitionsPerStage; // segments, partitions and scores

  bool reportsScoresAndMetrics() const { return context.only.empty(); }
  const ClusterReport* clusterNamed(const std::string& name) const;
};

// `only` names segments and partitions to report (already validated); empty: all of them,
// and every score and metric.
// What buildReport leaves for later: the library computes score statistics and findings on
// first use, since quartiles of a million values cost more than the rest of the report.
struct ReportParts {
  bool scoreStatistics = true;  // false: scores get name and slot; see computeScoreStatistics
  bool findings = true;         // false: see findSegmentProblems (SegmentFindings.h)
  std::uint64_t minMembers = 0; // > 0: segments below it are too small (else the default rule)
};
RunReport buildReport(const plan::Plan& plan, const exec::RunResult& result, std::uint64_t contacts,
                      const std::vector<std::string>& only, const ReportParts& parts = {});
void computeScoreStatistics(ScoreReport& report, const exec::ContactColumn& column,
                            std::uint64_t contacts);

} // namespace seg::report

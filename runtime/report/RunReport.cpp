#include "report/RunReport.h"

#include "report/SegmentFindings.h"

#include <algorithm>
#include <bit>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>
#include <fmt/format.h>

namespace seg::report {
namespace {

double percentOf(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

bool selected(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

// Bit i set: bytes[i] is not zero (64 bytes).
std::uint64_t nonZeroBits(const std::uint8_t* bytes) {
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  std::uint64_t bits = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * k));
    auto zeros = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
    bits |= std::uint64_t{~zeros & 0xFFFFu} << (16 * k);
  }
  return bits;
#else
  std::uint64_t bits = 0;
  for (int i = 0; i < 64; ++i)
    bits |= std::uint64_t{bytes[i] != 0} << i;
  return bits;
#endif
}

SegmentReport segmentReport(const plan::Slot& slot, std::int32_t index,
                            const exec::ContactColumn& column, std::uint64_t contacts) {
  SegmentReport report{slot.name, index, slot.stage, 0, 0, Bitmap((contacts + 63) / 64)};
  const auto* values = column.data<std::uint8_t>();
  // 64 rows a word, without a branch per row: this runs once per segment on every contact.
  for (std::size_t word = 0; word < report.bits.size(); ++word) {
    const std::size_t begin = word * 64, end = std::min<std::size_t>(contacts, begin + 64);
    std::uint64_t bits = end - begin == 64 ? nonZeroBits(values + begin) : 0;
    if (end - begin < 64)
      for (std::size_t row = begin; row < end; ++row)
        bits |= std::uint64_t{values[row] != 0} << (row - begin);
    bits &= column.validity[word];
    report.bits[word] = bits;
    report.members += static_cast<std::uint64_t>(std::popcount(bits));
  }
  report.percent = percentOf(report.members, contacts);
  return report;
}

PartitionReport partitionReport(const plan::Slot& slot, const exec::ContactColumn& column,
                                std::uint64_t contacts) {
  PartitionReport report{slot.name, slot.stage, {}, 0, 0};
  const std::vector<std::string>& names = slot.branches;
  for (const std::string& name : names)
    report.branches.push_back({name, 0, 0, Bitmap((contacts + 63) / 64)});
  const auto* values = column.data<std::uint32_t>();
  for (std::size_t row = 0; row < contacts; ++row) {
    if (!column.isValid(row)) {
      ++report.unassigned;
      continue;
    }
    std::uint32_t branch = values[row];
    while (branch >= report.branches.size()) // defensive: a branch the declaration lacks
      report.branches.push_back(
          {fmt::format("branch_{}", report.branches.size()), 0, 0, Bitmap((contacts + 63) / 64)});
    report.branches[branch].bits[row >> 6] |= std::uint64_t{1} << (row & 63);
    ++report.branches[branch].members;
  }
  for (BranchReport& branch : report.branches)
    branch.percent = percentOf(branch.members, contacts);
  report.unassignedPercent = percentOf(report.unassigned, contacts);
  return report;
}

// The type-7 quantile of `values`, partially reordering them.
double quantile(std::vector<double>& values, double q) {
  double h = (static_cast<double>(values.size()) - 1) * q;
  auto low = static_cast<std::size_t>(std::floor(h));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(low), values.end());
  double lowValue = values[low];
  if (low + 1 >= values.size() || h == static_cast<double>(low)) return lowValue;
  double highValue =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(low) + 1, values.end());
  return lowValue + (h - static_cast<double>(low)) * (highValue - lowValue);
}

ClusterReport clusterReport(const plan::Plan& plan, const exec::RunResult& result, std::size_t r,
                            std::uint64_t contacts) {
  const plan::Clustering& spec = *plan.ranks[r].cluster;
  ClusterReport report;
  report.name = spec.name;
  report.seed = spec.seed;
  report.features = spec.featureNames;
  auto it = result.bound->clusters.find(r);
  if (it == result.bound->clusters.end()) return report;
  const exec::KMeansModel& model = it->second;
  for (std::size_t c = 0; c < model.k; ++c) {
    report.branches.push_back(fmt::format("c{}", c + 1));
    report.sizes.push_back(model.sizes[c]);
    report.centroids.emplace_back(
        model.centroids.begin() + static_cast<std::ptrdiff_t>(c * model.dims),
        model.centroids.begin() + static_cast<std::ptrdiff_t>((c + 1) * model.dims));
  }
  report.clustered = model.included;
  report.unassigned = contacts - model.included;
  report.inertia = model.inertia;
  report.iterations = model.iterations;
  report.converged = model.converged;
  return report;
}

} // namespace

const ClusterReport* RunReport::clusterNamed(const std::string& name) const {
  for (const ClusterReport& c : clusters)
    if (c.name == name) return &c;
  return nullptr;
}

void computeScoreStatistics(ScoreReport& report, const exec::ContactColumn& column,
                            std::uint64_t contacts) {
  std::vector<double> values;
  values.reserve(contacts);
  const auto* data = column.data<double>();
  for (std::size_t row = 0; row < contacts; ++row)
    if (column.isValid(row)) values.push_back(data[row]);
  report.count = values.size();
  report.nulls = contacts - values.size();
  if (values.empty()) return;
  // Summed in row order in long double, so the mean depends only on the values.
  long double sum = 0;
  for (double v : values)
    sum += v;
  report.mean = static_cast<double>(sum / static_cast<long double>(values.size()));
  auto [low, high] = std::minmax_element(values.begin(), values.end());
  report.min = *low;
  report.max = *high;
  report.p25 = quantile(values, 0.25);
  report.median = quantile(values, 0.5);
  report.p75 = quantile(values, 0.75);
}

RunReport buildReport(const plan::Plan& plan, const exec::RunResult& result, std::uint64_t contacts,
                      const std::vector<std::string>& only, const ReportParts& parts) {
  RunReport report;
  report.context.contacts = contacts;
  report.context.only = only;
  report.context.timings = result.timings;
  report.definitionsPerStage.assign(static_cast<std::size_t>(std::max(plan.stageCount, 1)), 0);
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    const plan::Slot& slot = plan.slots[s];
    const exec::ContactColumn& column = result.bound->slots[s];
    if (slot.kind == plan::SlotKind::RankInput || slot.kind == plan::SlotKind::MetricInput ||
        slot.kind == plan::SlotKind::ClusterInput)
      continue; // internal: never shown
    if (slot.stage >= 0 && static_cast<std::size_t>(slot.stage) < report.definitionsPerStage.size())
      ++report.definitionsPerStage[slot.stage];
    switch (slot.kind) {
    case plan::SlotKind::Segment:
      if (selected(only, slot.name))
        report.segments.push_back(
            segmentReport(slot, static_cast<std::int32_t>(s), column, contacts));
      break;
    case plan::SlotKind::Partition:
      if (selected(only, slot.name))
        report.partitions.push_back(partitionReport(slot, column, contacts));
      break;
    case plan::SlotKind::Score:
      if (only.empty()) {
        report.scores.push_back({slot.name, static_cast<std::int32_t>(s), slot.stage});
        if (parts.scoreStatistics) computeScoreStatistics(report.scores.back(), column, contacts);
      }
      break;
    default:
      break;
    }
  }
  for (std::size_t r = 0; r < plan.ranks.size(); ++r)
    if (plan.ranks[r].cluster && selected(only, plan.ranks[r].cluster->name))
      report.clusters.push_back(clusterReport(plan, result, r, contacts));
  for (const exec::MetricResult& metric : result.metrics)
    if (selected(only, metric.name)) report.metrics.push_back(metric);
  if (parts.findings)
    report.findings = findSegmentProblems(plan, report.segments, contacts, parts.minMembers);
  return report;
}

} // namespace seg::report

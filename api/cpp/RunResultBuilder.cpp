#include "RunResultBuilder.h"

#include "report/ResultFormat.h"
#include "report/SegmentFindings.h"

#include <algorithm>
#include <thread>

namespace seg::detail {
namespace {

std::unique_ptr<ResultData::MemberEntry> memberEntry(std::string name, const report::Bitmap& bits,
                                                     std::uint64_t count, double percent) {
  auto entry = std::make_unique<ResultData::MemberEntry>();
  entry->name = std::move(name);
  entry->bits = &bits;
  entry->count = count;
  entry->percent = percent;
  return entry;
}

Metric publicMetric(const exec::MetricResult& m) {
  Metric out{m.name, m.groupBy, {}};
  for (const exec::MetricRow& row : m.rows)
    out.rows.push_back({row.groupKey, row.value, row.contacts});
  return out;
}

} // namespace

const report::ScoreReport& scoreStatistics(const ResultData& data, std::size_t score) {
  const ResultData::ScoreEntry& entry = *data.scores[score];
  std::call_once(entry.statisticsOnce, [&] {
    report::computeScoreStatistics(*entry.report, data.run.bound->slots[entry.slot],
                                   data.dataset->store.contacts.rows);
  });
  return *entry.report;
}

const std::vector<Finding>& findings(const ResultData& data) {
  std::call_once(data.findingsOnce, [&] {
    data.report.findings = report::findSegmentProblems(
        *data.plan, data.report.segments, data.dataset->store.contacts.rows, data.minSegmentSize);
    for (const report::Finding& f : data.report.findings)
      data.findings.push_back(
          {std::string(report::findingKindName(f.kind)), f.segment, f.other, f.message});
  });
  return data.findings;
}

const report::RunReport& completeReport(const ResultData& data) {
  for (std::size_t s = 0; s < data.scores.size(); ++s)
    scoreStatistics(data, s);
  findings(data);
  return data.report;
}

std::shared_ptr<const ResultData> buildResult(std::shared_ptr<const ProgramData> program,
                                              std::shared_ptr<const plan::Plan> plan,
                                              std::shared_ptr<const DatasetData> dataset,
                                              exec::RunResult run, const RunFacts& facts) {
  auto data = std::make_shared<ResultData>();
  data->report = report::buildReport(*plan, run, dataset->store.contacts.rows, facts.only,
                                     {.scoreStatistics = false, .findings = false});
  report::RunContext& context = data->report.context;
  context.now = facts.now;
  context.engine = run.engine;
  context.threads =
      facts.threads != 0 ? facts.threads : std::max(1u, std::thread::hardware_concurrency());
  context.snapshot = dataset->snapshot;
  context.compileMs = facts.compileMs;
  context.runMs = facts.runMs;
  data->engineNote = facts.engineNote;
  data->minSegmentSize = facts.minSegmentSize;

  for (const report::SegmentReport& s : data->report.segments)
    data->members.push_back(memberEntry(s.name, s.bits, s.members, s.percent));
  for (const report::PartitionReport& p : data->report.partitions)
    for (const report::BranchReport& b : p.branches)
      data->members.push_back(memberEntry(p.name + "." + b.name, b.bits, b.members, b.percent));
  for (report::ScoreReport& s : data->report.scores) {
    auto entry = std::make_unique<ResultData::ScoreEntry>();
    entry->name = s.name;
    entry->slot = static_cast<std::size_t>(s.slot);
    entry->report = &s;
    data->scores.push_back(std::move(entry));
  }
  for (const exec::MetricResult& m : data->report.metrics)
    data->metrics.push_back(publicMetric(m));

  data->program = std::move(program);
  data->plan = std::move(plan);
  data->dataset = std::move(dataset);
  data->run = std::move(run);
  return data;
}

} // namespace seg::detail

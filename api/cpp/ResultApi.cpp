// seg::Result and its views: member sets (bitmaps viewed, keys made once on demand), scores
// (values viewed from the run's columns), partitions, metrics and the formatted documents.
#include "Detail.h"
#include "report/ResultFormat.h"

#include <fmt/format.h>

namespace seg {
namespace {

using detail::ResultData;

const runtime::Column& keyColumn(const ResultData& data) {
  const runtime::Store& store = data.dataset->store;
  return store.contacts.columns[static_cast<std::size_t>(store.schema.keyField)];
}

bool intKeyed(const ResultData& data) {
  runtime::ValueKind kind = keyColumn(data).kind();
  return kind == runtime::ValueKind::Int || kind == runtime::ValueKind::Timestamp;
}

template <class F> void forEachMember(const report::Bitmap& bits, F&& visit) {
  for (std::size_t w = 0; w < bits.size(); ++w)
    for (std::uint64_t word = bits[w]; word != 0; word &= word - 1)
      visit(static_cast<std::uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(word))));
}

const std::vector<std::uint32_t>& memberRows(const ResultData::MemberEntry& entry) {
  std::call_once(entry.rowsOnce, [&] {
    entry.rows.reserve(entry.count);
    forEachMember(*entry.bits, [&](std::uint32_t row) { entry.rows.push_back(row); });
  });
  return entry.rows;
}

std::vector<std::string> namesOf(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items)
    names.push_back(item.name);
  return names;
}

} // namespace

Members::Members(std::shared_ptr<const ResultData> data, std::size_t index)
    : data_(std::move(data)), index_(index) {}

const std::string& Members::name() const {
  return data_->members[index_]->name;
}

std::uint64_t Members::count() const {
  return data_->members[index_]->count;
}

double Members::percent() const {
  return data_->members[index_]->percent;
}

std::span<const std::uint64_t> Members::bitmap() const {
  return *data_->members[index_]->bits;
}

bool Members::contains(std::size_t row) const {
  const report::Bitmap& bits = *data_->members[index_]->bits;
  return row / 64 < bits.size() && ((bits[row / 64] >> (row % 64)) & 1u) != 0;
}

std::span<const std::uint32_t> Members::rows() const {
  return memberRows(*data_->members[index_]);
}

Expected<std::span<const std::int64_t>> Members::intKeys() const {
  const ResultData::MemberEntry& entry = *data_->members[index_];
  if (!intKeyed(*data_))
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("the contact key '{}' is a {}, not an int: use keys() for its text",
                             data_->dataset->schema.keyField().name,
                             fieldTypeName(data_->dataset->schema.keyField().type)));
  std::call_once(entry.keysOnce, [&] {
    auto keys = keyColumn(*data_).values<std::int64_t>();
    const std::vector<std::uint32_t>& rows = memberRows(entry);
    entry.intKeys.reserve(rows.size());
    for (std::uint32_t row : rows)
      entry.intKeys.push_back(keys[row]);
  });
  return std::span<const std::int64_t>(entry.intKeys);
}

std::vector<std::string> Members::keys() const {
  const ResultData::MemberEntry& entry = *data_->members[index_];
  std::call_once(entry.textOnce, [&] {
    const runtime::Column& column = keyColumn(*data_);
    const std::vector<std::uint32_t>& rows = memberRows(entry);
    entry.textKeys.reserve(rows.size());
    if (intKeyed(*data_)) {
      auto keys = column.values<std::int64_t>();
      for (std::uint32_t row : rows)
        entry.textKeys.push_back(std::to_string(keys[row]));
    } else {
      const runtime::Store& store = data_->dataset->store;
      const runtime::Dictionary& dictionary =
          store.contacts.dictionaries[static_cast<std::size_t>(store.schema.keyField)];
      auto codes = column.values<std::uint32_t>();
      for (std::uint32_t row : rows)
        entry.textKeys.emplace_back(dictionary.at(codes[row]));
    }
  });
  return entry.textKeys;
}

Score::Score(std::shared_ptr<const ResultData> data, std::size_t index)
    : data_(std::move(data)), index_(index) {}

const std::string& Score::name() const {
  return data_->scores[index_]->name;
}

std::span<const double> Score::values() const {
  const exec::ContactColumn& column = data_->run.bound->slots[data_->scores[index_]->slot];
  return {column.data<double>(), data_->dataset->store.contacts.rows};
}

std::span<const std::uint64_t> Score::validity() const {
  const exec::ContactColumn& column = data_->run.bound->slots[data_->scores[index_]->slot];
  return {column.validity.data(), runtime::bitmapWords(data_->dataset->store.contacts.rows)};
}

std::vector<double> Score::valuesWithNaN() const {
  std::span<const double> values = this->values();
  const exec::ContactColumn& column = data_->run.bound->slots[data_->scores[index_]->slot];
  std::vector<double> out(values.begin(), values.end());
  for (std::size_t row = 0; row < out.size(); ++row)
    if (!column.isValid(row)) out[row] = std::numeric_limits<double>::quiet_NaN();
  return out;
}

Distribution Score::distribution() const {
  const report::ScoreReport& s = detail::scoreStatistics(*data_, index_);
  return {s.count, s.nulls, s.min, s.p25, s.median, s.p75, s.max, s.mean};
}

Result::Result(std::shared_ptr<const ResultData> data) : data_(std::move(data)) {}

std::size_t Result::contacts() const {
  return data_->dataset->store.contacts.rows;
}

Timings Result::timings() const {
  const report::RunContext& c = data_->report.context;
  return {c.compileMs,       c.runMs,           c.timings.bindMs,
          c.timings.stageMs, c.timings.ranksMs, c.timings.metricsMs};
}

std::int64_t Result::nowMicros() const {
  return data_->report.context.now;
}

const std::string& Result::engine() const {
  return data_->report.context.engine;
}

const std::string& Result::engineNote() const {
  return data_->engineNote;
}

std::vector<std::string> Result::segmentNames() const {
  return namesOf(data_->report.segments);
}

std::vector<std::string> Result::partitionNames() const {
  return namesOf(data_->report.partitions);
}

std::vector<std::string> Result::scoreNames() const {
  return namesOf(data_->report.scores);
}

std::vector<std::string> Result::metricNames() const {
  return namesOf(data_->metrics);
}

Expected<Members> Result::segment(std::string_view name) const {
  for (std::size_t i = 0; i < data_->members.size(); ++i)
    if (data_->members[i]->name == name) return Members(data_, i);
  std::vector<std::string> known;
  for (const auto& entry : data_->members)
    known.push_back(entry->name);
  return detail::notFound("segment", name, known);
}

Expected<Partition> Result::partition(std::string_view name) const {
  for (const report::PartitionReport& p : data_->report.partitions) {
    if (p.name != name) continue;
    Partition out{p.name, {}, p.unassigned};
    for (const report::BranchReport& b : p.branches)
      out.branches.push_back(*segment(p.name + "." + b.name));
    return out;
  }
  return detail::notFound("partition", name, partitionNames());
}

std::vector<std::string> Result::clusterNames() const {
  return namesOf(data_->report.clusters);
}

Expected<Cluster> Result::cluster(std::string_view name) const {
  for (const report::ClusterReport& c : data_->report.clusters)
    if (c.name == name)
      return Cluster{c.name,      c.seed,       c.features, c.branches,   c.sizes,    c.centroids,
                     c.clustered, c.unassigned, c.inertia,  c.iterations, c.converged};
  return detail::notFound("cluster", name, clusterNames());
}

Expected<Score> Result::score(std::string_view name) const {
  for (std::size_t i = 0; i < data_->scores.size(); ++i)
    if (data_->scores[i]->name == name) return Score(data_, i);
  if (!data_->report.reportsScoresAndMetrics())
    return Error(ErrorCode::NotFound,
                 fmt::format("no score '{}' in this result: a run of selected definitions "
                             "evaluates no scores or metrics",
                             name));
  return detail::notFound("score", name, scoreNames());
}

Expected<Metric> Result::metric(std::string_view name) const {
  for (const Metric& m : data_->metrics)
    if (m.name == name) return m;
  if (!data_->report.reportsScoresAndMetrics())
    return Error(ErrorCode::NotFound,
                 fmt::format("no metric '{}' in this result: a run of selected definitions "
                             "evaluates no scores or metrics",
                             name));
  return detail::notFound("metric", name, metricNames());
}

const std::vector<Finding>& Result::findings() const {
  return detail::findings(*data_);
}

std::string Result::toJson(bool withTimings) const {
  const report::RunReport& complete = detail::completeReport(*data_);
  if (withTimings == complete.context.showTimings) return report::formatJson(complete);
  report::RunReport copy = complete; // rare: timings are shown by default
  copy.context.showTimings = withTimings;
  return report::formatJson(copy);
}

std::string Result::toCsv() const {
  return report::formatCsv(detail::completeReport(*data_));
}

std::string Result::toTable() const {
  return report::formatTable(detail::completeReport(*data_));
}

} // namespace seg

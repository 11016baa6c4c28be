// The queries of a warehouse run and the report made of their answers (see WarehouseRun.h).
#include "warehouse/WarehouseRun.h"

#include "report/NumberFormat.h"
#include "report/SegmentFindings.h"
#include "sql/SqlQueryContext.h"
#include "warehouse/ScoreMetricAnswers.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fmt/format.h>

namespace seg::warehouse {
namespace {

using Clock = std::chrono::steady_clock;

double percentOf(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A field as the server writes it, in a form whose text fieldText turns into the local
// engines' (timestamps as µs since 1970).
std::string fieldSelect(const runtime::ColumnSpec& spec, sql::Dialect dialect) {
  const std::string name = sql::quoteIdentifier(spec.name);
  if (spec.kind == runtime::ValueKind::Timestamp && dialect == sql::Dialect::Postgres)
    return sql::microsOf(name);
  return name;
}

std::optional<std::string> fieldText(const runtime::ColumnSpec& spec,
                                     const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  switch (spec.kind) {
  case runtime::ValueKind::Bool: // PostgreSQL: t/f, ClickHouse: 1/0
    return *text == "t" || *text == "1" ? "true" : "false";
  case runtime::ValueKind::Float: {
    double value = 0;
    if (std::from_chars(text->data(), text->data() + text->size(), value).ec == std::errc())
      return fmt::format("{}", value); // the shortest text, as the engines write it
    return text;
  }
  case runtime::ValueKind::Timestamp: {
    std::int64_t micros = 0;
    if (std::from_chars(text->data(), text->data() + text->size(), micros).ec == std::errc())
      return report::isoTimestamp(micros);
    return text;
  }
  default:
    return text;
  }
}

void setBit(const ContactKeys& contacts, report::Bitmap& bits, const std::string& key) {
  auto it = contacts.rows.find(key);
  if (it != contacts.rows.end()) bits[it->second >> 6] |= std::uint64_t{1} << (it->second & 63);
}

} // namespace

WarehouseRun
runQueries(QueryRunner& runner, const plan::Plan& plan,
           const std::vector<sql::SegmentQuery>& queries, const std::vector<std::int32_t>& slots,
           const std::vector<sql::ScoreQuery>& scores, const std::vector<sql::MetricQuery>& metrics,
           const std::string& contactsTable, const std::string& keyColumn, std::uint64_t minSize,
           sql::Dialect dialect, const std::vector<const runtime::ColumnSpec*>& memberFields) {
  WarehouseRun run;
  auto dataStart = Clock::now();
  QueryRows counted = runner.run("SELECT count(*) FROM " + contactsTable);
  if (!counted.ok()) {
    run.error = "counting the contacts: " + counted.error;
    return run;
  }
  std::uint64_t contacts = 0;
  const std::string countText =
      counted.rows.size() == 1 && !counted.rows[0].empty() ? counted.rows[0][0].value_or("") : "";
  if (std::from_chars(countText.data(), countText.data() + countText.size(), contacts).ec !=
      std::errc()) {
    run.error = fmt::format("counting the contacts: the server answered '{}'", countText);
    return run;
  }
  // The keys, so that members become rows of a bitmap (findings, member files).
  std::string selected = keyColumn;
  for (const runtime::ColumnSpec* field : memberFields)
    selected += ", " + fieldSelect(*field, dialect);
  QueryRows keyRows =
      runner.run(fmt::format("SELECT {} FROM {} ORDER BY {}", selected, contactsTable, keyColumn));
  if (!keyRows.ok()) {
    run.error = "reading the contact keys: " + keyRows.error;
    return run;
  }
  ContactKeys& keys = run.contacts;
  keys.keys.reserve(keyRows.rows.size());
  for (const auto& row : keyRows.rows) {
    keys.keys.push_back(row.empty() ? std::string() : row[0].value_or(""));
    keys.rows.emplace(keys.keys.back(), keys.keys.size() - 1);
    if (memberFields.empty()) continue;
    auto& values = keys.fields.emplace_back();
    for (std::size_t f = 0; f < memberFields.size(); ++f)
      values.push_back(fieldText(*memberFields[f], f + 1 < row.size() ? row[f + 1] : std::nullopt));
  }
  run.dataMs = msSince(dataStart);

  report::RunReport& report = run.report;
  report.definitionsPerStage.assign(static_cast<std::size_t>(std::max(plan.stageCount, 1)), 0);
  const std::size_t words = (keys.keys.size() + 63) / 64;
  // Per stage, the time its definitions' queries took on the server (the table's `time`).
  report.context.timings.stageMs.assign(report.definitionsPerStage.size(), 0.0);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const plan::Slot& slot = plan.slots[static_cast<std::size_t>(slots[q])];
    const bool staged =
        slot.stage >= 0 && static_cast<std::size_t>(slot.stage) < report.definitionsPerStage.size();
    if (staged) ++report.definitionsPerStage[static_cast<std::size_t>(slot.stage)];
    auto queryStart = Clock::now();
    QueryRows rows = runner.run(queries[q].sql);
    if (staged)
      report.context.timings.stageMs[static_cast<std::size_t>(slot.stage)] += msSince(queryStart);
    if (!rows.ok()) {
      run.error =
          fmt::format("{} {}: the server refused the query: {}",
                      queries[q].partition ? "partition" : "segment", slot.name, rows.error);
      return run;
    }
    if (!queries[q].partition) {
      report::SegmentReport s{slot.name, slots[q], slot.stage, 0, 0, report::Bitmap(words)};
      s.members = rows.rows.size();
      s.percent = percentOf(s.members, contacts);
      for (const auto& row : rows.rows)
        if (!row.empty() && row[0]) setBit(keys, s.bits, *row[0]);
      report.segments.push_back(std::move(s));
      continue;
    }
    report::PartitionReport p{slot.name, slot.stage, {}, 0, 0};
    for (const std::string& branch : slot.branches)
      p.branches.push_back({branch, 0, 0, report::Bitmap(words)});
    std::uint64_t assigned = 0;
    for (const auto& row : rows.rows) {
      if (row.size() < 2 || !row[1] || !row[0]) continue;
      auto it = std::find_if(p.branches.begin(), p.branches.end(),
                             [&](const report::BranchReport& b) { return b.name == *row[1]; });
      if (it == p.branches.end()) {
        run.error = fmt::format("partition {}: the server answered a branch '{}' it lacks",
                                slot.name, *row[1]);
        return run;
      }
      ++it->members;
      ++assigned;
      setBit(keys, it->bits, *row[0]);
    }
    for (report::BranchReport& b : p.branches)
      b.percent = percentOf(b.members, contacts);
    p.unassigned = contacts - std::min(contacts, assigned);
    p.unassignedPercent = percentOf(p.unassigned, contacts);
    report.partitions.push_back(std::move(p));
  }
  if (std::string error = runScores(runner, plan, scores, keys.rows, report); !error.empty()) {
    run.error = std::move(error);
    return run;
  }
  if (std::string error = runMetrics(runner, plan, metrics, report); !error.empty()) {
    run.error = std::move(error);
    return run;
  }
  report.findings = report::findSegmentProblems(plan, report.segments, contacts, minSize);
  report.context.contacts = contacts;
  return run;
}

} // namespace seg::warehouse

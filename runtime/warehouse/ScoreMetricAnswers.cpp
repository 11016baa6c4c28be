// Server text into the report's numbers: PostgreSQL and ClickHouse write floats in their
// shortest exact form (NaN and infinities by name), so parsing gives the very doubles.
#include "warehouse/ScoreMetricAnswers.h"

#include <charconv>
#include <chrono>
#include <fmt/format.h>
#include <optional>

namespace seg::warehouse {
namespace {

using Clock = std::chrono::steady_clock;
using plan::ValueType;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::optional<double> parseDouble(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// A value of `type` as the engines report it: integers exactly, then as a double.
std::optional<double> parseValue(ValueType type, const std::string& text) {
  if (type == ValueType::Float) return parseDouble(text);
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return static_cast<double>(value);
}

// A group key as the local report renders it (runtime/exec/Metrics.cpp): enum values and
// branches by name (the queries answer names), booleans true/false, floats with six
// decimals (std::to_string), null as "null".
std::string renderGroupKey(const plan::GroupKey& key, const std::optional<std::string>& text) {
  if (!text) return "null";
  switch (key.type) {
  case ValueType::Bool: // PostgreSQL t/f, ClickHouse 1/0
    return *text == "t" || *text == "1" || *text == "true" ? "true" : "false";
  case ValueType::Float:
    if (std::optional<double> v = parseDouble(*text)) return std::to_string(*v);
    return *text;
  default:
    return *text;
  }
}

} // namespace

std::string runScores(QueryRunner& runner, const plan::Plan& plan,
                      const std::vector<sql::ScoreQuery>& scores,
                      const std::unordered_map<std::string, std::size_t>& rowOfKey,
                      report::RunReport& report) {
  const std::size_t contacts = rowOfKey.size();
  for (const sql::ScoreQuery& score : scores) {
    const plan::Slot& slot = plan.slots[static_cast<std::size_t>(score.slot)];
    auto start = Clock::now();
    QueryRows rows = runner.run(score.sql);
    const auto stage = static_cast<std::size_t>(std::max(slot.stage, 0));
    if (stage < report.context.timings.stageMs.size())
      report.context.timings.stageMs[stage] += msSince(start);
    if (stage < report.definitionsPerStage.size()) ++report.definitionsPerStage[stage];
    if (!rows.ok())
      return fmt::format("score {}: the server refused the query: {}", slot.name, rows.error);
    // The values by the contacts' rows (key order), each contact once.
    exec::ContactColumn column;
    column.type = ValueType::Float;
    column.resize(contacts);
    double* values = column.data<double>();
    for (const auto& row : rows.rows) {
      if (row.size() < 2 || !row[0]) continue;
      auto it = rowOfKey.find(*row[0]);
      if (it == rowOfKey.end()) continue;
      std::optional<double> value = row[1] ? parseDouble(*row[1]) : std::nullopt;
      if (row[1] && !value)
        return fmt::format("score {}: the server answered '{}' for contact {}", slot.name, *row[1],
                           *row[0]);
      if (value) values[it->second] = *value;
      column.setValid(it->second, value.has_value());
    }
    report::ScoreReport& out = report.scores.emplace_back();
    out.name = slot.name;
    out.slot = score.slot;
    out.stage = slot.stage;
    report::computeScoreStatistics(out, column, contacts);
  }
  return {};
}

std::string runMetrics(QueryRunner& runner, const plan::Plan& plan,
                       const std::vector<sql::MetricQuery>& metrics, report::RunReport& report) {
  for (const sql::MetricQuery& query : metrics) {
    const plan::Metric& metric = plan.metrics[query.metric];
    auto start = Clock::now();
    QueryRows rows = runner.run(query.sql);
    report.context.timings.metricsMs += msSince(start);
    if (!rows.ok())
      return fmt::format("metric {}: the server refused the query: {}", metric.name, rows.error);
    const ValueType type =
        metric.root < metric.nodes.size() ? metric.nodes[metric.root].type : ValueType::Float;
    const std::size_t keys = metric.groupBy.size();
    exec::MetricResult& result = report.metrics.emplace_back();
    result.name = metric.name;
    for (const plan::GroupKey& key : metric.groupBy)
      result.groupBy.push_back(key.name);
    for (const auto& row : rows.rows) { // keys…, contacts, value
      if (row.size() != keys + 2 || !row[keys])
        return fmt::format("metric {}: the server answered a row of {} columns", metric.name,
                           row.size());
      exec::MetricRow& out = result.rows.emplace_back();
      for (std::size_t k = 0; k < keys; ++k)
        out.groupKey.push_back(renderGroupKey(metric.groupBy[k], row[k]));
      const std::string& contacts = *row[keys];
      if (std::from_chars(contacts.data(), contacts.data() + contacts.size(), out.contacts).ec !=
          std::errc())
        return fmt::format("metric {}: the server answered '{}' contacts", metric.name, contacts);
      if (row[keys + 1]) {
        out.value = parseValue(type, *row[keys + 1]);
        if (!out.value)
          return fmt::format("metric {}: the server answered '{}'", metric.name, *row[keys + 1]);
      }
      out.integral = type != ValueType::Float;
    }
  }
  return {};
}

} // namespace seg::warehouse

// The ReplSession answers that compile more than the typed line: a number's distribution
// (through metrics) and a new or changed definition (and what it does to the session).
#include "repl/Answers.h"
#include "repl/ReplSession.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>
#include <ostream>
#include <utility>

namespace seg::cli::repl {
namespace {

double valueOf(const Result& result, const std::string& metric) {
  Expected<Metric> m = result.metric(metric);
  if (!m || m->rows.empty() || !m->rows[0].value) return 0;
  return *m->rows[0].value;
}

} // namespace

void ReplSession::answerNumber(const std::string& expression, std::ostream& out, std::ostream& err,
                               const std::stop_token& stop) {
  const std::string e = "(" + expression + ")";
  std::string extra =
      fmt::format("metric __repl_values = count({0} is not null)\n"
                  "metric __repl_nulls = count({0} is null)\n"
                  "metric __repl_min = min({0})\nmetric __repl_p25 = quantile({0}, 0.25)\n"
                  "metric __repl_median = median({0})\nmetric __repl_p75 = quantile({0}, 0.75)\n"
                  "metric __repl_max = max({0})\nmetric __repl_mean = avg({0})\n",
                  e);
  auto start = std::chrono::steady_clock::now();
  Expected<Program> program = compileWith(definitions_, extra);
  if (!program) {
    err << program.error().message();
    return;
  }
  // Only the answer's metrics and what they read are evaluated, not the session's other
  // definitions (the CRM example loaded, 1 M contacts: 3.7 s → 0.19 s).
  RunOptions options = runOptions(stop);
  for (const char* name : {"__repl_values", "__repl_nulls", "__repl_min", "__repl_p25",
                           "__repl_median", "__repl_p75", "__repl_max", "__repl_mean"})
    options.definitions.emplace_back(name);
  Expected<Result> result = program->run(data_, options);
  if (!result) {
    printRunError(result.error(), err);
    return;
  }
  NumberSummary s;
  s.values = static_cast<std::uint64_t>(valueOf(*result, "__repl_values"));
  s.nulls = static_cast<std::uint64_t>(valueOf(*result, "__repl_nulls"));
  s.min = valueOf(*result, "__repl_min");
  s.p25 = valueOf(*result, "__repl_p25");
  s.median = valueOf(*result, "__repl_median");
  s.p75 = valueOf(*result, "__repl_p75");
  s.max = valueOf(*result, "__repl_max");
  s.mean = valueOf(*result, "__repl_mean");
  if (s.values > 0 && s.max > s.min) {
    // A second pass counts ten equal bins; the last one holds the maximum.
    constexpr int kBins = 10;
    std::string bins;
    double width = (s.max - s.min) / kBins;
    for (int b = 0; b < kBins; ++b) {
      double low = s.min + width * b, high = s.min + width * (b + 1);
      bins += fmt::format("metric __repl_bin{} = count({} >= {:.17g} and {} {} {:.17g})\n", b, e,
                          low, e, b + 1 == kBins ? "<=" : "<", b + 1 == kBins ? s.max : high);
    }
    Expected<Program> binned = compileWith(definitions_, bins);
    RunOptions binOptions = runOptions(stop);
    for (int b = 0; b < kBins; ++b)
      binOptions.definitions.push_back(fmt::format("__repl_bin{}", b));
    Expected<Result> counted =
        binned ? binned->run(data_, binOptions) : Expected<Result>(binned.error());
    if (counted)
      for (int b = 0; b < kBins; ++b)
        s.bins.push_back(
            static_cast<std::uint64_t>(valueOf(*counted, fmt::format("__repl_bin{}", b))));
  }
  if (timer_) {
    s.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    s.engine = result->engine();
  }
  printSummary(s, format_, out);
}

void ReplSession::define(const TypedDefinition& definition, std::ostream& out, std::ostream& err,
                         std::stop_token stop) {
  auto started = std::chrono::steady_clock::now();
  std::vector<TypedDefinition> next = definitions_;
  auto same = std::find_if(next.begin(), next.end(),
                           [&](const TypedDefinition& d) { return d.name == definition.name; });
  bool replaced = same != next.end();
  if (replaced)
    *same = definition;
  else
    next.push_back(definition);
  SessionSource source = sourceWith(next, std::nullopt);
  for (SessionSource::Piece& piece : source.pieces)
    if (piece.label == "<" + definition.name + ">") piece.label = "<input>";
  Expected<Program> program = compile(source);
  if (!program) {
    // Refused: the session keeps what it had.
    printError(program.error(), source, err);
    if (replaced) err << "the session keeps the earlier '" << definition.name << "'\n";
    return;
  }
  definitions_ = std::move(next);
  program_ = std::move(*program);
  if (format_ == AnswerFormat::Table)
    out << (replaced ? "redefined " : "defined ") << definition.kind << " " << definition.name
        << "\n";
  report(*program_, definition.name, out, err, std::move(stop), started);
}

void ReplSession::report(const Program& program, const std::string& name, std::ostream& out,
                         std::ostream& err, std::stop_token stop,
                         std::chrono::steady_clock::time_point started) {
  RunOptions options = runOptions(std::move(stop));
  // Every segment and partition (for the sizes that changed and the findings) and the new
  // definition; the other scores and metrics only when they are read. A score cannot be
  // selected: then everything runs.
  bool everything = false;
  for (const Definition& d : program.definitions()) {
    if (d.kind == DefinitionKind::Segment || d.kind == DefinitionKind::Partition ||
        (d.kind == DefinitionKind::Metric && d.name == name))
      options.definitions.push_back(d.name);
    everything = everything || (d.kind == DefinitionKind::Score && d.name == name);
  }
  if (everything) options.definitions.clear();
  Expected<Result> result = program.run(data_, options);
  if (!result) {
    printRunError(result.error(), err);
    return;
  }
  if (Expected<Members> members = result->segment(name)) {
    CountAnswer answer{members->count(), members->percent(), std::nullopt, "", std::nullopt};
    if (timer_) {
      answer.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      answer.engine = result->engine();
    }
    printCount(answer, format_, out);
  } else if (Expected<Partition> partition = result->partition(name)) {
    Table table{{"branch", "contacts", "percent"}, {false, true, true}, {}, {}};
    for (const Members& branch : partition->branches)
      table.rows.push_back({branch.name().substr(name.size() + 1), std::to_string(branch.count()),
                            fmt::format("{:.1f}", branch.percent())});
    if (partition->unassigned > 0)
      table.rows.push_back({"(in no branch)", std::to_string(partition->unassigned), ""});
    table.nulls.assign(table.rows.size(), std::vector<bool>(3, false));
    if (partition->unassigned > 0) table.nulls.back()[2] = true;
    writeTable(table, format_, out);
  } else if (Expected<Score> score = result->score(name)) {
    Distribution d = score->distribution();
    NumberSummary s{d.count, d.nulls, d.min, d.p25, d.median, d.p75, d.max, d.mean, {}, {}, {}};
    printSummary(s, format_, out);
  } else if (Expected<Metric> metric = result->metric(name)) {
    Table table;
    table.columns = metric->groupBy;
    table.numeric.assign(metric->groupBy.size(), false);
    table.columns.push_back(name);
    table.numeric.push_back(true);
    for (const MetricRow& row : metric->rows) {
      std::vector<std::string> cells = row.group;
      cells.push_back(row.value ? fmt::format("{:.6g}", *row.value) : std::string("null"));
      std::vector<bool> nulls(cells.size(), false);
      nulls.back() = !row.value;
      table.rows.push_back(std::move(cells));
      table.nulls.push_back(std::move(nulls));
    }
    writeTable(table, format_, out);
  }
  noteChanges(*result, name, out);
}

void ReplSession::noteChanges(const Result& result, const std::string& name, std::ostream& out) {
  std::map<std::string, std::uint64_t> sizes;
  for (const Definition& d : program_->definitions())
    if (d.kind == DefinitionKind::Segment)
      if (Expected<Members> m = result.segment(d.name)) sizes[d.name] = m->count();
  if (format_ == AnswerFormat::Table) {
    // What depends on the definition was recomputed: say what moved.
    for (const auto& [segment, size] : sizes) {
      auto before = segmentSizes_.find(segment);
      if (segment != name && before != segmentSizes_.end() && before->second != size)
        out << fmt::format("  {} changed: {} → {} members\n", segment, withCommas(before->second),
                           withCommas(size));
    }
    for (const Finding& f : result.findings())
      if (f.segment == name || f.other == name) out << "  note: " << f.message << "\n";
  }
  segmentSizes_ = std::move(sizes);
}

} // namespace seg::cli::repl

// The ReplSession answers that compile more than the typed line: a number's distribution
// (through metrics) and a new or changed definition (and what it does to the session).
#include "repl/Answers.h"
#include "repl/ReplSession.h"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>

namespace seg::cli::repl {
namespace {

double valueOf(const Result& result, const std::string& metric) {
  Expected<Metric> m = result.metric(metric);
  if (!m || m->rows.empty() || !m->rows[0].value) return 0;
  return *m->rows[0].value;
}

} // namespace

void ReplSession::answerNumber(const std::string& expression, std::ostream& out, std::ostream& err,
                               std::stop_token stop) {
  const std::string e = "(" + expression + ")";
  std::string extra =
      fmt::format("metric __repl_values = count({0} is not null)\n"
                  "metric __repl_nulls = count({0} is null)\n"
                  "metric __repl_min = min({0})\nmetric __repl_p25 = quantile({0}, 0.25)\n"
                  "metric __repl_median = median({0})\nmetric __repl_p75 = quantile({0}, 0.75)\n"
                  "metric __repl_max = max({0})\nmetric __repl_mean = avg({0})\n",
                  e);
  Expected<Program> program = compileWith(definitions_, extra);
  if (!program) {
    err << program.error().message();
    return;
  }
  Expected<Result> result = program->run(data_, runOptions(stop));
  if (!result) {
    err << result.error().message() << "\n";
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
    Expected<Result> counted =
        binned ? binned->run(data_, runOptions(stop)) : Expected<Result>(binned.error());
    if (counted)
      for (int b = 0; b < kBins; ++b)
        s.bins.push_back(
            static_cast<std::uint64_t>(valueOf(*counted, fmt::format("__repl_bin{}", b))));
  }
  printSummary(s, out);
}

void ReplSession::define(const TypedDefinition& definition, std::ostream& out, std::ostream& err,
                         std::stop_token stop) {
  std::vector<TypedDefinition> next = definitions_;
  auto same = std::find_if(next.begin(), next.end(),
                           [&](const TypedDefinition& d) { return d.name == definition.name; });
  bool replaced = same != next.end();
  if (replaced)
    *same = definition;
  else
    next.push_back(definition);
  Expected<Program> program = compileWith(next, "");
  if (!program) {
    // Refused: the session keeps what it had.
    err << program.error().message();
    if (replaced) err << "the session keeps the earlier '" << definition.name << "'\n";
    return;
  }
  definitions_ = std::move(next);
  program_ = std::move(*program);
  out << (replaced ? "redefined " : "defined ") << definition.kind << " " << definition.name
      << "\n";
  report(*program_, definition.name, out, err, stop);
}

void ReplSession::report(const Program& program, const std::string& name, std::ostream& out,
                         std::ostream& err, std::stop_token stop) {
  RunOptions options = runOptions(stop);
  Expected<Result> result = program.run(data_, options);
  if (!result) {
    err << result.error().message() << "\n";
    return;
  }
  if (Expected<Members> members = result->segment(name)) {
    out << fmt::format("  {} members ({:.1f} %)\n", withCommas(members->count()),
                       members->percent());
  } else if (Expected<Partition> partition = result->partition(name)) {
    for (const Members& branch : partition->branches)
      out << fmt::format("  {:<12} {} ({:.1f} %)\n", branch.name().substr(name.size() + 1),
                         withCommas(branch.count()), branch.percent());
    if (partition->unassigned > 0)
      out << "  (in no branch) " << withCommas(partition->unassigned) << "\n";
  } else if (Expected<Score> score = result->score(name)) {
    Distribution d = score->distribution();
    NumberSummary s{d.count, d.nulls, d.min, d.p25, d.median, d.p75, d.max, d.mean, {}};
    out << "  ";
    printSummary(s, out);
  } else if (Expected<Metric> metric = result->metric(name)) {
    for (const MetricRow& row : metric->rows) {
      std::string group;
      for (std::size_t k = 0; k < row.group.size(); ++k)
        group += (k ? ", " : "") + metric->groupBy[k] + "=" + row.group[k];
      out << "  " << (group.empty() ? "" : group + ": ")
          << (row.value ? fmt::format("{:.6g}", *row.value) : std::string("null")) << "\n";
    }
  }
}

} // namespace seg::cli::repl

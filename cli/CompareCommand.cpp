// `seg compare`: chosen segments side by side — size, share, each chosen metric computed for
// each segment, and each score's mean and median within it — through the public API. The
// metrics are compiled as `metric … = VALUE for SEGMENT`, one per segment and value.
#include "ApiData.h"
#include "Commands.h"
#include "base/Suggest.h"
#include "repl/Answers.h"
#include "repl/Tables.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <seg/seg.hpp>

namespace seg::cli {
namespace {

struct Column {
  std::string name;  // as shown
  std::string value; // a metric VALUE of the language
};

// "--metric aov=avg(purchase.amount)" or "--metric 'avg(lifetime_value)'" (named by its text).
Column columnOf(const std::string& spec) {
  std::size_t eq = spec.find('=');
  bool named =
      eq != std::string::npos && eq > 0 && spec[eq + 1] != '=' &&
      spec.find_first_of("(<>!", 0) > eq &&
      spec.substr(0, eq).find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos;
  if (named) return {spec.substr(0, eq), spec.substr(eq + 1)};
  return {spec, spec};
}

std::string cell(const std::optional<double>& v) {
  if (!v) return "";
  return std::fabs(*v) >= 1000 ? repl::readableNumber(*v) : fmt::format("{:.4g}", *v);
}

} // namespace

int runCompare(const CompareOptions& options) {
  std::vector<Column> columns;
  for (const std::string& spec : options.metrics)
    columns.push_back(columnOf(spec));
  Expected<Program> base = Program::compileFiles(options.files);
  if (!base) {
    std::cerr << base.error().message();
    return 1;
  }
  std::vector<std::string> scores, segments;
  for (const Definition& d : base->definitions()) {
    if (d.kind == DefinitionKind::Score) scores.push_back(d.name);
    if (d.kind == DefinitionKind::Segment) segments.push_back(d.name);
  }
  for (const std::string& name : options.segments)
    if (std::find(segments.begin(), segments.end(), name) == segments.end()) {
      std::optional<std::string> close = base::closestName(name, segments);
      std::cerr << "seg compare: the program has no segment '" << name << "'"
                << (close ? "; did you mean '" + *close + "'?" : "") << "\n";
      return 1;
    }
  // The generated metrics, after the program's files.
  std::string imports;
  for (const std::string& file : options.files)
    imports += fmt::format("import \"{}\"\n", std::filesystem::absolute(file).string());
  CompileOptions compile;
  compile.sourceName = "<compare>";
  // Each --metric checked once, alone, so a mistake is told once and not per segment.
  for (const Column& c : columns) {
    Expected<Program> alone =
        Program::compileSource(imports + "metric __compare_check = " + c.value + "\n", compile);
    if (!alone) {
      std::cerr << "seg compare: --metric '" << c.value << "':\n"
                << alone.error().message()
                << "a --metric is a metric value of the language, e.g. --metric "
                   "'spend=avg(sum(purchase.amount within 365d))' (docs/language.md, Metrics)\n";
      return 1;
    }
  }
  std::string source = imports;
  std::vector<std::string> selection = options.segments;
  for (std::size_t s = 0; s < options.segments.size(); ++s) {
    const std::string& segment = options.segments[s];
    for (std::size_t c = 0; c < columns.size(); ++c) {
      source +=
          fmt::format("metric __compare_{}_{} = {} for {}\n", s, c, columns[c].value, segment);
      selection.push_back(fmt::format("__compare_{}_{}", s, c));
    }
    for (std::size_t k = 0; k < scores.size(); ++k) {
      source +=
          fmt::format("metric __compare_{}_mean{} = avg({}) for {}\n", s, k, scores[k], segment);
      source += fmt::format("metric __compare_{}_median{} = median({}) for {}\n", s, k, scores[k],
                            segment);
      selection.push_back(fmt::format("__compare_{}_mean{}", s, k));
      selection.push_back(fmt::format("__compare_{}_median{}", s, k));
    }
  }
  Expected<Program> program = Program::compileSource(source, compile);
  if (!program) { // an unknown segment: the diagnostic names it and suggests one
    std::cerr << program.error().message();
    return 1;
  }
  Expected<Dataset> data = openDataset(options.data, program->schema());
  if (!data) {
    std::cerr << "seg compare: " << data.error().message() << "\n";
    return 1;
  }
  seg::RunOptions run;
  run.now = options.now;
  run.definitions = selection;
  Expected<Result> result = program->run(*data, run);
  if (!result) {
    std::cerr << "seg compare: " << result.error().message() << "\n";
    return 1;
  }
  auto metricValue = [&](const std::string& name) -> std::optional<double> {
    Expected<Metric> m = result->metric(name);
    if (!m || m->rows.empty()) return std::nullopt;
    return m->rows[0].value;
  };

  repl::Table table;
  table.columns = {"segment", "members", "percent"};
  table.numeric = {false, true, true};
  for (const Column& c : columns) {
    table.columns.push_back(c.name);
    table.numeric.push_back(true);
  }
  for (const std::string& score : scores) {
    table.columns.push_back(score + " mean");
    table.columns.push_back(score + " median");
    table.numeric.push_back(true);
    table.numeric.push_back(true);
  }
  for (std::size_t s = 0; s < options.segments.size(); ++s) {
    Expected<Members> members = result->segment(options.segments[s]);
    if (!members) {
      std::cerr << "seg compare: " << members.error().message() << "\n";
      return 1;
    }
    bool human = options.format == RunFormat::Table;
    std::vector<std::string> row{
        options.segments[s],
        human ? repl::withCommas(members->count()) : std::to_string(members->count()),
        human ? repl::percentText(members->percent()) : fmt::format("{:.3f}", members->percent())};
    std::vector<bool> nulls(3, false);
    auto add = [&](const std::optional<double>& v) {
      row.push_back(!v ? "" : human ? cell(v) : fmt::format("{:.17g}", *v));
      nulls.push_back(!v);
    };
    for (std::size_t c = 0; c < columns.size(); ++c)
      add(metricValue(fmt::format("__compare_{}_{}", s, c)));
    for (std::size_t k = 0; k < scores.size(); ++k) {
      add(metricValue(fmt::format("__compare_{}_mean{}", s, k)));
      add(metricValue(fmt::format("__compare_{}_median{}", s, k)));
    }
    table.rows.push_back(std::move(row));
    table.nulls.push_back(std::move(nulls));
  }
  repl::writeTable(table,
                   options.format == RunFormat::Json  ? repl::AnswerFormat::Json
                   : options.format == RunFormat::Csv ? repl::AnswerFormat::Csv
                                                      : repl::AnswerFormat::Table,
                   std::cout);
  if (options.format == RunFormat::Json) std::cout << "\n";
  return 0;
}

} // namespace seg::cli

// `seg overlap`: runs a program's segments on data and prints how much every pair shares —
// a matrix of the row segment's share in the column's (table), or every pair with its
// count, share and Jaccard index (csv, json) — through the public API.
#include "ApiData.h"
#include "Commands.h"
#include "repl/Answers.h"
#include "repl/Tables.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <seg/seg.hpp>

namespace seg::cli {
namespace {

void printTable(const OverlapMatrix& m) {
  const std::size_t n = m.segments.size();
  repl::Table table;
  table.columns = {"% of row in column", "members"};
  table.numeric = {false, true};
  for (const std::string& name : m.segments) {
    table.columns.push_back(name);
    table.numeric.push_back(true);
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> row{m.segments[i], repl::withCommas(m.sizes[i])};
    for (std::size_t j = 0; j < n; ++j)
      row.push_back(i == j ? "-" : repl::percentText(m.percentOfRow(i, j)));
    table.rows.push_back(std::move(row));
  }
  table.nulls.assign(n, std::vector<bool>(table.columns.size(), false));
  repl::writeTable(table, repl::AnswerFormat::Table, std::cout);
  // The pairs most alike first: what to merge or tell apart.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (m.both(i, j) > 0) pairs.emplace_back(i, j);
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
    return m.jaccard(a.first, a.second) > m.jaccard(b.first, b.second);
  });
  if (pairs.empty()) {
    std::cout << "no two segments share a member\n";
    return;
  }
  std::size_t shown = std::min<std::size_t>(pairs.size(), 10);
  std::cout << fmt::format("most alike ({} of {} overlapping pairs, by Jaccard index):\n", shown,
                           pairs.size());
  for (std::size_t p = 0; p < shown; ++p) {
    auto [i, j] = pairs[p];
    std::cout << fmt::format("  {} and {}: {} shared, Jaccard {:.3f}\n", m.segments[i],
                             m.segments[j], repl::withCommas(m.both(i, j)), m.jaccard(i, j));
  }
}

void printPairs(const OverlapMatrix& m, RunFormat format) {
  const std::size_t n = m.segments.size();
  if (format == RunFormat::Json) {
    nlohmann::ordered_json doc{{"contacts", m.contacts}};
    doc["segments"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < n; ++i)
      doc["segments"].push_back({{"name", m.segments[i]}, {"members", m.sizes[i]}});
    doc["overlaps"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j)
          doc["overlaps"].push_back(
              {{"row", m.segments[i]},
               {"column", m.segments[j]},
               {"both", m.both(i, j)},
               {"percent_of_row", std::round(m.percentOfRow(i, j) * 1000) / 1000},
               {"jaccard", std::round(m.jaccard(i, j) * 1e6) / 1e6}});
    std::cout << doc.dump(2) << "\n";
    return;
  }
  repl::Table table{
      {"row", "column", "row_members", "column_members", "both", "percent_of_row", "jaccard"},
      {false, false, true, true, true, true, true},
      {},
      {}};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j)
        table.rows.push_back({m.segments[i], m.segments[j], fmt::format("{}", m.sizes[i]),
                              fmt::format("{}", m.sizes[j]), fmt::format("{}", m.both(i, j)),
                              fmt::format("{:.3f}", m.percentOfRow(i, j)),
                              fmt::format("{:.6f}", m.jaccard(i, j))});
  table.nulls.assign(table.rows.size(), std::vector<bool>(table.columns.size(), false));
  repl::writeTable(table, repl::AnswerFormat::Csv, std::cout);
}

} // namespace

int runOverlap(const OverlapOptions& options) {
  Expected<Program> program = Program::compileFiles(options.files);
  if (!program) {
    std::cerr << program.error().message();
    return 1;
  }
  Expected<Dataset> data = openDataset(options.data, program->schema());
  if (!data) {
    std::cerr << "seg overlap: " << data.error().message() << "\n";
    return 1;
  }
  seg::RunOptions run;
  run.now = options.now;
  run.definitions = options.segments;
  if (run.definitions.empty())
    for (const Definition& d : program->definitions())
      if (d.kind == DefinitionKind::Segment) run.definitions.push_back(d.name);
  if (run.definitions.size() < 2) {
    std::cerr << "seg overlap: overlaps need two segments or more; the program has "
              << run.definitions.size() << "\n";
    return 1;
  }
  Expected<Result> result = program->run(*data, run);
  if (!result) {
    std::cerr << "seg overlap: " << result.error().message() << "\n";
    return 1;
  }
  Expected<OverlapMatrix> matrix = overlapOf(*result, run.definitions);
  if (!matrix) {
    std::cerr << "seg overlap: " << matrix.error().message() << "\n";
    return 1;
  }
  if (options.format == RunFormat::Table)
    printTable(*matrix);
  else
    printPairs(*matrix, options.format);
  return 0;
}

} // namespace seg::cli

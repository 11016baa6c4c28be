// embed.cpp: the Seg C++ API in one page. Opens data, compiles the CRM example, runs it and
// prints three segment counts and one metric; any error is printed and exits with 1.
// Usage: embed_cpp CRM_DIR DATA   (DATA: a snapshot from `seg import`, or a folder of CSV files)
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <seg/seg.hpp>
#include <string>

namespace {

// Compile errors: every diagnostic with its source line and caret; else the message.
int fail(const seg::Error& error) {
  for (const seg::Diagnostic& d : error.diagnostics())
    std::cerr << d.rendered;
  if (error.diagnostics().empty()) std::cerr << "embed: " << error.message() << '\n';
  return 1;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " CRM_DIR DATA\n";
    return 2;
  }
  const std::string crm = argv[1], dataPath = argv[2];
  const std::string schema = crm + "/crm.schema.seg";

  // A folder is loaded (and checked) against the schema; anything else is opened as a snapshot.
  std::error_code ec;
  auto data = std::filesystem::is_directory(dataPath, ec) ? seg::Dataset::load(schema, dataPath)
                                                          : seg::Dataset::open(dataPath);
  if (!data) return fail(data.error());

  auto program = seg::Program::compileFiles(
      {schema, crm + "/segments.seg", crm + "/scores.seg", crm + "/metrics.seg"});
  if (!program) return fail(program.error());

  seg::RunOptions options;
  options.now = "2026-11-01T00:00:00Z"; // a fixed evaluation time: reproducible counts
  auto result = program->run(*data, options);
  if (!result) return fail(result.error());

  for (const char* name : {"vip", "hot_leads", "lifecycle.churned"}) { // the last: a branch
    auto members = result->segment(name);
    if (!members) return fail(members.error());
    std::printf("%s: %llu\n", name, static_cast<unsigned long long>(members->count()));
  }
  auto metric = result->metric("nps_by_plan"); // one row per plan
  if (!metric) return fail(metric.error());
  std::printf("%s:\n", metric->name.c_str());
  for (const seg::MetricRow& row : metric->rows) {
    if (row.value)
      std::printf("  %s: %.2f\n", row.group[0].c_str(), *row.value);
    else
      std::printf("  %s: null\n", row.group[0].c_str());
  }
  return 0;
}

// The embedding API's cost over the evaluation itself: Program::run's wall time against the
// run time the Result reports (what `seg run` prints as "run"), median of N runs.
// Usage: api_run_bench SNAPSHOT RUNS FILE...
#include <seg/seg.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// "run": 12.345 in the result document's timings.
double reportedRunMs(const std::string& json) {
  std::size_t at = json.find("\"run\": ");
  return at == std::string::npos ? 0 : std::atof(json.c_str() + at + 7);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: api_run_bench SNAPSHOT RUNS FILE...\n");
    return 2;
  }
  seg::Expected<seg::Dataset> data = seg::Dataset::open(argv[1]);
  if (!data) {
    std::fprintf(stderr, "%s\n", data.error().message().c_str());
    return 1;
  }
  int runs = std::max(1, std::atoi(argv[2]));
  seg::Expected<seg::Program> program =
      seg::Program::compileFiles(std::vector<std::string>(argv + 3, argv + argc));
  if (!program) {
    std::fprintf(stderr, "%s", program.error().message().c_str());
    return 1;
  }
  seg::RunOptions options;
  options.now = "2026-11-01T00:00:00Z";
  for (int i = 0; i < 3; ++i) // warm: code compiled, pages mapped
    (void)program->run(*data, options);
  std::vector<double> wall, reported, counted;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    seg::Expected<seg::Result> result = program->run(*data, options);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    std::uint64_t members = 0;
    for (const std::string& name : result->segmentNames())
      members += result->segment(name)->count();
    counted.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    reported.push_back(reportedRunMs(result->toJson()));
    if (members == 0) std::fprintf(stderr, "note: no members at all\n");
  }
  std::printf("contacts %zu, %d runs: Program::run wall %.2f ms (median), with every count "
              "%.2f ms, evaluation reported %.2f ms, API overhead %.1f %%\n",
              data->contactCount(), runs, median(wall), median(counted), median(reported),
              100.0 * (median(wall) - median(reported)) / median(reported));
  return 0;
}

// The overlap matrix of every segment of a program, from the run's bitmaps: wall time of
// seg::overlapOf alone, median of RUNS. Usage: overlap_bench SNAPSHOT RUNS FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <seg/seg.hpp>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: overlap_bench SNAPSHOT RUNS FILE...\n");
    return 2;
  }
  seg::Expected<seg::Dataset> data = seg::Dataset::open(argv[1]);
  seg::Expected<seg::Program> program =
      seg::Program::compileFiles(std::vector<std::string>(argv + 3, argv + argc));
  if (!data || !program) {
    std::fprintf(stderr, "%s\n", (!data ? data.error() : program.error()).message().c_str());
    return 1;
  }
  seg::RunOptions options;
  options.now = "2026-11-01T00:00:00Z";
  seg::Expected<seg::Result> result = program->run(*data, options);
  if (!result) return 1;
  std::vector<double> ms;
  std::size_t segments = 0;
  for (int i = 0; i < std::max(1, std::atoi(argv[2])); ++i) {
    auto start = std::chrono::steady_clock::now();
    seg::Expected<seg::OverlapMatrix> m = seg::overlapOf(*result);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    segments = m->segments.size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%zu segments of %zu contacts: overlap matrix in %.2f ms (median of %zu; min %.2f)\n",
              segments, result->contacts(), ms[ms.size() / 2], ms.size(), ms.front());
  return 0;
}

// The first answer to a new one-line expression, as `seg repl` gives it: wall time from the
// source text to the count (front end, compile, run), by engine — the interpreter, the JIT
// compiling cold, the JIT from the code cache, and Auto (both raced, no code cache). Each
// figure is the median of RUNS fresh programs. Usage: answer_latency_bench SNAPSHOT [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Expression {
  const char* kind;
  const char* text;
};

const std::vector<Expression> kExpressions = {
    {"attribute filter", "age < 30 and city == \"Paris\""},
    {"attribute filter", "plan == pro and company_size >= 50 and email_opt_in"},
    {"event aggregate", "count(purchase within 30d) > 2"},
    {"event aggregate", "sum(purchase.amount within 365d) > 100"},
    {"event aggregate", "exists(page_view where url == \"/pricing\" within 7d)"},
    {"sequence", "exists(page_view where url == \"/pricing\" then purchase within 7d)"},
};

struct Tier {
  const char* name;
  seg::Engine engine;
  bool codeCache;
};

const std::vector<Tier> kTiers = {{"interp", seg::Engine::Interpreter, false},
                                  {"jit cold", seg::Engine::Jit, false},
                                  {"jit cached", seg::Engine::Jit, true},
                                  {"auto", seg::Engine::Auto, false}};

struct Answer {
  double ms = 0;
  std::string engine;
};

Answer firstAnswer(const seg::Dataset& data, const Expression& e, const Tier& tier,
                   const std::string& cacheDir) {
  auto start = Clock::now();
  seg::CompileOptions compile;
  compile.schema = data.schema();
  compile.codeCacheDirectory = tier.codeCache ? cacheDir : "";
  seg::Expected<seg::Program> program =
      seg::Program::compileSource(std::string("segment q = ") + e.text, compile);
  if (!program) {
    std::fprintf(stderr, "%s\n", program.error().message().c_str());
    std::exit(1);
  }
  seg::RunOptions options;
  options.now = "2026-11-01T00:00:00Z";
  options.engine = tier.engine;
  seg::Expected<seg::Result> result = program->run(data, options);
  if (!result) {
    std::fprintf(stderr, "%s\n", result.error().message().c_str());
    std::exit(1);
  }
  (void)result->segment("q")->count();
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return {ms, result->engine()};
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: answer_latency_bench SNAPSHOT [RUNS]\n");
    return 2;
  }
  seg::Expected<seg::Dataset> data = seg::Dataset::open(argv[1]);
  if (!data) {
    std::fprintf(stderr, "%s\n", data.error().message().c_str());
    return 1;
  }
  int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::string cacheDir =
      (std::filesystem::temp_directory_path() / "seg-answer-latency-cache").string();
  std::filesystem::remove_all(cacheDir);
  std::printf("%s: %llu contacts; median of %d fresh programs, ms wall (engine that answered)\n",
              argv[1], static_cast<unsigned long long>(data->contactCount()), runs);
  std::printf("%-16s %-70s", "kind", "expression");
  for (const Tier& t : kTiers)
    std::printf(" %12s", t.name);
  std::printf("\n");
  for (const Expression& e : kExpressions) {
    std::printf("%-16s %-70s", e.kind, e.text);
    for (const Tier& t : kTiers) {
      (void)firstAnswer(*data, e, t, cacheDir); // pages mapped; the cached tier's code stored
      std::vector<Answer> answers;
      for (int i = 0; i < runs; ++i)
        answers.push_back(firstAnswer(*data, e, t, cacheDir));
      std::sort(answers.begin(), answers.end(),
                [](const Answer& a, const Answer& b) { return a.ms < b.ms; });
      const Answer& median = answers[answers.size() / 2];
      char shown[64];
      if (t.engine == seg::Engine::Auto)
        std::snprintf(shown, sizeof shown, "%.1f (%s)", median.ms, median.engine.c_str());
      else
        std::snprintf(shown, sizeof shown, "%.1f", median.ms);
      std::printf(" %12s", shown);
    }
    std::printf("\n");
  }
  std::filesystem::remove_all(cacheDir);
  return 0;
}

// The interpreter and the JIT must agree bit for bit: thousands of random well-typed
// segments and hundreds of programs with partitions, scores, ntile and metrics, over
// generated data and over a store of edge cases, at several evaluation times; and each
// engine's results must not depend on the thread count.
#include "DifferentialHarness.h"
#include "FuzzData.h"
#include "FuzzIterations.h"
#include "JitUnderTest.h"
#include "ProgramGenerator.h"
#include "ResultCompare.h"
#include "TestCompile.h"
#include "exec/Interpreter.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <sstream>

namespace seg::fuzz {
namespace {

constexpr std::uint64_t kContacts = 3000;
constexpr std::uint64_t kDataSeed = 20261101;
// More than four batches of runtime::kBatchRows, so five threads all get work.
constexpr std::uint64_t kThreadTestContacts = 4 * 4096 + 1000;

ProgramShape segmentBatch() {
  return ProgramShape{}; // 50 segments referring to each other
}

ProgramShape richProgram() {
  ProgramShape shape;
  shape.segments = 6;
  shape.partitions = 2;
  shape.scores = 2;
  shape.metrics = 3;
  shape.ntile = true;
  return shape;
}

// Generates `count` programs of `shape` and checks each against the reference, cycling
// through `times`; failures are reported as test failures, the summary is printed.
void runPrograms(const char* label, std::uint64_t seed, const ProgramShape& shape, int count,
                 const runtime::Store& store, const std::vector<std::int64_t>& times) {
  auto start = std::chrono::steady_clock::now();
  DifferentialStats stats;
  DifferentialHarness harness(interpreterEngine(), jitEngine(), stats);
  ProgramGenerator generator(seed);
  for (int i = 0; i < count; ++i) {
    GeneratedProgram program = generator.generate(shape);
    for (const std::string& failure : harness.check(program, store, times[i % times.size()]))
      ADD_FAILURE() << failure;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << label << " (" << seconds << " s): " << stats.summary();
  EXPECT_EQ(stats.rejected, 0u);
  // Never skip silently: most of what is generated must really be compared.
  EXPECT_GT(stats.compared, 0u);
}

TEST(Differential, RandomSegmentsOnGeneratedData) {
  runPrograms("segments/generated", 1, segmentBatch(), scaledIterations(40),
              generatedStore(kContacts, kDataSeed), evaluationTimes());
}

// Programs with a cluster: its features by both engines, K-means after them.
TEST(Differential, RandomProgramsWithClustersOnGeneratedData) {
  ProgramShape shape = richProgram();
  shape.clusters = 1;
  runPrograms("clusters/generated", 7, shape, scaledIterations(40),
              generatedStore(kContacts, kDataSeed), evaluationTimes());
}

TEST(Differential, RandomProgramsOnGeneratedData) {
  runPrograms("programs/generated", 2, richProgram(), scaledIterations(150),
              generatedStore(kContacts, kDataSeed), evaluationTimes());
}

TEST(Differential, RandomSegmentsOnEdgeCases) {
  runPrograms("segments/edges", 3, segmentBatch(), scaledIterations(40), edgeStore(),
              {kDataNow, kDataNow - 7 * kDayMicros, kDataNow + 1});
}

TEST(Differential, RandomProgramsOnEdgeCases) {
  runPrograms("programs/edges", 4, richProgram(), scaledIterations(150), edgeStore(),
              {kDataNow, kDataNow - 7 * kDayMicros});
}

// The same program with 1, 2 and 5 threads gives identical columns and metrics, for each
// engine.
TEST(Differential, ThreadCountInvariance) {
  const runtime::Store& store = generatedStore(kThreadTestContacts, kDataSeed + 1);
  ASSERT_GT(store.batchCount(), 4u);
  ProgramGenerator generator(5);
  for (const Engine& engine : {interpreterEngine(), jitEngine()}) {
    for (int p = 0; p < scaledIterations(3); ++p) {
      GeneratedProgram program = generator.generate(p == 0 ? segmentBatch() : richProgram());
      LoweredProgram lowered = lowerText(program.text());
      ASSERT_TRUE(lowered.ok()) << lowered.errors;
      if (auto reason = engine.unsupported(lowered.plan)) {
        // Keep what the engine supports, definition by definition.
        std::vector<std::size_t> kept;
        for (std::size_t i = 0; i < program.definitions.size(); ++i) {
          LoweredProgram one = lowerText(program.textOf(program.closure(i)));
          if (!engine.unsupported(one.plan)) kept.push_back(i);
        }
        std::cout << engine.name << ": " << program.definitions.size() - kept.size()
                  << " definitions unsupported (" << *reason << ")\n";
        lowered = lowerText(program.textOf(kept));
        ASSERT_TRUE(lowered.ok());
      }
      auto one = runPlan(engine, lowered.plan, store, kDataNow, 1);
      ASSERT_TRUE(std::holds_alternative<exec::RunResult>(one)) << std::get<std::string>(one);
      for (unsigned threads : {2u, 5u}) {
        auto many = runPlan(engine, lowered.plan, store, kDataNow, threads);
        ASSERT_TRUE(std::holds_alternative<exec::RunResult>(many)) << std::get<std::string>(many);
        auto difference = firstDifference(lowered.plan, std::get<exec::RunResult>(one),
                                          std::get<exec::RunResult>(many));
        EXPECT_FALSE(difference.has_value())
            << engine.name << " with 1 and " << threads << " threads disagrees on "
            << difference->what << " row " << difference->row << ": " << difference->left << " vs "
            << difference->right << "\n"
            << program.text();
      }
    }
  }
}

// SEG_FUZZ_REPRO=FILE runs one program (after the CRM schema) on both engines over the
// generated data (SEG_FUZZ_EDGES=1: the edge-case store) at SEG_FUZZ_NOW (microseconds;
// default the data's today), to replay a reported failure. Without it, the test replays
// tests/fuzz/repro/coalesce_two_slots.seg, which once hung LLVM's instruction selection.
TEST(Differential, ReproduceFromFile) {
  const char* env = std::getenv("SEG_FUZZ_REPRO");
  const std::string path =
      env != nullptr ? env : seg::test::sourceDir() + "/tests/fuzz/repro/coalesce_two_slots.seg";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const char* nowText = std::getenv("SEG_FUZZ_NOW");
  std::int64_t now = nowText != nullptr ? std::stoll(nowText) : kDataNow;
  const runtime::Store& store =
      std::getenv("SEG_FUZZ_EDGES") != nullptr ? edgeStore() : generatedStore(kContacts, kDataSeed);
  GeneratedProgram program = GeneratedProgram::parse(text.str());
  DifferentialStats stats;
  DifferentialHarness harness(interpreterEngine(), jitEngine(), stats);
  for (const std::string& failure : harness.check(program, store, now))
    ADD_FAILURE() << failure;
  std::cout << stats.summary();
}

// The harness is not vacuous: an engine that gets one segment wrong for one contact is
// caught, cut down to that segment, and reported with the slot, the row and both values.
class FlippingKernel : public exec::StageKernel {
public:
  FlippingKernel(const exec::BoundPlan& bound, std::unique_ptr<exec::StageKernel> inner)
      : bound_(bound), inner_(std::move(inner)) {}
  void run(std::int32_t stage, std::size_t begin, std::size_t end) override {
    inner_->run(stage, begin, end);
    for (std::size_t s = 0; s < bound_.plan->slots.size(); ++s)
      if (bound_.plan->slots[s].name == "wrong" && bound_.plan->slots[s].stage == stage &&
          begin <= 5 && 5 < end) {
        auto& column = const_cast<exec::ContactColumn&>(bound_.slots[s]);
        column.data<std::uint8_t>()[5] ^= 1;
        column.setValid(5, true);
      }
  }
  std::string_view engineName() const override { return "flipping"; }

private:
  const exec::BoundPlan& bound_;
  std::unique_ptr<exec::StageKernel> inner_;
};

TEST(Differential, HarnessReportsADisagreement) {
  Engine flipping = interpreterEngine();
  flipping.name = "flipping";
  flipping.prepare = [](const plan::Plan&) -> std::variant<exec::KernelFactory, std::string> {
    return exec::KernelFactory([](exec::BoundPlan& bound) {
      return std::make_unique<FlippingKernel>(bound, exec::makeInterpreter(bound));
    });
  };
  GeneratedProgram program = GeneratedProgram::parse("segment a = age > 30\n"
                                                     "segment wrong = a and plan == pro\n"
                                                     "segment c = nps >= 9\n");
  DifferentialStats stats;
  DifferentialHarness harness(interpreterEngine(), flipping, stats);
  std::vector<std::string> failures = harness.check(program, edgeStore(), kDataNow);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("disagree on slot wrong, contact row 5 (id 6)"), std::string::npos)
      << failures[0];
  EXPECT_NE(failures[0].find("segment a = age > 30\nsegment wrong ="), std::string::npos)
      << failures[0];
  EXPECT_EQ(failures[0].find("segment c"), std::string::npos) << failures[0];
  EXPECT_EQ(stats.failures, 1u);
}

} // namespace
} // namespace seg::fuzz

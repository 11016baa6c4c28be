// The lowering's string rewrites (lookup tables, rank comparisons, distributed coalesces)
// against their oracle: the interpreter on the plan lowered without them, which computes
// every string operation on text. The JIT runs the rewritten plan too, where it compiles.
#include "DifferentialHarness.h"
#include "FuzzData.h"
#include "FuzzIterations.h"
#include "JitUnderTest.h"
#include "ProgramGenerator.h"

#include <chrono>
#include <gtest/gtest.h>
#include <iostream>

namespace seg::fuzz {
namespace {

// Small: the rewrites work per dictionary entry, and the generated dictionaries are
// complete well before this many contacts.
constexpr std::uint64_t kContacts = 600;
constexpr std::uint64_t kDataSeed = 20261123;

Engine plainInterpreter() {
  Engine engine = interpreterEngine();
  engine.name = "interpreter on text";
  engine.lowering.stringLookups = false;
  return engine;
}

ProgramShape stringProgram() {
  ProgramShape shape;
  shape.segments = 10;
  shape.partitions = 1;
  shape.scores = 1;
  shape.metrics = 1;
  shape.maxDepth = 5;
  shape.strings = true;
  return shape;
}

std::size_t countOps(const plan::Plan& plan, plan::Op op) {
  std::size_t n = 0;
  for (const plan::Node& node : plan.nodes)
    n += node.op == op ? 1 : 0;
  return n;
}

struct RewriteCoverage {
  std::size_t lookups = 0; // StringLut nodes in the rewritten plans
  std::size_t ranks = 0;   // StringRank nodes (comparisons of two leaves)
  std::size_t plainLookups = 0;
};

// `count` programs from `seed`, each checked by the interpreter and (every `jitEvery`-th)
// by the JIT, both on the rewritten plan, against the interpreter on text.
void runStringPrograms(const char* label, std::uint64_t seed, int count, int jitEvery,
                       const runtime::Store& store, const std::vector<std::int64_t>& times) {
  auto start = std::chrono::steady_clock::now();
  DifferentialStats interpreterStats, jitStats;
  DifferentialHarness interpreter(plainInterpreter(), interpreterEngine(), interpreterStats);
  DifferentialHarness jit(plainInterpreter(), jitEngine(), jitStats);
  RewriteCoverage coverage;
  ProgramGenerator generator(seed);
  for (int i = 0; i < count; ++i) {
    GeneratedProgram program = generator.generate(stringProgram());
    const std::int64_t now = times[static_cast<std::size_t>(i) % times.size()];
    auto fail = [&](const std::string& failure) {
      ADD_FAILURE() << label << ": generator seed " << seed << ", program " << i << ", now "
                    << describeTime(now) << ":\n"
                    << failure << "\nwhole program:\n"
                    << program.text();
    };
    for (const std::string& failure : interpreter.check(program, store, now))
      fail(failure);
    if (i % jitEvery == 0)
      for (const std::string& failure : jit.check(program, store, now))
        fail(failure);
    LoweredProgram rewritten = lowerText(program.text());
    LoweredProgram plain = lowerText(program.text(), plainInterpreter().lowering);
    if (rewritten.ok() && plain.ok()) {
      coverage.lookups += countOps(rewritten.plan, plan::Op::StringLut);
      coverage.ranks += countOps(rewritten.plan, plan::Op::StringRank);
      coverage.plainLookups +=
          countOps(plain.plan, plan::Op::StringLut) + countOps(plain.plan, plan::Op::StringRank);
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << label << " (" << seconds << " s): " << coverage.lookups << " lookups, "
            << coverage.ranks
            << " ranks\n  rewritten on the interpreter: " << interpreterStats.summary()
            << "  rewritten on the JIT: " << jitStats.summary();
  EXPECT_EQ(interpreterStats.rejected, 0u);
  // Not vacuous: the rewrites happened on one side and not on the other.
  EXPECT_GT(coverage.lookups, 0u);
  EXPECT_GT(coverage.ranks, 0u);
  EXPECT_EQ(coverage.plainLookups, 0u);
  EXPECT_GT(interpreterStats.compared, 0u);
  EXPECT_GT(jitStats.compared, 0u);
}

TEST(StringRewrite, MatchesTextOnGeneratedData) {
  runStringPrograms("strings/generated", 11, scaledIterations(120), 3,
                    generatedStore(kContacts, kDataSeed), evaluationTimes());
}

// Empty and non-ASCII texts, contacts without events (null string aggregates).
TEST(StringRewrite, MatchesTextOnEdgeCases) {
  runStringPrograms("strings/edges", 12, scaledIterations(120), 3, edgeStore(),
                    {kDataNow, kDataNow - 7 * kDayMicros});
}

} // namespace
} // namespace seg::fuzz

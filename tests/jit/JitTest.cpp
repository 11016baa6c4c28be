// The JIT against the reference interpreter: every slot column (values and validity, byte
// for byte) of the CRM examples on generated data and of targeted programs on a store full
// of edge cases; plus the code cache, clear errors for unsupported or mismatched plans,
// and many programs compiled in one process.
#include "../exec/ExecTestSupport.h"
#include "JitTestSupport.h"
#include "StoreFixture.h"
#include "TestCompile.h"
#include "exec/ColumnValues.h"
#include "exec/Interpreter.h"
#include "jit/EngineChoice.h"
#include "jit/JitEngine.h"
#include "jit/SupportedPlan.h"
#include "plan/Lowering.h"
#include "sampledata/CrmGenerator.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <limits>
#include <thread>

namespace seg::test {
namespace {

// ------------------------------------------------------------------ edge-case data

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// A deterministic store over the test schema (tests/exec) whose fields cycle through
// nulls, zeros, signed zeros, NaN, extremes and ordinary values, and whose events sit on
// window edges, share timestamps, lie in the future and carry null properties. 389 rows:
// not a multiple of a chunk, so the last partial chunk is exercised too.
runtime::Store edgeStore() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  const std::vector<Cell> ints = {
      Null{}, 0, 1, -1, 2, 3, 7, -7, 10, 25, 45, 100, 1000, kMax, kMin, std::int64_t{-3}, 99, 64};
  const std::vector<Cell> floats = {Null{}, 0.0,    -0.0,         1.5,  -2.5,   2.5,    0.5,
                                    1e300,  -1e300, std::nan(""), 3.25, 1000.0, -0.125, 2.0};
  const std::vector<Cell> texts = {Null{}, "Paris",          "paris",    "PARIS",   "New York", "",
                                   "é",    "black-friday-1", "/pricing", "/docs/a", "x"};
  const std::vector<Cell> bools = {Null{}, true, false};
  const std::vector<Cell> enums = {Null{}, "red", "green", "blue"};
  const std::vector<Cell> times = {Null{},
                                   kNow,
                                   kNow - 1,
                                   kNow + 1,
                                   kNow - kDay,
                                   kNow - 30 * kDay,
                                   kNow - 30 * kDay - 1,
                                   std::int64_t{0},
                                   std::int64_t{-1},
                                   std::int64_t{-86'400'000'001},
                                   kNow - 400 * kDay + 5 * kHour,
                                   kNow + 3 * kDay + 13 * kHour,
                                   std::int64_t{1767225600000000}};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  auto pick = [&](const std::vector<Cell>& from) { return from[next() % from.size()]; };
  const std::vector<std::int64_t> ages = {
      0,         1,          kDay,  7 * kDay, 7 * kDay + 1, 14 * kDay, 30 * kDay, 30 * kDay - 1,
      90 * kDay, 400 * kDay, -kDay, -1};
  for (int row = 0; row < 389; ++row) {
    std::size_t c = b.contact({{"id", row},
                               {"n", pick(ints)},
                               {"m", pick(ints)},
                               {"x", pick(floats)},
                               {"y", pick(floats)},
                               {"s", pick(texts)},
                               {"t", pick(texts)},
                               {"b", pick(bools)},
                               {"c", pick(bools)},
                               {"e", pick(enums)},
                               {"ts", pick(times)},
                               {"g", row % 3 == 0 ? "alpha" : "gamma"}});
    const int events = static_cast<int>(next() % 9);
    std::int64_t previous = kNow;
    for (int k = 0; k < events; ++k) {
      // Some events share the previous one's time, exactly.
      std::int64_t at = next() % 4 == 0 ? previous : kNow - ages[next() % ages.size()] - k * kHour;
      previous = at;
      b.event("ev", c, at, {{"v", pick(ints)}, {"f", pick(floats)}, {"w", pick(texts)}});
    }
    for (int k = static_cast<int>(next() % 4); k > 0; --k)
      b.event("click", c, kNow - ages[next() % ages.size()] + k * kHour);
  }
  return b.finish();
}

class JitEdgeTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { store_ = std::make_unique<runtime::Store>(edgeStore()); }
  static void TearDownTestSuite() { store_.reset(); }

  static void expectSame(const std::string& program) {
    auto lowered = lower(testSchema() + "\n" + program);
    ASSERT_TRUE(lowered);
    for (unsigned threads : {1u, 3u})
      EXPECT_EQ(compareEngines(lowered->plan, *store_, kNow, threads), "") << program;
  }

  static inline std::unique_ptr<runtime::Store> store_;
};

TEST_F(JitEdgeTest, ThreeValuedLogicAndComparisons) {
  expectSame(R"(
segment l1 = b and c
segment l2 = b or c
segment l3 = not b
segment l4 = b is null
segment l5 = n > 3 and x < 2.5 or c
segment l6 = n between 2 and 100
segment l7 = not (n between 2 and 100)
segment l8 = e == red or e != blue
segment l9 = e in [red, green]
segment l10 = n in [1, 2, 3]
segment l11 = x in [1.5, 2.5, 0]
segment l12 = coalesce(n, m, 0) > 1
segment l13 = l1 or not l2
segment l14 = b == c
segment l15 = b != true
segment l16 = n < x
segment l17 = x == y or x != y
segment l18 = x <= y and not (x >= y)
segment l19 = n is not null and ts is null
metric l20 = count(coalesce(b, c))
metric l21 = count(b and (n > 1 or x > 1.0))
)");
}

TEST_F(JitEdgeTest, ArithmeticWrapsAndDivisionByZeroIsNull) {
  expectSame(R"(
metric a1 = sum(n + m)
metric a2 = sum(n - m)
metric a3 = sum(n * m)
metric a4 = sum(n / m)
metric a5 = sum(n % m)
metric a6 = sum(-n)
metric a7 = sum(x * 2 + y)
metric a8 = sum(x / y)
metric a9 = sum(n + x)
metric a10 = sum(abs(n))
metric a11 = sum(abs(x))
metric a12 = sum(round(x))
metric a13 = sum(round(x, 1))
metric a14 = sum(round(n, -1))
metric a15 = sum(round(x, -2))
metric a16 = sum(coalesce(x, n, 1))
metric a17 = sum(x - -0.0)
segment a18 = n / m > 0.5
)");
}

TEST_F(JitEdgeTest, CalendarFunctionsFloorAndUseUtc) {
  expectSame(R"(
metric t1 = sum(days_since(ts))
metric t2 = sum(hours_since(ts))
metric t3 = sum(year(ts))
metric t4 = sum(month(ts))
metric t5 = sum(day_of_week(ts))
metric t6 = sum(hour(ts))
segment t7 = ts > now - 30d
segment t8 = ts < @2026-01-01
segment t9 = ts + 1d >= now and ts - now < 2h
)");
}

TEST_F(JitEdgeTest, PartitionsAndScores) {
  expectSame(R"(
partition p1 {
  small = n < 10
  big = n >= 100
}
partition p2 {
  neg = x < 0
  pos = x > 0
  zero = else
}
segment p3 = p1 == big or p2.zero
score s1 {
  5 if n > 3
  -2.5 if x < 0
  1.25 if b
  range 0 4
}
score s2 {
  2 per ev
  -3 per click max 7
  1.5 per ev where v > 0 within 30d max 4
}
segment s3 = s1 >= 1.25 and s2 < 3
)");
}

TEST_F(JitEdgeTest, StringLookupsCompareCodesOrReadTables) {
  expectSame(R"(
segment s1 = s == "Paris"
segment s2 = s != "Paris"
segment s3 = s in ["Paris", "New York", "absent"]
segment s4 = s == "absent constant"
segment s5 = lower(s) == "paris"
segment s6 = starts_with(s, "black")
segment s7 = length(s) > 3
segment s8 = s is null
segment s9 = contains(g, "a") and ends_with(s, "s")
segment s10 = not (s == "Paris") or s is null
segment s11 = upper(t) in ["PARIS", "X"]
segment s12 = s == "" or t == "é"
metric s13 = sum(length(s))
metric s14 = count(s not in ["x", "Paris"])
)");
}

TEST_F(JitEdgeTest, EventAggregatesOverWindowsAndNulls) {
  expectSame(R"(
metric g1 = sum(count(ev))
metric g2 = sum(count(ev within 7d))
metric g3 = sum(sum(ev.v))
metric g4 = sum(sum(ev.f within 30d))
metric g5 = sum(avg(ev.v))
metric g6 = sum(avg(ev.f within 14d))
metric g7 = sum(min(ev.v))
metric g8 = sum(max(ev.f))
metric g9 = sum(first(ev.v))
metric g10 = sum(last(ev.f within 30d))
metric g11 = sum(days(ev))
metric g12 = sum(days(ev within 30d))
metric g13 = sum(count(click within 1d))
metric g14 = sum(min(ev.v within 90d))
metric g15 = sum(days_since(max(ev.at)))
metric g16 = sum(days_since(last(ev.at)))
metric g17 = sum(days_since(first(ev.at within 7d)))
segment g18 = exists(ev within 7d)
segment g19 = exists(click)
segment g20 = first(ev.f) > 0.0 or last(ev.v) < 0
)");
}

TEST_F(JitEdgeTest, FiltersReadEventsContactsAndStrings) {
  expectSame(R"(
metric f1 = sum(count(ev where v > 3 within 14d))
metric f2 = sum(sum(ev.f where w == "Paris"))
metric f3 = sum(count(ev where v > n))
metric f4 = sum(avg(ev.v where f > x or w is null))
metric f5 = sum(days(ev where starts_with(w, "/docs") within 400d))
metric f6 = sum(count(ev where at > now - 2d and at <= now))
metric f7 = sum(count(ev where lower(w) == "paris" or length(w) > 3))
segment f8 = exists(ev where w in ["x", "Paris"] and b)
segment f9 = exists(ev where e == green and v is not null)
)");
}

TEST_F(JitEdgeTest, DistinctCountsLikeTheInterpreter) {
  // Floats include NaN, 0.0 and -0.0; strings count by text (codes are unique).
  expectSame(R"(
metric d1 = sum(distinct(ev.v))
metric d2 = sum(distinct(ev.f))
metric d3 = sum(distinct(ev.w))
metric d4 = sum(distinct(ev.v where v > 0 within 30d))
metric d5 = sum(distinct(ev.at))
metric d6 = sum(distinct(ev.f within 90d) + count(ev within 90d))
segment d7 = distinct(ev.w) >= 2 and count(ev) > 1
)");
}

TEST_F(JitEdgeTest, SequencesOfTwoTypesAndOfOneType) {
  expectSame(R"(
segment q1 = exists(ev then click within 1d)
segment q2 = exists(ev where v > 0 then ev where f > 0 within 2d)
segment q3 = exists(ev then ev)
segment q4 = exists(click then ev within 7d)
segment q5 = exists(ev where w == "x" then click)
segment q6 = exists(click then click within 1h)
)");
}

TEST_F(JitEdgeTest, DecayedScoresWithFutureEvents) {
  expectSame(R"(
score d1 {
  decay half_life 7d
  2 per ev
  3 per click
  1 per ev where v > 0 within 30d max 5
}
score d2 {
  decay half_life 1d
  1 per ev where f > 0
  1 per ev where f > 0
}
)");
}

TEST_F(JitEdgeTest, RanksAndSlotsOfEarlierStagesFeedLaterOnes) {
  expectSame(R"(
segment big = n > 10
segment r1 = ntile(4, n) == 1
segment r2 = ntile(3, x) >= 2 and exists(ev where v > 1)
segment r3 = exists(ev where big)
segment r4 = count(ev where r1) > 0 or ntile(2, count(ev)) == 2
metric r5 = sum(ntile(10, x))
)");
}

// ------------------------------------------------------------------ the CRM example

class JitCrmTest : public ::testing::Test {
protected:
  // 5 003 generated contacts (two batches, the last ending in a partial chunk), loaded once.
  static void SetUpTestSuite() { loadGeneratedCrm(5003, 5, store_); }
  static void TearDownTestSuite() { store_.reset(); }

  static std::unique_ptr<Lowered> lowerCrm(const std::vector<std::string>& files) {
    auto out = std::make_unique<Lowered>();
    std::vector<CompileInput> inputs;
    for (const std::string& f : files)
      inputs.push_back({crmFile(f), "", false});
    out->compilation = compile(inputs);
    if (!out->compilation.ok()) {
      ADD_FAILURE() << renderAll(out->compilation);
      return nullptr;
    }
    out->plan = plan::lowerProgram(*out->compilation.program);
    return out;
  }

  static inline std::unique_ptr<runtime::Store> store_;
};

TEST_F(JitCrmTest, EngineStartsForThisHost) {
  EXPECT_FALSE(engine().unavailable().has_value()) << *engine().unavailable();
  EXPECT_NE(engine().host(), "unavailable");
}

TEST_F(JitCrmTest, SegmentsMatchTheInterpreter) {
  auto crm = lowerCrm({"segments.seg"});
  ASSERT_TRUE(crm);
  EXPECT_EQ(compareEngines(crm->plan, *store_, runtime::kDefaultGenNowMicros, 2), "");
}

TEST_F(JitCrmTest, WholeExampleMatchesTheInterpreterForAnyThreadCount) {
  auto crm = lowerCrm({"segments.seg", "scores.seg", "metrics.seg"});
  ASSERT_TRUE(crm);
  for (unsigned threads : {1u, 2u, 5u})
    EXPECT_EQ(compareEngines(crm->plan, *store_, runtime::kDefaultGenNowMicros, threads), "");
  // Another `now` moves every window: same code, other bound constants.
  EXPECT_EQ(compareEngines(crm->plan, *store_, runtime::kDefaultGenNowMicros - 45 * kDay, 2), "");
}

TEST_F(JitCrmTest, CompiledCodeReportsItsIrAndTimings) {
  auto crm = lowerCrm({"segments.seg", "scores.seg", "metrics.seg"});
  ASSERT_TRUE(crm);
  jit::CompileResult compiled = engine().compile(crm->plan);
  ASSERT_TRUE(compiled) << compiled.error();
  const jit::CompiledProgram& program = *compiled.program();
  EXPECT_NE(program.optimizedIr().find("_stage0"), std::string::npos);
  EXPECT_NE(program.optimizedIr().find("_stage1"), std::string::npos);
  EXPECT_EQ(program.stages().size(), static_cast<std::size_t>(crm->plan.stageCount));
  if (!compiled.fromCache()) {
    EXPECT_GT(program.timings().totalMs, 0.0);
    std::cout << fmt::format("[ crm jit ] total {:.1f} ms: IR {:.1f}, optimize {:.1f}, machine "
                             "code {:.1f}\n",
                             program.timings().totalMs, program.timings().generateMs,
                             program.timings().optimizeMs, program.timings().machineCodeMs);
  }
}

// ------------------------------------------------------------------ the engine

TEST(JitEngine, TheSamePlanCompilesOnceAndIsShared) {
  auto first = lower(testSchema() + "\nsegment cached = n > 41 and b");
  auto again = lower(testSchema() + "\nsegment cached = n > 41 and b");
  ASSERT_TRUE(first && again);
  jit::CompileResult a = engine().compile(first->plan);
  ASSERT_TRUE(a) << a.error();
  // The same program lowered again: the same fingerprint, the very same code.
  jit::CompileResult b = engine().compile(again->plan);
  ASSERT_TRUE(b) << b.error();
  EXPECT_TRUE(b.fromCache());
  EXPECT_EQ(a.program().get(), b.program().get());
  // A different program is different code.
  auto other = lower(testSchema() + "\nsegment cached = n > 42 and b");
  ASSERT_TRUE(other);
  jit::CompileResult c = engine().compile(other->plan);
  ASSERT_TRUE(c) << c.error();
  EXPECT_FALSE(c.fromCache());
  EXPECT_NE(a.program().get(), c.program().get());
}

TEST(JitEngine, TheSameCodeRunsOverAnyStore) {
  // Codes of string constants are bound per store: the same compiled program must find
  // "Paris" under whatever code each store's dictionary gives it.
  auto lowered =
      lower(testSchema() + "\nsegment paris = s == \"Paris\" or t in [\"x\", \"Paris\"]");
  ASSERT_TRUE(lowered);
  StoreBuilder first(storeSchemaOfText(testSchema()));
  for (const char* city : {"Paris", "Rome", "x"})
    first.contact({{"s", city}, {"t", city}});
  StoreBuilder second(storeSchemaOfText(testSchema()));
  for (const char* city : {"Oslo", "x", "Lima", "Paris", "Paris"})
    second.contact({{"s", city}});
  runtime::Store a = first.finish(), b = second.finish();
  EXPECT_EQ(compareEngines(lowered->plan, a, kNow, 1), "");
  EXPECT_EQ(compareEngines(lowered->plan, b, kNow, 1), "");
  EXPECT_TRUE(engine().compile(lowered->plan).fromCache());
}

TEST(JitEngine, UnsupportedPlansAreClearErrors) {
  auto twoFunctions = lower(testSchema() + "\nsegment inside = contains(s, t)");
  ASSERT_TRUE(twoFunctions);
  jit::CompileResult r = engine().compile(twoFunctions->plan);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error().find("'contains'"), std::string::npos) << r.error();
  EXPECT_EQ(jit::unsupportedReason(twoFunctions->plan), r.error());

  // Two string columns in one string function (comparing two columns is supported).
  auto twoColumns = lower(testSchema() + "\nsegment same = starts_with(coalesce(s, t), g)");
  ASSERT_TRUE(twoColumns);
  r = engine().compile(twoColumns->plan);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error().find("string"), std::string::npos) << r.error();

  // A string-valued aggregate and a column in one string function.
  auto stringAggregate = lower(testSchema() + "\nsegment lastw = contains(last(ev.w), s)");
  ASSERT_TRUE(stringAggregate);
  r = engine().compile(stringAggregate->plan);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error().find("string"), std::string::npos) << r.error();
}

TEST(JitEngine, MalformedPlansFailWithoutCrashing) {
  plan::Plan broken;
  plan::Node field;
  field.op = plan::Op::Slot;
  field.type = plan::ValueType::Bool;
  field.index = 7; // no such slot
  broken.nodes.push_back(field);
  plan::Slot slot;
  slot.name = "bad";
  slot.expr = 0;
  broken.slots.push_back(slot);
  broken.fingerprint = 1;
  jit::CompileResult r = engine().compile(broken);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error().find("slot 7"), std::string::npos) << r.error();

  plan::Plan dangling;
  slot.expr = 99; // no such node
  dangling.slots.push_back(slot);
  dangling.fingerprint = 2;
  r = engine().compile(dangling);
  EXPECT_FALSE(r);
  EXPECT_NE(r.error().find("%99"), std::string::npos) << r.error();
}

// The store where `g`, never null in the schema the code was compiled for, has a null.
runtime::Store storeWithNullG() {
  std::string nullable = testSchema();
  nullable.replace(nullable.find("g: string"), 9, "g: string?");
  StoreBuilder b(storeSchemaOfText(nullable));
  b.contact({{"g", "gamma"}});
  b.contact({});
  return b.finish();
}

TEST(JitEngine, DataThatDoesNotFitTheCodeIsABindError) {
  // Compiled for a schema where `g` (a string) can never be null; bound to a store where
  // that column has nulls: refused when the kernel is made, not misread later.
  auto lowered = lower(testSchema() + "\nsegment gamma = g == \"gamma\"");
  ASSERT_TRUE(lowered);
  jit::CompileResult compiled = engine().compile(lowered->plan);
  ASSERT_TRUE(compiled) << compiled.error();
  runtime::Store store = storeWithNullG();
  auto bound = exec::bindPlan(lowered->plan, store, kNow).value();
  auto kernel = compiled.program()->makeKernel(*bound);
  ASSERT_FALSE(kernel);
  EXPECT_NE(kernel.error().find("'g' has nulls"), std::string::npos) << kernel.error();
}

TEST(JitEngine, ARunFallsBackToTheInterpreterAndItsResultSaysWhy) {
  // As above, through a run's kernel factory: the interpreter answers, and the run's
  // result names it and the reason, with nothing shared outside the run.
  auto lowered = lower(testSchema() + "\nsegment gamma = g == \"gamma\"");
  ASSERT_TRUE(lowered);
  jit::CompileResult compiled = engine().compile(lowered->plan);
  ASSERT_TRUE(compiled) << compiled.error();
  runtime::Store store = storeWithNullG();
  const jit::CompiledEngine fits{compiled.program(), ""};
  exec::RunResult run =
      exec::execute(lowered->plan, store, {kNow, 1}, jit::kernelFactory(fits)).value();
  EXPECT_EQ(run.engine, "interp");
  EXPECT_EQ(run.fallback.find("the JIT's code does not fit this data ("), 0u) << run.fallback;
  EXPECT_NE(run.fallback.find("'g' has nulls"), std::string::npos) << run.fallback;
  EXPECT_NE(run.fallback.find("; running with the interpreter"), std::string::npos) << run.fallback;
  std::size_t gamma = 0;
  while (lowered->plan.slots.at(gamma).name != "gamma")
    ++gamma;
  EXPECT_TRUE(exec::readContactColumn(run.bound->slots[gamma], 0).isTrue());
  EXPECT_FALSE(exec::readContactColumn(run.bound->slots[gamma], 1).isTrue());

  StoreBuilder fitting(storeSchemaOfText(testSchema()));
  fitting.contact({{"g", "gamma"}});
  runtime::Store fittingStore = fitting.finish();
  exec::RunResult jitRun =
      exec::execute(lowered->plan, fittingStore, {kNow, 1}, jit::kernelFactory(fits)).value();
  EXPECT_EQ(jitRun.engine, "jit");
  EXPECT_EQ(jitRun.fallback, "");
}

TEST(JitEngine, ManyProgramsCompileInOneProcess) {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  for (int i = 0; i < 100; ++i)
    b.contact({{"n", i}, {"x", i * 0.5}, {"s", i % 2 ? "odd" : "even"}});
  runtime::Store store = b.finish();
  const std::size_t before = engine().cachedPrograms();
  for (int i = 0; i < 40; ++i) {
    std::string program = fmt::format(
        "segment p{0} = n > {0} and s == \"{1}\"\nscore q{0} {{\n  {0} if x < {2}\n}}\n", i,
        i % 3 ? "odd" : "even", i * 0.75);
    auto lowered = lower(testSchema() + "\n" + program);
    ASSERT_TRUE(lowered);
    ASSERT_EQ(compareEngines(lowered->plan, store, kNow, 2), "") << program;
  }
  EXPECT_EQ(engine().cachedPrograms(), before + 40);
}

TEST(JitEngine, CompilesFromManyThreadsAtOnce) {
  // Four threads, two programs: every compile succeeds and each program is built once.
  std::vector<std::unique_ptr<Lowered>> programs;
  for (int i = 0; i < 2; ++i) {
    programs.push_back(lower(testSchema() + fmt::format("\nsegment threaded = n > {} or "
                                                        "exists(ev where v > {})",
                                                        1000 + i, i)));
    ASSERT_TRUE(programs.back());
  }
  std::vector<std::shared_ptr<const jit::CompiledProgram>> results(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      jit::CompileResult r = engine().compile(programs[t % 2]->plan);
      if (r) results[t] = r.program();
    });
  for (std::thread& thread : threads)
    thread.join();
  for (int t = 0; t < 8; ++t) {
    ASSERT_TRUE(results[t]) << t;
    EXPECT_EQ(results[t].get(), results[t % 2].get());
  }
  EXPECT_NE(results[0].get(), results[1].get());
}

TEST(JitEngine, AStoreWithoutContactsRuns) {
  auto lowered = lower(testSchema() + "\nsegment any = exists(ev) or n > 1");
  ASSERT_TRUE(lowered);
  runtime::Store empty = StoreBuilder(storeSchemaOfText(testSchema())).finish();
  EXPECT_EQ(compareEngines(lowered->plan, empty, kNow, 2), "");
}

} // namespace
} // namespace seg::test

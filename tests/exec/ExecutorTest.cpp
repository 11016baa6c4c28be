// The executor on generated CRM data: results identical whatever the thread count, the
// example programs run, ranks match a brute-force count, stages feed ranks to segments.
#include "ExecTestSupport.h"
#include "StoreFixture.h"
#include "TestCompile.h"
#include "exec/ColumnValues.h"
#include "exec/Interpreter.h"
#include "exec/ThreadPool.h"
#include "plan/Lowering.h"
#include "sampledata/CrmGenerator.h"

#include <atomic>
#include <cstring>
#include <gtest/gtest.h>
#include <stdexcept>

namespace seg::test {
namespace {

class ExecutorTest : public ::testing::Test {
protected:
  // 5 000 generated contacts (two batches), loaded once for the whole suite.
  static void SetUpTestSuite() { loadGeneratedCrm(5000, 11, store_); }
  static void TearDownTestSuite() { store_.reset(); }

  // The CRM example program (segments, scores, metrics), compiled once per test.
  void SetUp() override {
    ASSERT_TRUE(store_);
    compilation_ = compile({{crmFile("segments.seg"), "", false},
                            {crmFile("scores.seg"), "", false},
                            {crmFile("metrics.seg"), "", false}});
    ASSERT_TRUE(compilation_.ok()) << renderAll(compilation_);
    plan_ = plan::lowerProgram(*compilation_.program);
  }

  exec::RunResult runWith(unsigned threads) {
    exec::RunOptions options;
    options.now = runtime::kDefaultGenNowMicros;
    options.threads = threads;
    return exec::execute(plan_, *store_, options, exec::makeInterpreter).value();
  }

  static inline std::unique_ptr<runtime::Store> store_;
  Compilation compilation_;
  plan::Plan plan_;
};

void expectSameColumns(const std::vector<exec::ContactColumn>& a,
                       const std::vector<exec::ContactColumn>& b, const char* what) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].values, b[i].values) << what << " " << i;
    EXPECT_EQ(a[i].validity, b[i].validity) << what << " " << i;
  }
}

void expectSameMetrics(const std::vector<exec::MetricResult>& a,
                       const std::vector<exec::MetricResult>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t m = 0; m < a.size(); ++m) {
    EXPECT_EQ(a[m].name, b[m].name);
    EXPECT_EQ(a[m].groupBy, b[m].groupBy);
    ASSERT_EQ(a[m].rows.size(), b[m].rows.size()) << a[m].name;
    for (std::size_t r = 0; r < a[m].rows.size(); ++r) {
      const exec::MetricRow &x = a[m].rows[r], &y = b[m].rows[r];
      EXPECT_EQ(x.groupKey, y.groupKey);
      ASSERT_EQ(x.value.has_value(), y.value.has_value()) << a[m].name;
      if (x.value) {
        EXPECT_EQ(std::memcmp(&*x.value, &*y.value, sizeof(double)), 0) << a[m].name;
      }
      EXPECT_EQ(x.integral, y.integral);
      EXPECT_EQ(x.contacts, y.contacts);
    }
  }
}

TEST_F(ExecutorTest, ResultsAreIdenticalForAnyThreadCount) {
  exec::RunResult base = runWith(1);
  for (unsigned threads : {2u, 3u, 8u}) {
    SCOPED_TRACE(threads);
    exec::RunResult other = runWith(threads);
    expectSameColumns(base.bound->slots, other.bound->slots, "slot");
    expectSameColumns(base.bound->ranks, other.bound->ranks, "rank");
    expectSameMetrics(base.metrics, other.metrics);
  }
}

// Small batches on many threads: neighbouring batches share cache lines, never bitmap
// words, and the columns come out the same as from one thread.
TEST_F(ExecutorTest, SmallBatchesOnManyThreadsMatchOneThread) {
  auto sequential = exec::bindPlan(plan_, *store_, runtime::kDefaultGenNowMicros).value();
  auto parallel = exec::bindPlan(plan_, *store_, runtime::kDefaultGenNowMicros).value();
  auto one = exec::makeInterpreter(*sequential);
  auto many = exec::makeInterpreter(*parallel);
  const std::size_t rows = store_->contacts.rows;
  exec::ThreadPool pool(8);
  for (std::int32_t stage = 0; stage < plan_.stageCount; ++stage) {
    one->run(stage, 0, rows);
    pool.forEach((rows + 63) / 64, [&](std::size_t batch) {
      many->run(stage, batch * 64, std::min(rows, batch * 64 + 64));
    });
    exec::computeRanks(*sequential, stage + 1);
    exec::computeRanks(*parallel, stage + 1);
  }
  expectSameColumns(sequential->slots, parallel->slots, "slot");
  expectSameColumns(sequential->ranks, parallel->ranks, "rank");
}

TEST_F(ExecutorTest, TheCrmExampleRuns) {
  exec::RunResult result = runWith(0);
  EXPECT_EQ(result.timings.stageMs.size(), static_cast<std::size_t>(plan_.stageCount));
  const std::size_t rows = store_->contacts.rows;
  bool someoneIsAMember = false;
  for (std::size_t s = 0; s < plan_.slots.size(); ++s) {
    const plan::Slot& slot = plan_.slots[s];
    if (slot.kind != plan::SlotKind::Segment && slot.kind != plan::SlotKind::Score) continue;
    // Segments are membership and scores are never null: every row holds a value.
    for (std::size_t row = 0; row < rows; ++row) {
      ASSERT_TRUE(result.bound->slots[s].isValid(row)) << slot.name << " row " << row;
      if (slot.kind == plan::SlotKind::Segment)
        someoneIsAMember |= exec::readContactColumn(result.bound->slots[s], row).isTrue();
    }
  }
  EXPECT_TRUE(someoneIsAMember);
  ASSERT_EQ(result.metrics.size(), plan_.metrics.size());
  for (const exec::MetricResult& metric : result.metrics) {
    ASSERT_FALSE(metric.rows.empty()) << metric.name;
    std::uint64_t contacts = 0;
    for (const exec::MetricRow& row : metric.rows)
      contacts += row.contacts;
    EXPECT_LE(contacts, rows) << metric.name;
  }
}

TEST_F(ExecutorTest, StdlibModulesRun) {
  Compilation compilation = compileText(crmSchema() + R"(
import "std/metrics.seg"
import "std/lifecycle.seg"
import "std/scores.seg"
)");
  ASSERT_TRUE(compilation.ok()) << renderAll(compilation);
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  exec::RunOptions options;
  options.now = runtime::kDefaultGenNowMicros;
  exec::RunResult result = exec::execute(plan, *store_, options, exec::makeInterpreter).value();
  EXPECT_EQ(result.metrics.size(), plan.metrics.size());
}

// ntile in stage 1 over a sum from stage 0, feeding a segment and a metric; every rank
// checked against a brute-force count of the contacts with a smaller value.
TEST_F(ExecutorTest, RanksFeedTheNextStage) {
  Compilation compilation = compileText(crmSchema() + R"(
segment top_spenders = ntile(5, sum(purchase.amount)) >= 4
segment top_and_recent = top_spenders and exists(purchase within 90d)
metric top_share = percent(top_spenders)
)");
  ASSERT_TRUE(compilation.ok()) << renderAll(compilation);
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  ASSERT_EQ(plan.stageCount, 2);
  exec::RunOptions options;
  options.now = runtime::kDefaultGenNowMicros;
  options.threads = 2;
  exec::RunResult result = exec::execute(plan, *store_, options, exec::makeInterpreter).value();
  const exec::BoundPlan& bound = *result.bound;
  ASSERT_EQ(plan.ranks.size(), 1u);
  const exec::ContactColumn& input = bound.slots[plan.ranks[0].inputSlot];
  const std::size_t rows = store_->contacts.rows;
  std::vector<double> x(rows);
  for (std::size_t row = 0; row < rows; ++row)
    x[row] = exec::readContactColumn(input, row).f;
  std::int32_t top = -1;
  for (std::size_t s = 0; s < plan.slots.size(); ++s)
    if (plan.slots[s].name == "top_spenders") top = static_cast<std::int32_t>(s);
  ASSERT_GE(top, 0);
  std::size_t members = 0;
  for (std::size_t row = 0; row < rows; row += 7) { // a sample keeps it O(N²/7)
    std::size_t smaller = 0;
    for (double other : x)
      smaller += other < x[row];
    std::int64_t expected =
        std::min<std::int64_t>(5, 1 + static_cast<std::int64_t>(5 * smaller / rows));
    ASSERT_EQ(exec::readContactColumn(bound.ranks[0], row).i, expected) << "row " << row;
    bool member = exec::readContactColumn(bound.slots[top], row).isTrue();
    EXPECT_EQ(member, expected >= 4) << "row " << row;
    members += member;
  }
  EXPECT_GT(members, 0u);
  ASSERT_EQ(result.metrics.size(), 1u);
  EXPECT_TRUE(result.metrics[0].rows.at(0).value.has_value());
}

TEST_F(ExecutorTest, AStoreOfAnotherSchemaIsRejectedWhenBinding) {
  Compilation compilation = compileText(testSchema() + "segment over = n > 1 and x > 0.5");
  ASSERT_TRUE(compilation.ok()) << renderAll(compilation);
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  base::Expected<std::shared_ptr<exec::BoundPlan>> bound = exec::bindPlan(plan, *store_, 0);
  ASSERT_FALSE(bound);
  EXPECT_NE(bound.error().find("which the store does not have"), std::string::npos)
      << bound.error();
}

TEST(Executor, ZeroContactsGiveEmptyColumnsAndOneMetricRow) {
  runtime::Store store = StoreBuilder(storeSchemaOfText(testSchema())).finish();
  auto r = run(R"(
segment low = n > 1 and ntile(3, x) == 1
metric c = count()
metric a = avg(x) for low
)",
               std::move(store), kNow, 4);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->result.metrics.size(), 2u);
  ASSERT_EQ(r->result.metrics[0].rows.size(), 1u);
  EXPECT_EQ(r->result.metrics[0].rows[0].value, 0.0);
  EXPECT_EQ(r->result.metrics[1].rows[0].value, std::nullopt);
  EXPECT_EQ(r->result.metrics[1].rows[0].contacts, 0u);
}

TEST(ThreadPool, RunsEveryIndexOnceAndRethrowsTheFirstError) {
  exec::ThreadPool pool(4);
  EXPECT_EQ(pool.size(), 4u);
  std::vector<std::atomic<int>> hits(1000);
  for (int round = 0; round < 20; ++round)
    pool.forEach(hits.size(), [&](std::size_t i) { ++hits[i]; });
  for (const auto& h : hits)
    EXPECT_EQ(h.load(), 20);
  EXPECT_THROW(pool.forEach(100,
                            [](std::size_t i) {
                              if (i == 42) throw std::runtime_error("boom");
                            }),
               std::runtime_error);
  // Still usable afterwards.
  std::atomic<int> count{0};
  pool.forEach(10, [&](std::size_t) { ++count; });
  EXPECT_EQ(count.load(), 10);
}

} // namespace
} // namespace seg::test

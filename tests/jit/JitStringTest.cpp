// The JIT on string values beyond one column: string-valued aggregates and comparisons of
// two string expressions compile natively (no fallback), give the hand-checked members of
// StringCases.h, and match the interpreter byte for byte, also on a varied store; what
// stays unsupported says why.
#include "../exec/ExecTestSupport.h"
#include "../exec/StringCases.h"
#include "JitTestSupport.h"
#include "TestCompile.h"
#include "exec/ColumnValues.h"
#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "jit/SupportedPlan.h"
#include "plan/Lowering.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace seg::test {
namespace {

// Runs `plan` on both engines after checking that the JIT compiles it natively; returns the
// JIT's run (null on failure, reported).
std::unique_ptr<exec::RunResult> runJitChecked(const plan::Plan& plan, const runtime::Store& store,
                                               unsigned threads) {
  std::optional<std::string> reason = jit::unsupportedReason(plan);
  EXPECT_FALSE(reason.has_value()) << *reason;
  jit::CompileResult compiled = engine().compile(plan);
  if (!compiled) {
    ADD_FAILURE() << "compile failed: " << compiled.error();
    return nullptr;
  }
  exec::RunOptions options;
  options.now = kNow;
  options.threads = threads;
  exec::RunResult expected = exec::execute(plan, store, options, exec::makeInterpreter).value();
  auto program = compiled.program();
  auto actual = std::make_unique<exec::RunResult>(
      exec::execute(plan, store, options, [&](exec::BoundPlan& bound) {
        return program->makeKernel(bound);
      }).value());
  EXPECT_EQ(firstDifference(plan, *expected.bound, *actual->bound, store.contacts.rows), "");
  return actual;
}

std::set<std::size_t> members(const plan::Plan& plan, const exec::RunResult& run,
                              const std::string& name) {
  std::set<std::size_t> out;
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    if (plan.slots[s].name != name) continue;
    const exec::ContactColumn& column = run.bound->slots[s];
    for (std::size_t row = 0; row < run.bound->store->contacts.rows; ++row)
      if (exec::readContactColumn(column, row).isTrue()) out.insert(row);
  }
  return out;
}

void expectCases(const std::vector<strings::Case>& cases) {
  auto lowered = lower(strings::program(cases));
  ASSERT_TRUE(lowered);
  const runtime::Store store = strings::store();
  for (unsigned threads : {1u, 3u}) {
    auto run = runJitChecked(lowered->plan, store, threads);
    ASSERT_TRUE(run);
    for (const strings::Case& c : cases)
      EXPECT_EQ(members(lowered->plan, *run, c.name), c.members) << c.name << " = " << c.condition;
  }
}

TEST(JitStrings, StringValuedAggregatesCompileAndMatchHandCheckedMembers) {
  expectCases(strings::aggregateCases());
}

TEST(JitStrings, TwoStringExpressionsCompileAndMatchHandCheckedMembers) {
  expectCases(strings::comparisonCases());
}

TEST(JitStrings, CoalescesOfSeveralLeavesCompileAndMatchHandCheckedMembers) {
  expectCases(strings::coalesceCases());
}

TEST(JitStrings, ConstantStringExpressionsCompileAndMatchHandCheckedMembers) {
  expectCases(strings::constantCases());
}

TEST(JitStrings, ContactsWithoutAnyEventsGetNulls) {
  StoreBuilder b(storeSchemaOfText(strings::schema()));
  for (int id = 0; id < 11; ++id)
    b.contact({{"id", id}, {"city", id % 2 ? Cell{"/a"} : Cell{Null{}}}, {"billing_city", "/a"}});
  auto lowered = lower(strings::schema() + R"(
segment last_a = last(page_view.url) == "/a"
segment max_null = max(page_view.url) is null
segment city_is_first = city == first(page_view.url)
segment city_is_billing = city == billing_city
)");
  ASSERT_TRUE(lowered);
  const runtime::Store store = b.finish(); // the runs point into it
  auto run = runJitChecked(lowered->plan, store, 1);
  ASSERT_TRUE(run);
  EXPECT_EQ(members(lowered->plan, *run, "last_a"), std::set<std::size_t>{});
  EXPECT_EQ(members(lowered->plan, *run, "max_null").size(), 11u);
  EXPECT_EQ(members(lowered->plan, *run, "city_is_first"), std::set<std::size_t>{});
  EXPECT_EQ(members(lowered->plan, *run, "city_is_billing"),
            (std::set<std::size_t>{1, 3, 5, 7, 9}));
}

// A deterministic store over the test schema (tests/exec) whose strings overlap between
// s, t, g and the events' w only in part, with nulls, "", case variants, non-ASCII texts
// and equal event times. 397 rows: the last chunk is partial.
runtime::Store variedStore() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  const std::vector<Cell> texts = {Null{}, "Paris",  "paris", "PARIS", "",      "é",    "e",
                                   "Zug",  "Zürich", "/docs", "/a",    "alpha", "gamma"};
  const std::vector<Cell> onlyT = {Null{}, "Paris", "Berlin", "zzz", "", "É", "/b", "alpha"};
  std::uint64_t state = 99;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  auto pick = [&](const std::vector<Cell>& from) { return from[next() % from.size()]; };
  for (int row = 0; row < 397; ++row) {
    std::size_t c = b.contact({{"id", row},
                               {"s", pick(texts)},
                               {"t", pick(onlyT)},
                               {"g", row % 3 == 0 ? "alpha" : "gamma"},
                               {"n", static_cast<int>(next() % 5)}});
    const int events = static_cast<int>(next() % 6);
    std::int64_t previous = kNow - kDay;
    for (int k = 0; k < events; ++k) {
      std::int64_t at =
          next() % 3 == 0 ? previous : kNow - static_cast<std::int64_t>(next() % 40) * kDay;
      previous = at;
      b.event("ev", c, at, {{"v", static_cast<int>(next() % 3) - 1}, {"w", pick(texts)}});
    }
  }
  return b.finish();
}

TEST(JitStrings, VariedStoreMatchesTheInterpreter) {
  auto lowered = lower(testSchema() + R"(
segment r1 = s == t
segment r2 = s < t
segment r3 = lower(s) >= upper(t)
segment r4 = last(ev.w) == s
segment r5 = min(ev.w) < max(ev.w within 7d)
segment r6 = first(ev.w where v > 0) in [t, "Paris"]
segment r7 = lower(last(ev.w)) == "paris"
segment r8 = exists(ev where w == s)
segment r9 = exists(ev where lower(w) > t within 30d)
segment r10 = max(ev.w) is null or min(ev.w) != last(ev.w)
segment r11 = g == s or g > last(ev.w)
segment r12 = max(ev.w where w != "Paris") between "/" and "Z"
segment r13 = length(min(ev.w within 30d)) > 1 and first(ev.w) is not null
segment r14 = coalesce(s, t) == "Paris" or coalesce(t, last(ev.w), "x") > s
segment r15 = upper(coalesce(s, t, g)) in ["PARIS", "ALPHA"] and coalesce(s, t) is not null
segment r16 = exists(ev where coalesce(w, s) < t)
metric m1 = count(s != t)
score sc {
  1 if s == t
  2 if last(ev.w) > g
}
partition p {
  same = s == t
  less = s < t
  other = else
}
)");
  ASSERT_TRUE(lowered);
  const runtime::Store store = variedStore();
  for (unsigned threads : {1u, 3u})
    EXPECT_TRUE(runJitChecked(lowered->plan, store, threads));
}

TEST(JitStrings, WhatStaysUnsupportedSaysWhyAndStillRunsOnTheInterpreter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"segment a = contains(s, t)", "'contains'"},
      {"segment a = ends_with(last(ev.w), s)", "'ends_with'"},
      {"segment a = starts_with(coalesce(s, t), g)", "'starts_with'"},
  };
  const runtime::Store store = variedStore();
  for (const auto& [program, why] : cases) {
    auto lowered = lower(testSchema() + "\n" + program);
    ASSERT_TRUE(lowered);
    std::optional<std::string> reason = jit::unsupportedReason(lowered->plan);
    ASSERT_TRUE(reason.has_value()) << program;
    EXPECT_NE(reason->find(why), std::string::npos) << *reason;
    jit::CompileResult compiled = engine().compile(lowered->plan);
    EXPECT_FALSE(compiled);
    exec::RunOptions options;
    options.now = kNow;
    options.threads = 1;
    base::Expected<exec::RunResult> ran =
        exec::execute(lowered->plan, store, options, exec::makeInterpreter);
    EXPECT_TRUE(ran) << ran.error();
  }
}

} // namespace
} // namespace seg::test

// The reference interpreter on string values beyond one column: string-valued aggregates
// (as StringLut leaves) and comparisons of two string expressions (through StringRank),
// against members worked out by hand (StringCases.h); plus how the plan spells them.
#include "ExecTestSupport.h"
#include "StringCases.h"
#include "TestCompile.h"
#include "exec/Evaluator.h"
#include "plan/Lowering.h"
#include "plan/PlanPrinter.h"

#include <gtest/gtest.h>

namespace seg::test {
namespace {

using Set = std::set<std::size_t>;

void expectCases(const std::vector<strings::Case>& cases, unsigned threads,
                 const plan::LoweringOptions& lowering = {}) {
  auto r = run(strings::program(cases), strings::store(), kNow, threads, lowering);
  ASSERT_TRUE(r);
  if (!lowering.stringLookups) {
    for (const plan::Node& n : r->plan.nodes) {
      ASSERT_NE(n.op, plan::Op::StringLut) << "a lookup in a plan lowered without them";
    }
  }
  for (const strings::Case& c : cases)
    EXPECT_EQ(r->members(c.name), c.members) << c.name << " = " << c.condition;
}

TEST(StringValues, StringValuedAggregatesMatchHandCheckedMembers) {
  expectCases(strings::aggregateCases(), 1);
}

TEST(StringValues, TwoStringExpressionsCompareByText) {
  expectCases(strings::comparisonCases(), 1);
}

TEST(StringValues, CoalescesOfSeveralLeavesKeepTheirMeaning) {
  expectCases(strings::coalesceCases(), 1);
}

TEST(StringValues, ConstantStringExpressionsAreOneEntryLookups) {
  expectCases(strings::constantCases(), 1);
}

TEST(StringValues, ResultsDoNotDependOnTheThreadCount) {
  expectCases(strings::aggregateCases(), 3);
  expectCases(strings::comparisonCases(), 3);
  expectCases(strings::coalesceCases(), 3);
}

// The oracle of the randomized rewrite test (tests/fuzz/StringRewriteTest.cpp): without
// lookups and ranks the interpreter computes on text, and must give the same members.
TEST(StringValues, HandCheckedMembersHoldOnTextWithoutRewrites) {
  const plan::LoweringOptions text{.stringLookups = false};
  expectCases(strings::aggregateCases(), 1, text);
  expectCases(strings::comparisonCases(), 1, text);
  expectCases(strings::coalesceCases(), 1, text);
  expectCases(strings::constantCases(), 1, text);
}

TEST(StringValues, ContactsWithoutAnyEventsGetNulls) {
  StoreBuilder b(storeSchemaOfText(strings::schema()));
  b.contact({{"id", 0}, {"city", "/a"}, {"billing_city", "/a"}});
  b.contact({{"id", 1}});
  auto r = run(strings::schema() + R"(
segment last_a = last(page_view.url) == "/a"
segment last_null = last(page_view.url) is null
segment max_null = max(page_view.url) is null
segment city_is_first = city == first(page_view.url)
segment city_is_first_unknown = (city == first(page_view.url)) is null
)",
               b.finish());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->members("last_a"), Set{});
  EXPECT_EQ(r->members("last_null"), (Set{0, 1}));
  EXPECT_EQ(r->members("max_null"), (Set{0, 1}));
  EXPECT_EQ(r->members("city_is_first"), Set{});
  EXPECT_EQ(r->members("city_is_first_unknown"), (Set{0, 1}));
}

TEST(StringValues, ComparisonsOfTwoLeavesBecomeRanksInLookups) {
  Compilation compilation = compileText(strings::schema() + R"(
segment same = city == billing_city
segment before = lower(city) < last(page_view.url)
segment one_column = lower(city) == city
)");
  ASSERT_TRUE(compilation.ok()) << renderAll(compilation);
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  std::size_t rankLuts = 0, aggregateLuts = 0;
  for (const plan::Node& n : plan.nodes) {
    // Only ever inside a lookup body.
    if (n.op == plan::Op::StringRank) {
      EXPECT_EQ(n.scope, plan::Scope::Lut);
      EXPECT_EQ(n.type, plan::ValueType::Int);
    }
    if (n.op == plan::Op::StringLut) {
      if (plan.nodes[n.body].op == plan::Op::StringRank) ++rankLuts;
      if (plan.nodes[n.operands[0]].op == plan::Op::Aggregate) ++aggregateLuts;
    }
    // No string value is left outside a lookup but the leaves lookups read.
    const bool leaf = n.op == plan::Op::ContactField || n.op == plan::Op::EventField ||
                      n.op == plan::Op::Aggregate || n.op == plan::Op::Const;
    if (n.scope != plan::Scope::Lut && !leaf) {
      EXPECT_NE(n.type, plan::ValueType::String)
          << plan::opName(n.op) << " is a string outside a lookup:\n"
          << plan::printPlan(plan);
    }
  }
  // Ranks of city, billing_city, lower(city) and the aggregate; a column compared with
  // itself (one_column) is one lookup and needs none.
  EXPECT_EQ(rankLuts, 4u) << plan::printPlan(plan);
  EXPECT_EQ(aggregateLuts, 1u);
  EXPECT_NE(plan::printPlan(plan).find("string_rank"), std::string::npos);
}

TEST(StringValues, PlansThatDifferOnlyInTheComparisonHaveDifferentFingerprints) {
  auto fingerprint = [](const std::string& condition) {
    Compilation compilation = compileText(strings::schema() + "segment a = " + condition + "\n");
    EXPECT_TRUE(compilation.ok()) << renderAll(compilation);
    return plan::lowerProgram(*compilation.program).fingerprint;
  };
  EXPECT_NE(fingerprint("city < billing_city"), fingerprint("city <= billing_city"));
  EXPECT_NE(fingerprint("city == billing_city"), fingerprint("lower(city) == billing_city"));
  EXPECT_NE(fingerprint("last(page_view.url) == \"/a\""),
            fingerprint("first(page_view.url) == \"/a\""));
}

TEST(StringValues, CollationRanksOrderAndEqualLikeTexts) {
  const std::vector<std::string> collation = {"", "/a", "B", "a", "é"};
  EXPECT_EQ(exec::collationRank(collation, ""), 1);
  EXPECT_EQ(exec::collationRank(collation, "/a"), 3);
  EXPECT_EQ(exec::collationRank(collation, "é"), 9);
  // Absent texts fall between their neighbours, never on them.
  EXPECT_EQ(exec::collationRank(collation, "/"), 2);
  EXPECT_EQ(exec::collationRank(collation, "b"), 8);
  EXPECT_EQ(exec::collationRank(collation, "\xff"), 10);
  EXPECT_EQ(exec::collationRank({}, "x"), 0);
}

} // namespace
} // namespace seg::test

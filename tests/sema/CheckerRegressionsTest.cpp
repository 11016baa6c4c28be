// Checker tests: programs that once checked wrongly. For every rule, a program the checker accepts
// and one it rejects, with the exact first line of the diagnostic (CheckerSupport.h compiles each
// snippet as "test.seg" beside the CRM schema, so line numbers are the snippet's own).
#include "CheckerSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace seg {
namespace {

namespace fs = std::filesystem;
using namespace checker_test;
using test::crmSchema;
using test::TempDir;

// ------------------------------------------------------------------ review regressions

TEST(CheckerRegressions, PersonalDataInsideExpressionsIsStillPersonal) {
  Compilation compilation =
      test::compileText("schema {\n contact { id: int key  phone: int pii  birth: timestamp pii }\n"
                        " event call { number: int pii }\n}\n"
                        "metric b = max(phone + 0)\n"
                        "metric c = min(abs(phone))\n"
                        "metric g = min(birth + 0s)\n"
                        "metric e = max(last(call.number))\n");
  EXPECT_EQ(test::messages(compilation),
            (std::vector<std::string>{
                "test.seg:5:16: error: max() of personal data would reveal it in the metric",
                "test.seg:6:16: error: min() of personal data would reveal it in the metric",
                "test.seg:7:16: error: min() of personal data would reveal it in the metric",
                "test.seg:8:16: error: max() of personal data would reveal it in the metric"}));
}

TEST(CheckerRegressions, DefinitionsCannotTakeAnEventName) {
  EXPECT_EQ(diagnostics("segment purchase = true"),
            "test.seg:1:9: error: segment 'purchase' has the name of an event");
}

TEST(CheckerRegressions, EnumValueOnTheLeftOfAComparison) {
  EXPECT_TRUE(accepts("segment a = pro == plan"));
  EXPECT_TRUE(accepts("segment a = coalesce(plan, pro) == pro"));
}

TEST(CheckerRegressions, ValueOfAnotherEnumNamesTheComparedEnum) {
  EXPECT_EQ(diagnostics("segment a = plan == mobile"),
            "test.seg:1:21: error: 'mobile' is not a value of enum 'plan'");
}

TEST(CheckerRegressions, QuotedExactEnumValueGetsTheUnquotedHint) {
  EXPECT_TRUE(hasHint("segment a = plan == \"pro\"", "write the value without quotes: pro"));
}

TEST(CheckerRegressions, MemberOfAFieldOrSegment) {
  EXPECT_EQ(diagnostics("segment a = age.x > 1"), "test.seg:1:13: error: 'age' has no members");
}

TEST(CheckerRegressions, EventPropertyQualifiedInsideItsOwnWhere) {
  EXPECT_TRUE(accepts("segment a = exists(purchase where purchase.amount > 3)"));
  EXPECT_EQ(diagnostics("segment a = exists(purchase where purchase.amt > 3)"),
            "test.seg:1:44: error: event 'purchase' has no property 'amt'");
}

TEST(CheckerRegressions, SumOfAContactFieldInASegment) {
  EXPECT_EQ(diagnostics("segment s = sum(lifetime_value) > 3"),
            "test.seg:1:13: error: sum() over contacts can only be used in a metric");
}

TEST(CheckerRegressions, CoalesceArity) {
  EXPECT_EQ(diagnostics("segment s = coalesce(nps) > 3"),
            "test.seg:1:13: error: coalesce() takes at least 2 arguments, given 1");
}

TEST(CheckerRegressions, BoolsInBetweenAndIn) {
  EXPECT_EQ(diagnostics("segment s = email_opt_in between true and false"),
            "test.seg:1:13: error: 'between' needs an ordered value (number, string, timestamp "
            "or duration), but this is bool");
  EXPECT_TRUE(accepts("segment s = email_opt_in in [true]"));
}

TEST(CheckerRegressions, NestedPopulationAggregates) {
  EXPECT_EQ(diagnostics("metric m = sum(percent(email_opt_in))"),
            "test.seg:1:16: error: percent() cannot be nested inside another aggregate over "
            "contacts");
}

TEST(CheckerRegressions, GroupingByTheKeyOrTwiceIsRejected) {
  EXPECT_EQ(diagnostics("metric m = count() by id"),
            "test.seg:1:23: error: grouping by the key 'id' makes one group per contact");
  EXPECT_EQ(diagnostics("metric m = count() by plan, plan"),
            "test.seg:1:29: error: 'plan' is listed twice after 'by'");
  EXPECT_TRUE(accepts("metric m = count() by company_size"));
}

TEST(CheckerRegressions, OneErrorPerKeyMistake) {
  EXPECT_EQ(test::messages(test::compileText("schema { contact { id: int key key } }")),
            std::vector<std::string>{"test.seg:1:32: error: this modifier is repeated"});
  EXPECT_EQ(test::messages(test::compileText("schema { contact { id: int? key } }")).size(), 1u);
}

TEST(CheckerRegressions, CountComparisonsWithOneOutcome) {
  EXPECT_EQ(diagnostics("segment a = 0 > count(purchase)"),
            "test.seg:1:13: warning: this comparison is always false: count() is never negative");
  EXPECT_EQ(diagnostics("segment a = count(purchase) >= 0"),
            "test.seg:1:13: warning: this comparison is always true: count() is never negative");
  EXPECT_TRUE(accepts("segment a = count(purchase) >= 1"));
}

TEST(CheckerRegressions, SchemaWithoutContactBlock) {
  EXPECT_EQ(test::messages(test::compileText("schema { event visit { } }")),
            std::vector<std::string>{"test.seg:1:1: error: the schema has no 'contact' block"});
}

TEST(CheckerRegressions, NtileBucketsAreBounded) {
  EXPECT_EQ(diagnostics("segment a = ntile(9223372036854775807, age) > 1"),
            "test.seg:1:19: error: the number of buckets must be an integer literal from 1 to "
            "10000");
}

TEST(CheckerRegressions, NoSuggestionOfTheDefinitionItself) {
  EXPECT_FALSE(hasHint("segment s = x", "did you mean 's'?"));
}

TEST(CheckerRegressions, CommonTypeNamesFromOtherLanguages) {
  Compilation compilation = test::compileText("schema { contact { id: integer key } }");
  ASSERT_FALSE(compilation.diagnostics.all().empty());
  EXPECT_EQ(compilation.diagnostics.all().front().hints,
            std::vector<std::string>{"did you mean 'int'?"});
}

TEST(CheckerRegressions, RoundToNegativeDigits) {
  EXPECT_TRUE(accepts("segment s = round(lifetime_value, -2) >= 100"));
  EXPECT_EQ(diagnostics("segment s = round(lifetime_value, age) >= 100"),
            "test.seg:1:35: error: the number of digits must be an integer literal");
}

} // namespace
} // namespace seg

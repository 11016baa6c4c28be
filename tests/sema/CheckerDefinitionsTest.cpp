// Checker tests: partitions, scores and metrics. For every rule, a program the checker accepts and
// one it rejects, with the exact first line of the diagnostic (CheckerSupport.h compiles each
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

// ------------------------------------------------------------------------------ metrics

TEST(CheckerMetrics, PopulationAggregates) {
  EXPECT_TRUE(accepts("metric a = count()\n"
                      "metric b = count(email_opt_in)\n"
                      "metric c = percent(nps >= 9) - percent(nps <= 6)\n"
                      "metric d = sum(lifetime_value) + avg(age) + median(age)\n"
                      "metric e = min(signup_at)\n"
                      "metric f = max(last_seen_at)\n"
                      "metric g = quantile(lifetime_value, 0.9) + quantile(age, 0) + "
                      "quantile(age, 1)\n"
                      "metric h = ratio(count(email_click within 30d), count(email_open within "
                      "30d))\n"));
}

TEST(CheckerMetrics, PopulationAggregatesOnlyInMetrics) {
  const std::string text = "segment s = percent(age > 3) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:13: error: percent() aggregates over all contacts "
                               "and can only be used in a metric");
  EXPECT_EQ(hints(text), std::vector<std::string>{"define it as: metric name = percent(…)"});
  EXPECT_EQ(diagnostics("segment s = median(age) > 1"),
            "test.seg:1:13: error: median() aggregates over all contacts and can only be used in "
            "a metric");
}

TEST(CheckerMetrics, BareFieldInAMetricIsRejected) {
  const std::string text = "metric m = lifetime_value";
  EXPECT_EQ(diagnostics(text), "test.seg:1:12: error: field 'lifetime_value' is a value of each "
                               "contact; a metric must aggregate it");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{
                "aggregate it over contacts, e.g. avg(lifetime_value) or percent(lifetime_value)"});
}

TEST(CheckerMetrics, BareSegmentOrScoreInAMetricIsRejected) {
  EXPECT_EQ(diagnostics("segment vip = email_opt_in\nmetric m = vip"),
            "test.seg:2:12: error: segment 'vip' is a value of each contact; a metric must "
            "aggregate it");
  EXPECT_EQ(diagnostics("score sc { 1 if email_opt_in }\nmetric m = sc + count()"),
            "test.seg:2:12: error: score 'sc' is a value of each contact; a metric must "
            "aggregate it");
  EXPECT_TRUE(accepts("score sc { 1 if email_opt_in }\nmetric m = avg(sc)"));
}

TEST(CheckerMetrics, MetricValueMustBeANumber) {
  EXPECT_EQ(diagnostics("metric m = percent(nps >= 9) > 3"),
            "test.seg:1:12: error: a metric must be a number, but this is bool?");
  EXPECT_EQ(diagnostics("metric m = max(city)"),
            "test.seg:1:12: error: a metric must be a number, but this is string?");
  EXPECT_TRUE(accepts("metric m = count() * 2 + 1.5"));
}

TEST(CheckerMetrics, PopulationResultTypes) {
  Compilation compilation = check("metric a = count()\nmetric b = percent(email_opt_in)\n"
                                  "metric c = sum(age)\nmetric d = max(last_seen_at)\n");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  std::vector<std::string> types;
  for (const MetricDecl* metric : compilation.program->metrics)
    types.push_back(typeName(metric->value->type));
  EXPECT_EQ(types, (std::vector<std::string>{"int", "float?", "int", "timestamp?"}));
}

TEST(CheckerMetrics, PercentAndCountNeedAConditon) {
  EXPECT_EQ(diagnostics("metric m = percent(age)"),
            "test.seg:1:20: error: percent() needs a condition (bool), but this is int?");
  EXPECT_EQ(diagnostics("metric m = count(age)"),
            "test.seg:1:18: error: count() needs a condition (bool), but this is int?");
}

TEST(CheckerMetrics, NumericAggregatesNeedNumbers) {
  EXPECT_EQ(diagnostics("metric m = avg(city)"),
            "test.seg:1:16: error: avg() needs a number, but this is string");
  EXPECT_EQ(diagnostics("metric m = sum(email_opt_in)"),
            "test.seg:1:16: error: sum() needs a number, but this is bool");
  EXPECT_EQ(diagnostics("metric m = median(city)"),
            "test.seg:1:19: error: median() needs a number, but this is string");
}

TEST(CheckerMetrics, MinAndMaxNeedOrderedValues) {
  EXPECT_EQ(diagnostics("metric m = min(email_opt_in)"),
            "test.seg:1:16: error: min() needs an ordered value (number, string, timestamp), but "
            "this is bool");
}

TEST(CheckerMetrics, QuantileNeedsALiteralBetweenZeroAndOne) {
  const std::string text = "metric m = quantile(lifetime_value, 1.5)";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:37: error: the quantile must be a number literal between 0 and 1");
  EXPECT_EQ(diagnostics("metric m = quantile(lifetime_value, age)"),
            "test.seg:1:37: error: the quantile must be a number literal between 0 and 1");
  EXPECT_EQ(diagnostics("metric m = quantile(lifetime_value, -0.5)"),
            "test.seg:1:37: error: the quantile must be a number literal between 0 and 1");
}

TEST(CheckerMetrics, QuantileAndRatioTakeTwoArguments) {
  EXPECT_EQ(diagnostics("metric m = quantile(lifetime_value)"),
            "test.seg:1:12: error: quantile() takes 2 arguments, given 1");
  EXPECT_EQ(diagnostics("metric m = ratio(lifetime_value)"),
            "test.seg:1:12: error: ratio() takes 2 arguments, given 1");
  EXPECT_EQ(diagnostics("metric m = ratio(age, age, age)"),
            "test.seg:1:12: error: ratio() takes 2 arguments, given 3");
  EXPECT_EQ(diagnostics("metric m = percent(email_opt_in, email_opt_in)"),
            "test.seg:1:12: error: percent() takes 1 argument, given 2");
  EXPECT_EQ(diagnostics("metric m = median(age, age)"),
            "test.seg:1:12: error: median() takes 1 argument, given 2");
  EXPECT_EQ(diagnostics("metric m = avg()"),
            "test.seg:1:12: error: avg() takes 1 argument, given 0");
}

TEST(CheckerMetrics, RatioNeedsNumbers) {
  EXPECT_EQ(diagnostics("metric m = ratio(lifetime_value, email_opt_in)"),
            "test.seg:1:34: error: ratio() needs a number, but this is bool");
}

TEST(CheckerMetrics, ClausesAreRejectedInPopulationAggregates) {
  EXPECT_EQ(diagnostics("metric m = percent(age > 3 where email_opt_in)"),
            "test.seg:1:34: error: 'where' cannot be used in percent()");
}

TEST(CheckerMetrics, PiiFieldInMinOrMaxIsRejected) {
  const std::string text = "metric m = min(email)";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:16: error: min() of personal data would reveal it in the metric");
  EXPECT_EQ(diagnostics("metric m = max(email)"),
            "test.seg:1:16: error: max() of personal data would reveal it in the metric");
  EXPECT_TRUE(accepts("metric m = percent(ends_with(email, \"@gmail.com\"))"));
}

TEST(CheckerMetrics, PiiFieldInAnyPopulationAggregateIsRejected) {
  Compilation compilation = test::compileText("schema { contact { id: int key  phone: int pii } }\n"
                                              "metric a = sum(phone)\n"
                                              "metric b = quantile(phone, 0.5)\n"
                                              "metric c = percent(phone > 0)\n");
  EXPECT_EQ(
      test::messages(compilation),
      (std::vector<std::string>{
          "test.seg:2:16: error: sum() of personal data would reveal it in the metric",
          "test.seg:3:21: error: quantile() of personal data would reveal it in the metric"}));
}

TEST(CheckerMetrics, ByEnumBoolStringFieldsAndPartitions) {
  EXPECT_TRUE(accepts(std::string(kLifecycle) +
                      "metric m = count() by plan, email_opt_in, country, lifecycle"));
}

TEST(CheckerMetrics, ByPiiFieldIsRejected) {
  const std::string text = "metric m = count() by email";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:23: error: grouping by personal field 'email' would reveal it in the "
            "metric");
  EXPECT_EQ(hints(text), std::vector<std::string>{"group by a non-personal field or a partition"});
}

TEST(CheckerMetrics, ByFloatOrTimestampIsRejected) {
  EXPECT_EQ(diagnostics("metric m = count() by lifetime_value"),
            "test.seg:1:23: error: cannot group by 'lifetime_value': float values make one group "
            "per value");
  EXPECT_EQ(diagnostics("metric m = count() by signup_at"),
            "test.seg:1:23: error: cannot group by 'signup_at': timestamp values make one group "
            "per value");
}

TEST(CheckerMetrics, ByUnknownNameSuggestsTheClosest) {
  const std::string text = "metric m = count() by plann";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:23: error: cannot group by 'plann': not a contact field or partition");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'plan'?"});
}

TEST(CheckerMetrics, BySegmentIsRejected) {
  EXPECT_EQ(diagnostics("segment vip = email_opt_in\nmetric m = count() by vip"),
            "test.seg:2:23: error: cannot group by 'vip': not a contact field or partition");
}

TEST(CheckerMetrics, ForTakesAnyCondition) {
  EXPECT_TRUE(accepts("segment vip = email_opt_in\n"
                      "metric a = avg(lifetime_value) for vip\n"
                      "metric b = count() for age > 30 and plan == pro by gender"));
}

TEST(CheckerMetrics, ForMustBeACondition) {
  EXPECT_EQ(diagnostics("metric m = count() for age"),
            "test.seg:1:24: error: 'for' must be a condition (bool), but this is int?");
}

TEST(CheckerMetrics, MetricsHaveTheirOwnNamespace) {
  EXPECT_TRUE(accepts("metric nps = count()\nmetric plan = count()"));
}

TEST(CheckerMetrics, MetricsCannotBeReferenced) {
  const std::string text = "metric a = count()\nsegment s = a > 3";
  EXPECT_EQ(diagnostics(text), "test.seg:2:13: error: metric 'a' cannot be used in an expression");
  EXPECT_EQ(diagnostics("metric a = count()\nmetric b = a"),
            "test.seg:2:12: error: metric 'a' cannot be used in an expression");
}

TEST(CheckerMetrics, MetricDefinedTwice) {
  Compilation compilation = check("metric a = count()\nmetric a = percent(email_opt_in)");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:2:8: error: 'a' is defined twice"});
  ASSERT_EQ(compilation.diagnostics.all()[0].notes.size(), 1u);
  EXPECT_EQ(compilation.diagnostics.all()[0].notes[0].range.begin, (SourcePos{1, 8}));
}

// ------------------------------------------------------------------------------ partitions

TEST(CheckerPartitions, BranchesAreValuesSegmentsAndQualifiedSegments) {
  EXPECT_TRUE(accepts(std::string(kLifecycle) +
                      "segment a = lifecycle == at_risk and plan == pro\n"
                      "segment b = lifecycle.churned and lifetime_value >= 500\n"
                      "segment c = lifecycle in [churned, at_risk] and email_opt_in\n"
                      "segment d = active or dormant\n"
                      "metric m = percent(lifecycle.churned) + count(churned) by lifecycle"));
}

TEST(CheckerPartitions, BareBranchNameResolvesToTheBranch) {
  Compilation compilation = check(std::string(kLifecycle) + "segment s = at_risk");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const auto& name = findSegment(compilation, "s")->condition->as<NameExpr>();
  EXPECT_EQ(name.ref, NameKind::PartitionBranch);
  EXPECT_EQ(name.enumValue, 1u);
  EXPECT_EQ(typeName(name.type), "bool");
}

TEST(CheckerPartitions, BranchAfterElse) {
  const std::string text = "partition p { a = age > 3  b = else  c = age > 5 }";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:38: error: this branch comes after 'else' and can never match");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{"'else' catches every contact left; make it the last branch"});
}

TEST(CheckerPartitions, DuplicateBranchNames) {
  EXPECT_EQ(diagnostics("partition p { a = age > 3  a = age > 5 }"),
            "test.seg:1:28: error: partition 'p' has two branches named 'a'");
}

TEST(CheckerPartitions, NoBranches) {
  EXPECT_EQ(diagnostics("partition p { }"), "test.seg:1:11: error: partition 'p' has no branches");
}

TEST(CheckerPartitions, BranchMustBeACondition) {
  EXPECT_EQ(diagnostics("partition p { a = age }"),
            "test.seg:1:19: error: branch 'a' must be a condition (bool), but this is int?");
}

TEST(CheckerPartitions, UnknownBranchValue) {
  const std::string text = std::string(kLifecycle) + "segment s = lifecycle == chruned";
  EXPECT_EQ(diagnostics(text),
            "test.seg:7:26: error: 'chruned' is not a value of enum 'lifecycle'");
  EXPECT_EQ(hints(text), (std::vector<std::string>{
                             "did you mean 'churned'?",
                             "valid values of 'lifecycle': churned, at_risk, active, dormant"}));
}

TEST(CheckerPartitions, UnknownQualifiedBranch) {
  const std::string text = std::string(kLifecycle) + "segment s = lifecycle.chruned";
  EXPECT_EQ(diagnostics(text),
            "test.seg:7:23: error: partition 'lifecycle' has no branch 'chruned'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'churned'?"});
}

TEST(CheckerPartitions, AmbiguousBareBranchName) {
  const std::string text = "partition p { hot = age > 3  cold = else }\n"
                           "partition q { hot = nps > 3  warm = else }\n"
                           "segment s = hot";
  EXPECT_EQ(diagnostics(text), "test.seg:3:13: error: 'hot' is a branch of several partitions");
  EXPECT_EQ(hints(text), std::vector<std::string>{"say which one: 'p.hot' or 'q.hot'"});
  EXPECT_TRUE(accepts("partition p { hot = age > 3  cold = else }\n"
                      "partition q { hot = nps > 3  warm = else }\n"
                      "segment s = p.hot and q.hot and p == hot"));
}

TEST(CheckerPartitions, ADefinitionTakesPrecedenceOverABareBranchName) {
  Compilation compilation = check("segment active = email_opt_in\n"
                                  "partition p { active = age > 3  other = else }\n"
                                  "segment s = active and p.active");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const auto& both = findSegment(compilation, "s")->condition->as<BinaryExpr>();
  EXPECT_EQ(both.lhs->as<NameExpr>().ref, NameKind::Segment);
  EXPECT_EQ(both.rhs->as<MemberExpr>().ref, NameKind::PartitionBranch);
}

TEST(CheckerPartitions, BranchSegmentInAMetricMustBeAggregated) {
  EXPECT_EQ(diagnostics(std::string(kLifecycle) + "metric m = lifecycle.churned"),
            "test.seg:7:12: error: segment 'lifecycle.churned' is a value of each contact; a "
            "metric must aggregate it");
  EXPECT_EQ(diagnostics(std::string(kLifecycle) + "metric m = churned"),
            "test.seg:7:12: error: segment 'churned' is a value of each contact; a metric must "
            "aggregate it");
}

// ------------------------------------------------------------------------------ scores

TEST(CheckerScores, EveryKindOfRule) {
  Compilation compilation = check("score lead_score {\n"
                                  "  5  per email_open  within 30d  max 30\n"
                                  "  20 if exists(page_view where url == \"/pricing\" within 14d)\n"
                                  "  -10 if last_seen_at < now - 60d\n"
                                  "  range 0 100\n"
                                  "}\n"
                                  "score engagement {\n"
                                  "  decay half_life 14d\n"
                                  "  3 per page_view\n"
                                  "  2.5 per page_view where url == \"/pricing\" and plan == pro\n"
                                  "}\n"
                                  "segment hot = lead_score >= 40 and engagement > 1.5\n"
                                  "metric m = avg(lead_score) by plan\n");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const ScoreDecl* engagement = nullptr;
  for (const Decl* decl : compilation.program->evaluationOrder)
    if (decl->kind == DeclKind::Score && decl->as<ScoreDecl>().name.text == "engagement")
      engagement = &decl->as<ScoreDecl>();
  ASSERT_NE(engagement, nullptr);
  EXPECT_EQ(engagement->halfLifeMicros, std::optional<std::int64_t>(14 * 86'400'000'000LL));
  EXPECT_EQ(engagement->items[1].eventIndex, *compilation.program->schema.eventIndex("page_view"));
}

TEST(CheckerScores, UnknownEvent) {
  const std::string text = "score s { 5 per purchases }";
  EXPECT_EQ(diagnostics(text), "test.seg:1:17: error: unknown event 'purchases'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'purchase'?"});
}

TEST(CheckerScores, PerRuleWhereSeesTheEventsProperties) {
  EXPECT_EQ(diagnostics("score s { 5 per page_view where amount > 3 }"),
            "test.seg:1:33: error: unknown name 'amount'");
  EXPECT_EQ(diagnostics("score s { 5 per purchase where amount }"),
            "test.seg:1:32: error: 'where' must be a condition (bool), but this is float");
  EXPECT_EQ(diagnostics("score s { 5 per purchase where count(page_view) > 1 }"),
            "test.seg:1:32: error: count() cannot be used inside 'where'");
}

TEST(CheckerScores, PerRuleWithin) {
  EXPECT_EQ(diagnostics("score s { 5 per purchase within 0d }"),
            "test.seg:1:33: error: 'within' needs a duration greater than zero");
  EXPECT_EQ(diagnostics("score s { 5 per purchase within 7 }"),
            "test.seg:1:33: error: 'within' needs a duration literal");
}

TEST(CheckerScores, MaxMustBePositive) {
  EXPECT_EQ(diagnostics("score s { 5 per purchase max 0 }"),
            "test.seg:1:30: error: 'max' must be greater than zero");
  EXPECT_EQ(diagnostics("score s { 5 per purchase max -5 }"),
            "test.seg:1:30: error: 'max' must be greater than zero");
}

TEST(CheckerScores, IfRuleMustBeACondition) {
  EXPECT_EQ(diagnostics("score s { 5 if age }"),
            "test.seg:1:16: error: a score rule must be a condition (bool), but this is int?");
}

TEST(CheckerScores, DecayWithoutPerRulesWarns) {
  Compilation compilation = check("score s {\n  decay half_life 14d\n  5 if age > 3\n}");
  EXPECT_EQ(test::messages(compilation),
            std::vector<std::string>{
                "test.seg:2:3: warning: 'decay' has no effect: the score has no 'per' rules"});
  EXPECT_TRUE(compilation.ok());
}

TEST(CheckerScores, TwoDecays) {
  EXPECT_EQ(
      diagnostics("score s {\n  decay half_life 14d\n  decay half_life 7d\n  1 per purchase\n}"),
      "test.seg:3:3: error: the score has two 'decay' lines");
}

TEST(CheckerScores, HalfLifeIsAPositiveDurationLiteral) {
  EXPECT_EQ(diagnostics("score s {\n  decay half_life 0d\n  1 per purchase\n}"),
            "test.seg:2:19: error: 'half_life' needs a duration greater than zero");
  EXPECT_EQ(diagnostics("score s {\n  decay half_life 14\n  1 per purchase\n}"),
            "test.seg:2:19: error: 'half_life' needs a duration literal");
}

TEST(CheckerScores, EmptyRange) {
  EXPECT_EQ(diagnostics("score s {\n  range 100 0\n  1 if email_opt_in\n}"),
            "test.seg:2:3: error: 'range 100 0' is empty: the low bound must be below the high "
            "bound");
  EXPECT_EQ(diagnostics("score s {\n  range 5 5\n  1 if email_opt_in\n}"),
            "test.seg:2:3: error: 'range 5 5' is empty: the low bound must be below the high "
            "bound");
  EXPECT_TRUE(accepts("score s {\n  range -5 5\n  1 if email_opt_in\n}"));
}

TEST(CheckerScores, TwoRanges) {
  EXPECT_EQ(diagnostics("score s {\n  range 0 10\n  range 0 20\n  1 if email_opt_in\n}"),
            "test.seg:3:3: error: the score has two 'range' lines");
}

TEST(CheckerScores, ScoreWithoutRulesWarns) {
  EXPECT_EQ(diagnostics("score s { }"),
            "test.seg:1:7: warning: score 's' has no rules and is always 0");
}

} // namespace
} // namespace seg

// Checker tests: event aggregates (windows, filters, sequences) and ntile. For every rule, a
// program the checker accepts and one it rejects, with the exact first line of the diagnostic
// (CheckerSupport.h compiles each snippet as "test.seg" beside the CRM schema, so line numbers are
// the snippet's own).
#include "CheckerSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace seg {
namespace {

namespace fs = std::filesystem;
using namespace checker_test;
using test::crmSchema;
using test::TempDir;

// ------------------------------------------------------------------------------ event aggregates

TEST(CheckerEventAggregates, ResultTypes) {
  EXPECT_EQ(typeOf("count(purchase)"), "int");
  EXPECT_EQ(typeOf("exists(purchase)"), "bool");
  EXPECT_EQ(typeOf("days(page_view)"), "int");
  EXPECT_EQ(typeOf("distinct(page_view.url)"), "int");
  EXPECT_EQ(typeOf("sum(purchase.amount)"), "float");
  EXPECT_EQ(typeOf("avg(purchase.amount)"), "float?");
  EXPECT_EQ(typeOf("min(purchase.amount)"), "float?");
  EXPECT_EQ(typeOf("max(purchase.at)"), "timestamp?");
  EXPECT_EQ(typeOf("first(purchase.at)"), "timestamp?");
  EXPECT_EQ(typeOf("last(email_open.campaign)"), "string?");
}

TEST(CheckerEventAggregates, CountExistsDaysTakeAnEvent) {
  EXPECT_TRUE(accepts("segment s = count(purchase) > 1 and exists(email_open) and "
                      "days(page_view within 28d) >= 10"));
  const std::string text = "segment s = count(purchase.amount) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:19: error: count() takes an event, not a property");
  EXPECT_EQ(hints(text), std::vector<std::string>{"write count(purchase)"});
  EXPECT_EQ(diagnostics("segment s = days(page_view.url) > 1"),
            "test.seg:1:18: error: days() takes an event, not a property");
}

TEST(CheckerEventAggregates, UnknownEventSuggestsTheClosest) {
  const std::string text = "segment s = count(purchases) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:19: error: unknown event 'purchases'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'purchase'?"});
}

TEST(CheckerEventAggregates, SubjectMustBeAnEvent) {
  EXPECT_EQ(diagnostics("segment s = count(1) > 1"),
            "test.seg:1:19: error: count() aggregates events; this is not an event");
}

TEST(CheckerEventAggregates, TakeExactlyOneArgument) {
  EXPECT_EQ(diagnostics("segment s = count(purchase, page_view) > 1"),
            "test.seg:1:13: error: count() takes 1 argument, given 2");
  EXPECT_EQ(diagnostics("segment s = exists()"),
            "test.seg:1:13: error: exists() takes 1 argument, given 0");
}

TEST(CheckerEventAggregates, SumAndAvgNeedNumericProperties) {
  EXPECT_TRUE(accepts("segment s = sum(purchase.amount) > 1 and avg(purchase.amount) > 1"));
  EXPECT_EQ(diagnostics("segment s = sum(page_view.url) > 1"),
            "test.seg:1:17: error: sum() needs a numeric property, but 'page_view.url' is string");
  EXPECT_EQ(diagnostics("segment s = avg(page_view.url) > 1"),
            "test.seg:1:17: error: avg() needs a numeric property, but 'page_view.url' is string");
}

TEST(CheckerEventAggregates, PropertyAggregatesNeedAProperty) {
  const std::string text = "segment s = sum(purchase) > 1";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:17: error: sum() needs an event property, e.g. sum(purchase.amount)");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{"'purchase' has: at (timestamp), amount (float)"});
}

TEST(CheckerEventAggregates, MinAndMaxNeedOrderedProperties) {
  EXPECT_TRUE(accepts("segment s = min(purchase.amount) > 1 and max(page_view.url) > \"a\" and "
                      "max(purchase.at) > @2026-01-01"));
  EXPECT_EQ(diagnostics("schema { event flagged { ok: bool } }\n"
                        "segment s = min(flagged.ok)"),
            "test.seg:2:17: error: min() needs an ordered property (number, string, timestamp), "
            "but 'flagged.ok' is bool");
}

TEST(CheckerEventAggregates, FirstLastAndDistinctTakeAnyProperty) {
  EXPECT_TRUE(accepts("schema { event flagged { ok: bool } }\n"
                      "segment s = first(flagged.ok) and last(flagged.ok) and "
                      "distinct(flagged.ok) > 1 and first(purchase.amount) < 20"));
}

TEST(CheckerEventAggregates, UnknownPropertySuggestsTheClosest) {
  const std::string text = "segment s = sum(purchase.amout) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:26: error: event 'purchase' has no property 'amout'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'amount'?"});
}

TEST(CheckerEventAggregates, UnknownPropertyWithoutCloseNameListsTheProperties) {
  const std::string text = "segment s = sum(purchase.colour) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:26: error: event 'purchase' has no property 'colour'");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{"'purchase' has: at (timestamp), amount (float)"});
}

TEST(CheckerEventAggregates, WhereSeesEventPropertiesAndContactFields) {
  Compilation compilation =
      check("segment s = exists(purchase where amount > lifetime_value and at > signup_at)");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const SegmentDecl* s = findSegment(compilation, "s");
  ASSERT_NE(s, nullptr);
  const auto& call = s->condition->as<CallExpr>();
  ASSERT_TRUE(call.function.has_value());
  EXPECT_EQ(*call.function, plan::Function::Exists);
  EXPECT_EQ(call.eventIndex, *compilation.program->schema.eventIndex("purchase"));
  const auto& conjunction = call.args[0].where->as<BinaryExpr>();
  const auto& amount = conjunction.lhs->as<BinaryExpr>().lhs->as<NameExpr>();
  EXPECT_EQ(amount.ref, NameKind::EventProperty);
  EXPECT_EQ(amount.fieldIndex, 1);
  const auto& ltv = conjunction.lhs->as<BinaryExpr>().rhs->as<NameExpr>();
  EXPECT_EQ(ltv.ref, NameKind::ContactField);
  const auto& at = conjunction.rhs->as<BinaryExpr>().lhs->as<NameExpr>();
  EXPECT_EQ(at.ref, NameKind::EventProperty);
  EXPECT_EQ(at.fieldIndex, 0);
}

TEST(CheckerEventAggregates, EventPropertiesShadowContactFieldsInsideWhere) {
  // `city` is a string field of the contact and an int property of `visit`.
  EXPECT_TRUE(accepts("schema { event visit { city: int } }\n"
                      "segment s = exists(visit where city > 3 and country == \"DE\")"));
  EXPECT_EQ(diagnostics("schema { event visit { city: int } }\n"
                        "segment s = exists(visit where city == \"x\")"),
            "test.seg:2:37: error: cannot compare int with string");
}

TEST(CheckerEventAggregates, WhereDoesNotSeeOtherEventsProperties) {
  EXPECT_EQ(diagnostics("segment s = exists(page_view where amount > 3)"),
            "test.seg:1:36: error: unknown name 'amount'");
}

TEST(CheckerEventAggregates, WhereMustBeACondition) {
  EXPECT_EQ(diagnostics("segment s = count(purchase where amount) > 1"),
            "test.seg:1:34: error: 'where' must be a condition (bool), but this is float");
}

TEST(CheckerEventAggregates, WithinTakesAPositiveDurationLiteral) {
  Compilation compilation = check("segment s = sum(purchase.amount within 7d) > 1");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const auto& call = findSegment(compilation, "s")->condition->as<BinaryExpr>().lhs->as<CallExpr>();
  EXPECT_EQ(call.withinMicros, std::optional<std::int64_t>(7 * 86'400'000'000LL));
  EXPECT_EQ(call.propertyIndex, 1);
}

TEST(CheckerEventAggregates, WithinRejectsZero) {
  EXPECT_EQ(diagnostics("segment s = count(purchase within 0d) > 1"),
            "test.seg:1:35: error: 'within' needs a duration greater than zero");
}

TEST(CheckerEventAggregates, WithinRejectsANumber) {
  const std::string text = "segment s = count(purchase within 7) > 1";
  EXPECT_EQ(diagnostics(text), "test.seg:1:35: error: 'within' needs a duration literal");
  EXPECT_EQ(hints(text), std::vector<std::string>{"write a length of time such as 30d, 12h or 2w"});
}

TEST(CheckerEventAggregates, WithinRejectsAnExpression) {
  EXPECT_EQ(diagnostics("segment s = count(purchase within 7d * 2) > 1"),
            "test.seg:1:35: error: 'within' needs a duration literal");
}

TEST(CheckerEventAggregates, NestedAggregateInsideWhereIsRejected) {
  EXPECT_EQ(diagnostics("segment s = count(purchase where count(page_view) > 1) > 1"),
            "test.seg:1:34: error: count() cannot be used inside 'where'");
}

TEST(CheckerEventAggregates, SequencesInsideExists) {
  EXPECT_TRUE(accepts("segment s = exists(page_view where url == \"/pricing\" then purchase "
                      "where amount > 10 within 2d) and exists(email_click then purchase)"));
}

TEST(CheckerEventAggregates, SequenceResolvesTheSecondEvent) {
  Compilation compilation = check("segment s = exists(email_click then purchase within 2d)");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const auto& call = findSegment(compilation, "s")->condition->as<CallExpr>();
  EXPECT_EQ(call.thenEventIndex, *compilation.program->schema.eventIndex("purchase"));
  EXPECT_EQ(call.eventIndex, *compilation.program->schema.eventIndex("email_click"));
}

TEST(CheckerEventAggregates, SequencesOnlyInExists) {
  EXPECT_EQ(diagnostics("segment s = count(page_view then purchase) > 1"),
            "test.seg:1:34: error: sequences ('then') can only be used in exists(), not in "
            "count()");
}

TEST(CheckerEventAggregates, ThenMustNameAnEvent) {
  const std::string text = "segment s = exists(page_view then purchases)";
  EXPECT_EQ(diagnostics(text), "test.seg:1:35: error: 'then' must name an event");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'purchase'?"});
}

TEST(CheckerEventAggregates, ThenWhereSeesTheSecondEventOnly) {
  EXPECT_EQ(diagnostics("segment s = exists(page_view then purchase where url == \"x\")"),
            "test.seg:1:50: error: unknown name 'url'");
}

TEST(CheckerEventAggregates, EventAggregatesInAMetricMustBeAggregatedOverContacts) {
  EXPECT_EQ(diagnostics("metric m = count(purchase)"),
            "test.seg:1:12: error: count() over events is a value of each contact; a metric "
            "must aggregate it over contacts");
  EXPECT_TRUE(accepts("metric m = sum(sum(purchase.amount within 365d)) + avg(count(purchase))"));
}

// ------------------------------------------------------------------------------ ntile

TEST(CheckerNtile, RanksNumbersTimestampsAndDurations) {
  EXPECT_EQ(typeOf("ntile(5, lifetime_value)"), "int");
  EXPECT_EQ(typeOf("ntile(5, age)"), "int?");
  EXPECT_TRUE(accepts("segment s = ntile(1, signup_at) == 1 and ntile(3, now - signup_at) == 1 "
                      "and ntile(5, -days_since(last(purchase.at))) >= 4"));
}

TEST(CheckerNtile, AllowedInScoresPartitionsAndInsideMetricAggregates) {
  EXPECT_TRUE(accepts("score sc { 5 if ntile(4, lifetime_value) == 4 }\n"
                      "partition p { top = ntile(10, lifetime_value) == 10  rest = else }\n"
                      "metric m = percent(ntile(5, age) == 5) + avg(lifetime_value) for "
                      "ntile(5, lifetime_value) == 5"));
}

TEST(CheckerNtile, BucketsMustBeAnIntegerLiteralOfAtLeastOne) {
  for (const std::string k : {"0", "2.5", "age"}) {
    SCOPED_TRACE(k);
    EXPECT_EQ(
        diagnostics("segment s = ntile(" + k + ", age) > 1"),
        "test.seg:1:19: error: the number of buckets must be an integer literal from 1 to 10000");
  }
}

TEST(CheckerNtile, TakesTwoArguments) {
  EXPECT_EQ(diagnostics("segment s = ntile(5) > 1"),
            "test.seg:1:13: error: ntile() takes 2 arguments, given 1");
}

TEST(CheckerNtile, RanksOnlyOrderedNumbers) {
  EXPECT_EQ(diagnostics("segment s = ntile(5, city) > 1"),
            "test.seg:1:22: error: ntile() ranks numbers, timestamps or durations, but this is "
            "string");
}

TEST(CheckerNtile, RejectedAtMetricTopLevel) {
  EXPECT_EQ(diagnostics("metric m = ntile(5, age)"),
            "test.seg:1:12: error: ntile() ranks each contact; a metric must aggregate it");
}

TEST(CheckerNtile, RejectedInsideWhere) {
  EXPECT_EQ(diagnostics("segment s = count(purchase where ntile(5, amount) > 1) > 1"),
            "test.seg:1:34: error: ntile() cannot be used inside 'where'");
}

TEST(CheckerNtile, ClausesAreRejected) {
  EXPECT_EQ(diagnostics("segment s = ntile(5, age within 3d) > 1"),
            "test.seg:1:33: error: 'within' cannot be used in ntile()");
}

} // namespace
} // namespace seg

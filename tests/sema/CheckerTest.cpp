// Checker tests: for every rule of the checker, a program it accepts and one it rejects,
// with the exact first line of the diagnostic. Each snippet is compiled as its own file,
// "test.seg", next to the example CRM schema in "schema.seg", so the line numbers in the
// expected messages are the snippet's own.
#include "TempDir.h"
#include "TestCompile.h"
#include "types/Type.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace seg {
namespace {

namespace fs = std::filesystem;
using test::crmSchema;
using test::TempDir;

// ------------------------------------------------------------------------------ helpers

Compilation check(const std::string& text) {
  return compile(
      {CompileInput{"schema.seg", crmSchema(), true}, CompileInput{"test.seg", text, true}});
}

// The first line of every diagnostic of TEXT, one per line ("" when there are none).
std::string diagnostics(const std::string& text) {
  std::string out;
  for (const std::string& line : test::messages(check(text)))
    out += (out.empty() ? "" : "\n") + line;
  return out;
}

::testing::AssertionResult accepts(const std::string& text) {
  Compilation compilation = check(text);
  if (compilation.diagnostics.all().empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no diagnostics for:\n"
                                       << text << "\ngot:\n"
                                       << test::renderAll(compilation);
}

// The hints of the first diagnostic of TEXT.
std::vector<std::string> hints(const std::string& text) {
  Compilation compilation = check(text);
  if (compilation.diagnostics.all().empty()) return {"<no diagnostic>"};
  return compilation.diagnostics.all().front().hints;
}

bool hasHint(const std::string& text, const std::string& hint) {
  for (const std::string& h : hints(text))
    if (h == hint) return true;
  return false;
}

const SegmentDecl* findSegment(const Compilation& compilation, const std::string& name) {
  for (const LoadedModule& loaded : compilation.program->modules)
    for (const DeclPtr& decl : loaded.module->decls)
      if (decl->kind == DeclKind::Segment && decl->as<SegmentDecl>().name.text == name)
        return &decl->as<SegmentDecl>();
  return nullptr;
}

// The type the checker gives EXPR (e.g. "int?"), read from the AST. DEFINITIONS may add
// segments, partitions or scores that EXPR uses.
std::string typeOf(const std::string& expr, const std::string& definitions = "") {
  Compilation compilation = check(definitions + "\nsegment probe_ = (" + expr + ") is null");
  if (compilation.diagnostics.hasErrors()) return "<errors>\n" + test::renderAll(compilation);
  const SegmentDecl* probe = findSegment(compilation, "probe_");
  if (probe == nullptr || probe->condition == nullptr || probe->condition->kind != ExprKind::IsNull)
    return "<no probe>";
  return typeName(probe->condition->as<IsNullExpr>().value->type);
}

// The type of segment NAME's condition, as the checker stored it in the AST.
std::string conditionType(const std::string& text, const std::string& name) {
  Compilation compilation = check(text);
  const SegmentDecl* segment = findSegment(compilation, name);
  if (segment == nullptr || segment->condition == nullptr) return "<no segment>";
  return typeName(segment->condition->type);
}

constexpr const char* kLifecycle = R"(partition lifecycle {
  churned = last_seen_at < now - 90d
  at_risk = last_seen_at < now - 30d
  active  = exists(page_view within 7d)
  dormant = else
}
)"; // 6 lines: a snippet appended to it starts on line 7

Compilation compileFiles(const std::vector<std::string>& paths) {
  std::vector<CompileInput> inputs;
  for (const std::string& path : paths)
    inputs.push_back(CompileInput{path, {}, false});
  return compile(inputs);
}

std::vector<std::string> rawMessages(const Compilation& compilation) {
  std::vector<std::string> out;
  for (const SourceDiagnostic& d : compilation.diagnostics.all())
    out.push_back(d.message);
  return out;
}

// ------------------------------------------------------------------------------ names

TEST(CheckerNames, KnownNamesResolve) {
  EXPECT_TRUE(accepts("segment s = last_seen_at < now - 30d and email_opt_in"));
}

TEST(CheckerNames, UnknownNameSuggestsTheClosestField) {
  const std::string text = "segment s = last_seen < now - 30d";
  EXPECT_EQ(diagnostics(text), "test.seg:1:13: error: unknown name 'last_seen'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'last_seen_at'?"});
}

TEST(CheckerNames, UnknownNameSuggestsDefinitionsToo) {
  const std::string text = "segment big_spenders = lifetime_value > 1000\n"
                           "segment s = big_spender";
  EXPECT_EQ(diagnostics(text), "test.seg:2:13: error: unknown name 'big_spender'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'big_spenders'?"});
}

TEST(CheckerNames, UnknownNameWithoutSchemaSaysSoInAHint) {
  Compilation compilation = test::compileText("segment something = unknown_thing");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:21: error: unknown name 'unknown_thing'"});
  EXPECT_EQ(compilation.diagnostics.all()[0].hints,
            std::vector<std::string>{
                "no schema is in scope: import one, e.g. import \"crm.schema.seg\""});
}

TEST(CheckerNames, NamesMayBeUsedBeforeTheirDefinition) {
  EXPECT_TRUE(accepts("segment a = b and c\nsegment b = c\nsegment c = email_opt_in"));
}

TEST(CheckerNames, DefinitionsAreSharedAcrossFiles) {
  Compilation compilation = compile({CompileInput{"schema.seg", crmSchema(), true},
                                     CompileInput{"one.seg", "segment a = b", true},
                                     CompileInput{"two.seg", "segment b = email_opt_in", true}});
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
}

TEST(CheckerNames, EventNameIsNotAValue) {
  const std::string text = "segment s = purchase";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:13: error: 'purchase' is an event, not a value of the contact");
  EXPECT_TRUE(hasHint(text, "aggregate its events, e.g. exists(purchase) or count(purchase) >= 3"));
}

TEST(CheckerNames, EventPropertyOutsideAnAggregateIsRejected) {
  EXPECT_EQ(diagnostics("segment s = purchase.amount > 3"),
            "test.seg:1:13: error: 'purchase.amount' is a property of each 'purchase' event, not "
            "a value of the contact");
  EXPECT_TRUE(accepts("segment s = sum(purchase.amount) > 3"));
}

TEST(CheckerNames, EventPropertyIsNotInScopeOutsideWhere) {
  EXPECT_EQ(diagnostics("segment s = amount > 3"), "test.seg:1:13: error: unknown name 'amount'");
}

TEST(CheckerNames, MembersOnlyOnEventsAndPartitions) {
  EXPECT_EQ(diagnostics("segment s = (count(purchase)).x"),
            "test.seg:1:14: error: only events and partitions have members");
}

TEST(CheckerNames, ResolvedNamesRecordWhatTheyDenote) {
  Compilation compilation = check("segment a = b and age > 3\nsegment b = email_opt_in");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const SegmentDecl* a = findSegment(compilation, "a");
  const SegmentDecl* b = findSegment(compilation, "b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const auto& conjunction = a->condition->as<BinaryExpr>();
  const auto& ref = conjunction.lhs->as<NameExpr>();
  EXPECT_EQ(ref.ref, NameKind::Segment);
  EXPECT_EQ(ref.decl, b);
  const auto& age = conjunction.rhs->as<BinaryExpr>().lhs->as<NameExpr>();
  EXPECT_EQ(age.ref, NameKind::ContactField);
  ASSERT_GE(age.fieldIndex, 0);
  EXPECT_EQ(compilation.program->schema.contactFields[age.fieldIndex].name, "age");
}

TEST(CheckerNames, EvaluationOrderPutsDependenciesFirst) {
  Compilation compilation = check("segment a = b\nsegment b = c\nsegment c = email_opt_in");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  std::vector<std::string> order;
  for (const Decl* decl : compilation.program->evaluationOrder)
    order.push_back(decl->as<SegmentDecl>().name.text);
  EXPECT_EQ(order, (std::vector<std::string>{"c", "b", "a"}));
}

// ------------------------------------------------------------------------------ enums

TEST(CheckerEnums, ComparisonWithAValueOfItsOwnEnum) {
  EXPECT_TRUE(accepts("segment s = plan == trial and gender != female and device == mobile"));
  EXPECT_EQ(conditionType("segment s = plan == trial", "s"), "bool");
}

TEST(CheckerEnums, ValueOfItsOwnEnumMayShadowAnotherName) {
  // `at_risk` is both a branch value and a bare segment name; against the partition it is
  // the value.
  EXPECT_TRUE(accepts(std::string(kLifecycle) + "segment s = lifecycle == at_risk"));
}

TEST(CheckerEnums, WrongValueListsTheValidValues) {
  const std::string text = "segment s = plan == premium";
  EXPECT_EQ(diagnostics(text), "test.seg:1:21: error: 'premium' is not a value of enum 'plan'");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{"valid values of 'plan': free, trial, pro, enterprise"});
}

TEST(CheckerEnums, MisspelledValueGetsASuggestion) {
  const std::string text = "segment s = plan == entreprise";
  EXPECT_EQ(diagnostics(text), "test.seg:1:21: error: 'entreprise' is not a value of enum 'plan'");
  EXPECT_EQ(hints(text),
            (std::vector<std::string>{"did you mean 'enterprise'?",
                                      "valid values of 'plan': free, trial, pro, enterprise"}));
}

TEST(CheckerEnums, StringIsNotAnEnumValue) {
  const std::string text = "segment s = plan == \"prro\"";
  EXPECT_EQ(diagnostics(text), "test.seg:1:21: error: 'plan' is an enum; compare it with one of "
                               "its values, not a string");
  EXPECT_EQ(hints(text),
            (std::vector<std::string>{"write the value without quotes: pro",
                                      "valid values of 'plan': free, trial, pro, enterprise"}));
}

TEST(CheckerEnums, NumberIsNotAnEnumValue) {
  EXPECT_EQ(diagnostics("segment s = plan == 3"),
            "test.seg:1:21: error: cannot compare enum 'plan' with int");
}

TEST(CheckerEnums, TwoDifferentEnumsDoNotCompare) {
  EXPECT_EQ(diagnostics("segment s = plan == device"),
            "test.seg:1:21: error: cannot compare enum 'plan' with enum device");
}

TEST(CheckerEnums, EnumsAreNotOrdered) {
  const std::string text = "segment s = plan < pro";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:18: error: enum 'plan' can only be compared with == and != or 'in'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"its values are: free, trial, pro, enterprise"});
}

TEST(CheckerEnums, BareEnumValueIsNotAValueOnItsOwn) {
  const std::string text = "segment s = trial";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:13: error: 'trial' is a value of enum 'plan', not a value on its own");
  EXPECT_EQ(hints(text), std::vector<std::string>{"compare it with the field: plan == trial"});
}

TEST(CheckerEnums, InListOfValuesOfItsOwnEnum) {
  EXPECT_TRUE(accepts("segment s = plan in [pro, enterprise] and gender not in [male]"));
}

TEST(CheckerEnums, InListWithAWrongValue) {
  EXPECT_EQ(diagnostics("segment s = plan in [pro, premium]"),
            "test.seg:1:27: error: 'premium' is not a value of enum 'plan'");
}

TEST(CheckerEnums, InListWithAString) {
  EXPECT_EQ(diagnostics("segment s = plan in [\"pro\"]"),
            "test.seg:1:22: error: list item of type string cannot match enum plan");
}

TEST(CheckerEnums, NullableEnumField) {
  Compilation compilation =
      test::compileText("schema { contact { id: int key  tier: enum { gold, silver }? } }\n"
                        "segment s = tier == gold\n");
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const SegmentDecl* s = findSegment(compilation, "s");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(typeName(s->condition->type), "bool?");
}

// ------------------------------------------------------------------------------ arithmetic

TEST(CheckerArithmetic, IntAndFloatMix) {
  EXPECT_EQ(typeOf("company_size + 1"), "int");
  EXPECT_EQ(typeOf("company_size * 2"), "int");
  EXPECT_EQ(typeOf("company_size - 1"), "int");
  EXPECT_EQ(typeOf("company_size + 1.5"), "float");
  EXPECT_EQ(typeOf("lifetime_value * 2"), "float");
  EXPECT_TRUE(accepts("segment s = lifetime_value > 100 and age == 30.0 and age in [1, 2.5]"));
}

TEST(CheckerArithmetic, DivisionIsAlwaysFloatAndMayBeNull) {
  EXPECT_EQ(typeOf("7 / 2"), "float?");
  EXPECT_EQ(typeOf("lifetime_value / company_size"), "float?");
}

TEST(CheckerArithmetic, ModuloTakesInts) {
  EXPECT_EQ(typeOf("id % 2"), "int?");
  EXPECT_TRUE(accepts("segment s = id % 2 == 0"));
}

TEST(CheckerArithmetic, ModuloRejectsFloats) {
  const std::string text = "segment s = lifetime_value % 2 == 0";
  EXPECT_EQ(diagnostics(text), "test.seg:1:28: error: cannot apply '%' to float and int");
  EXPECT_EQ(hints(text), std::vector<std::string>{"'%' works on ints only"});
}

TEST(CheckerArithmetic, TimestampAndDurationArithmetic) {
  EXPECT_EQ(typeOf("now - 30d"), "timestamp");
  EXPECT_EQ(typeOf("signup_at + 7d"), "timestamp");
  EXPECT_EQ(typeOf("7d + signup_at"), "timestamp");
  EXPECT_EQ(typeOf("now - signup_at"), "duration");
  EXPECT_EQ(typeOf("1d + 2h"), "duration");
  EXPECT_EQ(typeOf("1d - 2h"), "duration");
  EXPECT_EQ(typeOf("7d * 2"), "duration");
  EXPECT_EQ(typeOf("2 * 7d"), "duration");
  EXPECT_EQ(typeOf("-7d"), "duration");
  EXPECT_TRUE(accepts("segment s = last_seen_at - signup_at <= 3d"));
}

TEST(CheckerArithmetic, TimestampsDoNotAdd) {
  const std::string text = "segment s = signup_at + signup_at > now";
  EXPECT_EQ(diagnostics(text), "test.seg:1:23: error: cannot apply '+' to timestamp and timestamp");
  EXPECT_EQ(hints(text), std::vector<std::string>{"timestamps combine with durations: now - 30d, "
                                                  "or subtract two timestamps"});
}

TEST(CheckerArithmetic, DurationMinusTimestampIsRejected) {
  EXPECT_EQ(diagnostics("segment s = 7d - now > 1d"),
            "test.seg:1:16: error: cannot apply '-' to duration and timestamp");
}

TEST(CheckerArithmetic, DurationTimesFloatIsRejected) {
  EXPECT_EQ(diagnostics("segment s = 7d * 1.5 > 1d"),
            "test.seg:1:16: error: cannot apply '*' to duration and float");
}

TEST(CheckerArithmetic, StringsDoNotAdd) {
  const std::string text = "segment s = city + \"x\" == \"y\"";
  EXPECT_EQ(diagnostics(text), "test.seg:1:18: error: cannot apply '+' to string and string");
  EXPECT_EQ(hints(text),
            std::vector<std::string>{
                "strings cannot be added; compare them or use contains(), starts_with()"});
}

TEST(CheckerArithmetic, BoolsAreNotNumbers) {
  EXPECT_EQ(diagnostics("segment s = email_opt_in + 1 > 0"),
            "test.seg:1:26: error: cannot apply '+' to bool and int");
}

TEST(CheckerArithmetic, UnaryMinusTakesNumbersAndDurations) {
  EXPECT_EQ(typeOf("-age"), "int?");
  EXPECT_EQ(typeOf("-lifetime_value"), "float");
  EXPECT_EQ(diagnostics("segment s = -city == \"x\""),
            "test.seg:1:14: error: '-' needs a number or a duration, but this is string");
}

TEST(CheckerArithmetic, NullableOperandMakesTheResultNullable) {
  EXPECT_EQ(typeOf("age + 1"), "int?");
  EXPECT_EQ(typeOf("age + company_size"), "int?");
  EXPECT_EQ(typeOf("nps * 1.5"), "float?");
}

// ------------------------------------------------------------------------------ comparisons

TEST(CheckerComparisons, ComparableTypes) {
  EXPECT_TRUE(accepts("segment s = city < \"N\" and signup_at < now and now - signup_at > 7d "
                      "and email_opt_in == true and email_opt_in != false and age >= 1.5"));
}

TEST(CheckerComparisons, StringWithNumber) {
  EXPECT_EQ(diagnostics("segment s = city > 3"),
            "test.seg:1:18: error: cannot compare string with int");
}

TEST(CheckerComparisons, TimestampWithDuration) {
  const std::string text = "segment s = last_seen_at < 30d";
  EXPECT_EQ(diagnostics(text), "test.seg:1:26: error: cannot compare timestamp with duration");
  EXPECT_EQ(hints(text), std::vector<std::string>{
                             "compare a timestamp with a point in time: last_seen_at < now - 30d"});
}

TEST(CheckerComparisons, TimestampWithNumber) {
  const std::string text = "segment s = last_seen_at < 3";
  EXPECT_EQ(diagnostics(text), "test.seg:1:26: error: cannot compare timestamp with int");
  EXPECT_EQ(hints(text), std::vector<std::string>{
                             "write a timestamp literal as @2026-03-31, or use days_since(ts)"});
}

TEST(CheckerComparisons, BoolsAreNotOrdered) {
  EXPECT_EQ(diagnostics("segment s = email_opt_in < true"),
            "test.seg:1:26: error: conditions cannot be ordered with '<'");
}

TEST(CheckerComparisons, NullableOperandMakesTheComparisonNullable) {
  EXPECT_EQ(conditionType("segment s = nps >= 9", "s"), "bool?");
  EXPECT_EQ(conditionType("segment s = company_size >= 9", "s"), "bool");
  EXPECT_EQ(conditionType("segment s = nps >= 9 and email_opt_in", "s"), "bool?");
  EXPECT_EQ(conditionType("segment s = nps is null", "s"), "bool");
  EXPECT_EQ(conditionType("segment s = age between 1 and 2", "s"), "bool?");
  EXPECT_EQ(conditionType("segment s = nps in [1, 2]", "s"), "bool?");
  EXPECT_EQ(conditionType("segment s = plan in [pro]", "s"), "bool");
}

TEST(CheckerComparisons, BetweenWithComparableBounds) {
  EXPECT_TRUE(accepts("segment s = age between 25 and 45.5 and signup_at between @2026-01-01 and "
                      "now and city not between \"A\" and \"M\""));
}

TEST(CheckerComparisons, BetweenWithIncomparableBound) {
  EXPECT_EQ(diagnostics("segment s = age between \"a\" and 3"),
            "test.seg:1:25: error: 'between' bounds must be comparable with int?, but this is "
            "string");
}

TEST(CheckerComparisons, InListItemsMustMatchTheValue) {
  EXPECT_TRUE(accepts("segment s = industry in [\"software\", \"finance\",] and age in [1, 2.5]"));
  EXPECT_EQ(diagnostics("segment s = industry in [\"software\", 3]"),
            "test.seg:1:38: error: list item of type int cannot match string");
}

TEST(CheckerComparisons, LogicalOperatorsNeedConditions) {
  EXPECT_EQ(diagnostics("segment s = age and email_opt_in"),
            "test.seg:1:13: error: 'and' needs conditions (bool) on both sides, but this is int?");
  EXPECT_EQ(diagnostics("segment s = email_opt_in or city"),
            "test.seg:1:29: error: 'or' needs conditions (bool) on both sides, but this is string");
  EXPECT_EQ(diagnostics("segment s = not age"),
            "test.seg:1:17: error: 'not' needs a condition (bool), but this is int?");
}

TEST(CheckerComparisons, SegmentMustBeACondition) {
  const std::string text = "segment s = age + 1";
  EXPECT_EQ(diagnostics(text),
            "test.seg:1:13: error: segment 's' must be a condition (bool), but this is int?");
  EXPECT_EQ(hints(text), std::vector<std::string>{"compare it with a value, e.g. x > 0"});
}

// ------------------------------------------------------------------------------ built-ins

TEST(CheckerBuiltins, TimestampFunctions) {
  for (const std::string f :
       {"days_since", "hours_since", "year", "month", "day_of_week", "hour"}) {
    SCOPED_TRACE(f);
    EXPECT_EQ(typeOf(f + "(signup_at)"), "int");
    EXPECT_EQ(typeOf(f + "(last(purchase.at))"), "int?");
    const int callColumn = 13, argColumn = 13 + static_cast<int>(f.size()) + 1;
    EXPECT_EQ(diagnostics("segment s = " + f + "() > 1"),
              "test.seg:1:" + std::to_string(callColumn) + ": error: " + f +
                  "() takes 1 argument, given 0");
    EXPECT_EQ(diagnostics("segment s = " + f + "(signup_at, now) > 1"),
              "test.seg:1:13: error: " + f + "() takes 1 argument, given 2");
    EXPECT_EQ(diagnostics("segment s = " + f + "(city) > 1"),
              "test.seg:1:" + std::to_string(argColumn) + ": error: " + f +
                  "() needs a timestamp, but this is string");
  }
}

TEST(CheckerBuiltins, StringFunctionsOfOneString) {
  EXPECT_EQ(typeOf("lower(city)"), "string");
  EXPECT_EQ(typeOf("upper(email)"), "string");
  EXPECT_EQ(typeOf("length(city)"), "int");
  for (const std::string f : {"lower", "upper", "length"}) {
    SCOPED_TRACE(f);
    const int argColumn = 13 + static_cast<int>(f.size()) + 1;
    EXPECT_EQ(diagnostics("segment s = " + f + "(city, city) == 1"),
              "test.seg:1:13: error: " + f + "() takes 1 argument, given 2");
    EXPECT_EQ(diagnostics("segment s = " + f + "(age) == 1"),
              "test.seg:1:" + std::to_string(argColumn) + ": error: " + f +
                  "() needs a string, but this is int?");
  }
}

TEST(CheckerBuiltins, StringFunctionsOfTwoStrings) {
  for (const std::string f : {"contains", "starts_with", "ends_with"}) {
    SCOPED_TRACE(f);
    EXPECT_EQ(typeOf(f + "(city, \"x\")"), "bool");
    const int firstArg = 13 + static_cast<int>(f.size()) + 1;
    EXPECT_EQ(diagnostics("segment s = " + f + "(city)"),
              "test.seg:1:13: error: " + f + "() takes 2 arguments, given 1");
    EXPECT_EQ(diagnostics("segment s = " + f + "(1, city)"),
              "test.seg:1:" + std::to_string(firstArg) + ": error: " + f +
                  "() needs a string, but this is int");
    EXPECT_EQ(diagnostics("segment s = " + f + "(city, 1)"),
              "test.seg:1:" + std::to_string(firstArg + 6) + ": error: " + f +
                  "() needs a string, but this is int");
  }
}

TEST(CheckerBuiltins, Abs) {
  EXPECT_EQ(typeOf("abs(nps)"), "int?");
  EXPECT_EQ(typeOf("abs(lifetime_value)"), "float");
  EXPECT_EQ(diagnostics("segment s = abs() > 1"),
            "test.seg:1:13: error: abs() takes 1 argument, given 0");
  EXPECT_EQ(diagnostics("segment s = abs(city) > 1"),
            "test.seg:1:17: error: abs() needs a number or a duration, but this is string");
}

TEST(CheckerBuiltins, Round) {
  EXPECT_EQ(typeOf("round(lifetime_value)"), "int");
  EXPECT_EQ(typeOf("round(lifetime_value, 2)"), "float");
  EXPECT_EQ(typeOf("round(avg(purchase.amount), 2)"), "float?");
  EXPECT_EQ(diagnostics("segment s = round(1, 2, 3) > 1"),
            "test.seg:1:13: error: round() takes 1 to 2 arguments, given 3");
  EXPECT_EQ(diagnostics("segment s = round(city) > 1"),
            "test.seg:1:19: error: round() needs a number, but this is string");
  EXPECT_EQ(diagnostics("segment s = round(lifetime_value, age) > 1"),
            "test.seg:1:35: error: the number of digits must be an integer literal");
}

TEST(CheckerBuiltins, CoalesceTakesValuesOfOneType) {
  EXPECT_EQ(typeOf("coalesce(nps, 10)"), "int");
  EXPECT_EQ(typeOf("coalesce(nps, age)"), "int?");
  EXPECT_EQ(typeOf("coalesce(nps, 1.5, age)"), "float");
  EXPECT_EQ(typeOf("coalesce(last(purchase.at), signup_at)"), "timestamp");
  EXPECT_EQ(diagnostics("segment s = coalesce(nps, \"x\") == 1"),
            "test.seg:1:27: error: coalesce() arguments must share one type: int and string");
}

TEST(CheckerBuiltins, CoalesceNeedsTwoArguments) {
  EXPECT_EQ(diagnostics("segment s = coalesce(nps) > 3")
                .rfind("test.seg:1:13: error: coalesce() "
                       "takes ",
                       0),
            0u);
}

TEST(CheckerBuiltins, UnknownFunctionSuggestsTheClosest) {
  const std::string text = "segment s = lowr(city) == \"x\"";
  EXPECT_EQ(diagnostics(text), "test.seg:1:13: error: unknown function 'lowr'");
  EXPECT_EQ(hints(text), std::vector<std::string>{"did you mean 'lower'?"});
}

TEST(CheckerBuiltins, ClausesAreRejectedOutsideEventAggregates) {
  EXPECT_EQ(diagnostics("segment s = lower(city where email_opt_in) == \"x\""),
            "test.seg:1:30: error: 'where' cannot be used in lower()");
  EXPECT_EQ(diagnostics("segment s = days_since(signup_at within 3d) > 1"),
            "test.seg:1:41: error: 'within' cannot be used in days_since()");
}

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
  EXPECT_EQ(*call.function, Function::Exists);
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

// ------------------------------------------------------------------------------ nullability

TEST(CheckerNullability, FieldsAndDefinitions) {
  EXPECT_EQ(typeOf("age"), "int?");
  EXPECT_EQ(typeOf("company_size"), "int");
  EXPECT_EQ(typeOf("days_since(signup_at)"), "int");
  EXPECT_EQ(typeOf("days_since(last(purchase.at))"), "int?");
  EXPECT_EQ(typeOf("sc", "score sc { 1 if email_opt_in }"), "float");
  EXPECT_EQ(typeOf("vip", "segment vip = nps > 8"), "bool");
}

TEST(CheckerNullability, PartitionWithElseIsNeverNull) {
  EXPECT_EQ(typeOf("lifecycle", kLifecycle), "enum lifecycle");
  EXPECT_EQ(typeOf("p", "partition p { a = age > 3 }"), "enum p?");
  EXPECT_EQ(typeOf("p.a", "partition p { a = age > 3 }"), "bool");
}

TEST(CheckerNullability, IsNullOnANullableValue) {
  EXPECT_TRUE(accepts("segment s = nps is null and avg(purchase.amount) is not null"));
  EXPECT_TRUE(accepts("partition p { a = age > 3 }\nsegment s = p is null"));
}

TEST(CheckerNullability, IsNullOnANeverNullValueWarns) {
  const std::string text = "segment s = company_size is null";
  Compilation compilation = check(text);
  EXPECT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:13: warning: this value is never null, so 'is "
                                     "null' is always false"});
  EXPECT_TRUE(compilation.ok());
  EXPECT_EQ(diagnostics("segment s = count(purchase) is not null"),
            "test.seg:1:13: warning: this value is never null, so 'is not null' is always true");
  EXPECT_EQ(diagnostics(std::string(kLifecycle) + "segment s = lifecycle is null"),
            "test.seg:7:13: warning: this value is never null, so 'is null' is always false");
}

// ------------------------------------------------------------------------------ cycles

TEST(CheckerCycles, AcyclicReferencesAreAccepted) {
  // A diamond: a reads b and c, b reads c.
  EXPECT_TRUE(accepts("segment a = b and c\nsegment b = c\nsegment c = email_opt_in"));
}

TEST(CheckerCycles, SelfReference) {
  EXPECT_EQ(diagnostics("segment a = a"),
            "test.seg:1:9: error: segment 'a' depends on itself: a → a");
}

TEST(CheckerCycles, TwoSegments) {
  Compilation compilation = check("segment a = b\nsegment b = a");
  ASSERT_EQ(
      test::messages(compilation),
      std::vector<std::string>{"test.seg:1:9: error: segment 'a' depends on itself: a → b → a"});
  const SourceDiagnostic& d = compilation.diagnostics.all()[0];
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "'b' is part of the cycle");
  EXPECT_EQ(d.notes[0].range.begin, (SourcePos{2, 9}));
}

TEST(CheckerCycles, ThroughAScoreAndAPartition) {
  EXPECT_EQ(diagnostics("segment a = s > 3\n"
                        "score s { 5 if p == x }\n"
                        "partition p { x = a  y = else }"),
            "test.seg:1:9: error: segment 'a' depends on itself: a → s → p → a");
}

TEST(CheckerCycles, ThroughABareBranchName) {
  EXPECT_EQ(diagnostics("segment a = s > 3\n"
                        "score s { 5 if x }\n"
                        "partition p { x = a  y = else }"),
            "test.seg:1:9: error: segment 'a' depends on itself: a → s → p → a");
}

TEST(CheckerCycles, ThroughTheWhereOfAScoreRule) {
  EXPECT_EQ(diagnostics("score s { 1 per purchase where vip }\nsegment vip = s > 1"),
            "test.seg:1:7: error: score 's' depends on itself: s → vip → s");
}

TEST(CheckerCycles, MetricsAreNotPartOfCycles) {
  EXPECT_TRUE(accepts("segment vip = email_opt_in\nmetric m = percent(vip) for vip"));
}

// ------------------------------------------------------------------------------ duplicates

TEST(CheckerDuplicates, SegmentDefinedTwice) {
  Compilation compilation = check("segment a = email_opt_in\nsegment a = nps > 3");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:2:9: error: 'a' is defined twice"});
  ASSERT_EQ(compilation.diagnostics.all()[0].notes.size(), 1u);
  EXPECT_EQ(compilation.diagnostics.all()[0].notes[0].message, "first defined here");
  EXPECT_EQ(compilation.diagnostics.all()[0].notes[0].range.begin, (SourcePos{1, 9}));
}

TEST(CheckerDuplicates, SegmentAndScoreWithOneName) {
  EXPECT_EQ(diagnostics("segment a = email_opt_in\nscore a { 1 if email_opt_in }"),
            "test.seg:2:7: error: 'a' is defined twice");
}

TEST(CheckerDuplicates, DefinedTwiceAcrossFilesPointsAtTheOtherFile) {
  Compilation compilation = compile({CompileInput{"schema.seg", crmSchema(), true},
                                     CompileInput{"one.seg", "segment a = email_opt_in", true},
                                     CompileInput{"two.seg", "segment a = nps > 3", true}});
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"two.seg:1:9: error: 'a' is defined twice"});
  const DiagnosticNote& note = compilation.diagnostics.all()[0].notes.at(0);
  EXPECT_EQ(compilation.program->sources.file(note.range.file).path(), "one.seg");
}

TEST(CheckerDuplicates, DefinitionNamedLikeAContactField) {
  EXPECT_EQ(diagnostics("segment age = email_opt_in"),
            "test.seg:1:9: error: segment 'age' has the name of a contact field");
  EXPECT_EQ(diagnostics("score age { 1 if email_opt_in }"),
            "test.seg:1:7: error: score 'age' has the name of a contact field");
  EXPECT_EQ(diagnostics("partition age { a = email_opt_in }"),
            "test.seg:1:11: error: partition 'age' has the name of a contact field");
}

TEST(CheckerDuplicates, DefinitionNamedLikeAContactFieldPointsAtTheField) {
  Compilation compilation = check("segment age = email_opt_in");
  ASSERT_EQ(compilation.diagnostics.all().size(), 1u);
  const DiagnosticNote& note = compilation.diagnostics.all()[0].notes.at(0);
  EXPECT_EQ(note.message, "the field is declared here");
  EXPECT_EQ(compilation.program->sources.file(note.range.file).path(), "schema.seg");
}

// ------------------------------------------------------------------------------ schema

Compilation checkSchemaText(const std::string& text) {
  return test::compileText(text);
}

std::string schemaDiagnostics(const std::string& text) {
  std::string out;
  for (const std::string& line : test::messages(checkSchemaText(text)))
    out += (out.empty() ? "" : "\n") + line;
  return out;
}

TEST(CheckerSchema, EveryTypeNullabilityAndModifier) {
  Compilation compilation = checkSchemaText(
      "schema {\n"
      "  contact { id: string key  e: string pii  g: enum { a, b }?  t: timestamp  b: bool  "
      "f: float  n: int? }\n"
      "  event ev { p: int?  q: enum { x, y } }\n"
      "}\n");
  ASSERT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  const CheckedSchema& schema = compilation.program->schema;
  ASSERT_EQ(schema.contactFields.size(), 7u);
  EXPECT_EQ(schema.keyField, 0);
  EXPECT_EQ(typeName(schema.contactFields[0].type), "string");
  EXPECT_TRUE(schema.contactFields[1].isPii);
  EXPECT_EQ(typeName(schema.contactFields[2].type), "enum g?");
  EXPECT_EQ(typeName(schema.contactFields[3].type), "timestamp");
  EXPECT_EQ(typeName(schema.contactFields[6].type), "int?");
  ASSERT_EQ(schema.events.size(), 1u);
  // `at` is implicit and comes first.
  ASSERT_EQ(schema.events[0].properties.size(), 3u);
  EXPECT_EQ(schema.events[0].properties[0].name, "at");
  EXPECT_EQ(typeName(schema.events[0].properties[0].type), "timestamp");
  EXPECT_EQ(typeName(schema.events[0].properties[1].type), "int?");
}

TEST(CheckerSchema, EventsMayBeDeclaredInSeveralSchemaBlocks) {
  EXPECT_TRUE(accepts("schema { event visit { city: int } }\nsegment s = exists(visit)"));
}

TEST(CheckerSchema, EventDeclaredTwice) {
  EXPECT_EQ(
      schemaDiagnostics("schema { contact { id: int key } event e { x: int } event e { y: int } }"),
      "test.seg:1:59: error: event 'e' is declared twice");
}

TEST(CheckerSchema, FieldDeclaredTwice) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key  id: string } }"),
            "test.seg:1:33: error: field 'id' is declared twice");
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key } event e { x: int  x: int } }"),
            "test.seg:1:52: error: field 'x' is declared twice");
}

TEST(CheckerSchema, EnumValueListedTwice) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key  g: enum { a, b, a } } }"),
            "test.seg:1:49: error: enum value 'a' is listed twice");
}

TEST(CheckerSchema, TwoKeys) {
  Compilation compilation =
      checkSchemaText("schema { contact { id: int key  other: string key } }");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:33: error: the contact has two key fields"});
  EXPECT_EQ(compilation.diagnostics.all()[0].notes.at(0).range.begin, (SourcePos{1, 20}));
}

TEST(CheckerSchema, NoKey) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { name: string } }"),
            "test.seg:1:10: error: the contact has no key field");
}

TEST(CheckerSchema, KeyMustBeANonNullIntOrString) {
  std::vector<std::string> nullable =
      test::messages(checkSchemaText("schema { contact { id: int? key } }"));
  EXPECT_NE(std::find(nullable.begin(), nullable.end(),
                      "test.seg:1:24: error: the key field 'id' must be 'int' or 'string' and "
                      "never null"),
            nullable.end());
  std::vector<std::string> floating =
      test::messages(checkSchemaText("schema { contact { id: float key } }"));
  EXPECT_NE(std::find(floating.begin(), floating.end(),
                      "test.seg:1:24: error: the key field 'id' must be 'int' or 'string' and "
                      "never null"),
            floating.end());
}

TEST(CheckerSchema, ContactDeclaredTwice) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key } contact { x: int } }"),
            "test.seg:1:34: error: the schema declares 'contact' twice");
}

TEST(CheckerSchema, AtIsImplicit) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key } event e { at: timestamp } }"),
            "test.seg:1:44: error: 'at' is implicit in every event and cannot be declared");
}

TEST(CheckerSchema, EventsHaveNoKey) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key } event e { k: int key } }"),
            "test.seg:1:51: error: 'key' marks the contact id; events cannot have one");
}

TEST(CheckerSchema, RepeatedModifier) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key  x: string pii pii } }"),
            "test.seg:1:47: error: this modifier is repeated");
}

TEST(CheckerSchema, DurationIsNotAFieldType) {
  EXPECT_EQ(schemaDiagnostics("schema { contact { id: int key  x: duration } }"),
            "test.seg:1:36: error: 'duration' is for literals only");
}

TEST(CheckerSchema, UnknownTypeSuggestsTheClosest) {
  Compilation compilation = checkSchemaText("schema { contact { id: int key  x: strng } }");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:36: error: unknown type 'strng'"});
  EXPECT_EQ(compilation.diagnostics.all()[0].hints,
            std::vector<std::string>{"did you mean 'string'?"});
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

// ------------------------------------------------------------------------------ warnings

TEST(CheckerWarnings, CountComparedWithANegativeNumber) {
  Compilation compilation = check("segment s = count(purchase) < 0 or days(page_view) <= -1 or "
                                  "distinct(page_view.url) == -3");
  EXPECT_EQ(test::messages(compilation),
            (std::vector<std::string>{
                "test.seg:1:13: warning: this comparison is always false: count() is never "
                "negative",
                "test.seg:1:36: warning: this comparison is always false: days() is never "
                "negative",
                "test.seg:1:61: warning: this comparison is always false: distinct() is never "
                "negative"}));
  EXPECT_TRUE(compilation.ok());
}

TEST(CheckerWarnings, CountComparedWithZeroIsFine) {
  EXPECT_TRUE(accepts("segment s = count(purchase) == 0 or count(purchase) < 1 or "
                      "count(purchase) <= 0"));
}

TEST(CheckerWarnings, BetweenWithReversedConstants) {
  EXPECT_EQ(diagnostics("segment s = age between 45 and 25"),
            "test.seg:1:13: warning: this range is empty, so 'between' is always false");
  EXPECT_EQ(diagnostics("segment s = age not between 45 and 25"),
            "test.seg:1:13: warning: this range is empty, so 'between' is always true");
  EXPECT_EQ(diagnostics("segment s = signup_at between @2026-03-01 and @2026-01-01"),
            "test.seg:1:13: warning: this range is empty, so 'between' is always false");
  EXPECT_TRUE(accepts("segment s = age between 25 and 25"));
}

TEST(CheckerWarnings, EmptyInList) {
  EXPECT_EQ(diagnostics("segment s = age in []"),
            "test.seg:1:13: warning: the list is empty, so 'in' is always false");
  EXPECT_EQ(diagnostics("segment s = age not in []"),
            "test.seg:1:13: warning: the list is empty, so 'in' is always true");
}

// ------------------------------------------------------------------------------ imports

TEST(CheckerImports, MissingModule) {
  Compilation compilation = check("import \"nope.seg\"");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:8: error: cannot find module 'nope.seg'"});
  const std::vector<std::string>& moduleHints = compilation.diagnostics.all()[0].hints;
  ASSERT_EQ(moduleHints.size(), 1u);
  EXPECT_EQ(moduleHints[0].rfind("looked for ", 0), 0u) << moduleHints[0];
  EXPECT_NE(moduleHints[0].find("nope.seg; paths are relative to the importing file"),
            std::string::npos)
      << moduleHints[0];
}

TEST(CheckerImports, EmptyPath) {
  EXPECT_EQ(diagnostics("import \"\""), "test.seg:1:8: error: the import path is empty");
}

TEST(CheckerImports, MissingStandardModule) {
  Compilation compilation = check("import \"std/nope.seg\"");
  ASSERT_EQ(test::messages(compilation),
            std::vector<std::string>{"test.seg:1:8: error: cannot find module 'std/nope.seg'"});
  EXPECT_EQ(
      compilation.diagnostics.all()[0].hints.at(0).rfind("looked in the standard library at ", 0),
      0u);
}

TEST(CheckerImports, StandardLibraryResolvesFromStdlib) {
  Compilation compilation = check("import \"std/metrics.seg\"\n"
                                  "import \"std/lifecycle.seg\"\n"
                                  "import \"std/scores.seg\"\n"
                                  "segment s = lifecycle_stage == lost and highly_active");
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  std::size_t fromStdlib = 0;
  for (const LoadedModule& loaded : compilation.program->modules)
    fromStdlib += loaded.fromStdlib ? 1 : 0;
  EXPECT_EQ(fromStdlib, 3u);
}

TEST(CheckerImports, StandardModuleImportedByTwoFilesIsLoadedOnce) {
  Compilation compilation = compile({CompileInput{"schema.seg", crmSchema(), true},
                                     CompileInput{"one.seg", "import \"std/metrics.seg\"", true},
                                     CompileInput{"two.seg", "import \"std/metrics.seg\"", true}});
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  EXPECT_EQ(compilation.program->modules.size(), 4u);
}

TEST(CheckerImports, ImportsResolveRelativeToTheImportingFile) {
  TempDir dir;
  dir.write("schema.seg", crmSchema());
  dir.write("sub/segments.seg", "import \"../schema.seg\"\nsegment vip = lifetime_value > 1000");
  std::string main = dir.write("main.seg", "import \"sub/segments.seg\"\nsegment s = vip");
  Compilation compilation = compileFiles({main});
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  EXPECT_EQ(compilation.program->modules.size(), 3u);
}

TEST(CheckerImports, EachModuleIsLoadedOnceEvenWhenImportedTwice) {
  TempDir dir;
  dir.write("common.seg", crmSchema() + "\nsegment common = email_opt_in\n");
  dir.write("x.seg", "import \"common.seg\"\nsegment x = common");
  dir.write("sub/y.seg", "import \"../common.seg\"\nsegment y = common");
  std::string main = dir.write("main.seg", "import \"x.seg\"\n"
                                           "import \"sub/y.seg\"\n"
                                           "import \"./common.seg\"\n"
                                           "import \"common.seg\"\n"
                                           "segment m = x and y");
  Compilation compilation = compileFiles({main, dir.path().string() + "/x.seg"});
  EXPECT_TRUE(compilation.diagnostics.all().empty()) << test::renderAll(compilation);
  EXPECT_EQ(compilation.program->modules.size(), 4u);
}

TEST(CheckerImports, TwoFileCycle) {
  TempDir dir;
  std::string a = dir.write("a.seg", "import \"b.seg\"\nsegment a = true");
  dir.write("b.seg", "import \"a.seg\"\nsegment b = true");
  Compilation compilation = compileFiles({a});
  ASSERT_EQ(rawMessages(compilation),
            std::vector<std::string>{"import cycle: a.seg → b.seg → a.seg"});
  const SourceDiagnostic& d = compilation.diagnostics.all()[0];
  EXPECT_EQ(fs::path(compilation.program->sources.file(d.range.file).path()).filename(), "b.seg");
  EXPECT_EQ(d.range.begin, (SourcePos{1, 8}));
}

TEST(CheckerImports, ThreeFileCycle) {
  TempDir dir;
  std::string a = dir.write("a.seg", "import \"b.seg\"");
  dir.write("b.seg", "import \"c.seg\"");
  dir.write("c.seg", "import \"a.seg\"");
  EXPECT_EQ(rawMessages(compileFiles({a})),
            std::vector<std::string>{"import cycle: a.seg → b.seg → c.seg → a.seg"});
}

TEST(CheckerImports, FileImportingItself) {
  TempDir dir;
  std::string a = dir.write("a.seg", "import \"a.seg\"");
  EXPECT_EQ(rawMessages(compileFiles({a})),
            std::vector<std::string>{"import cycle: a.seg → a.seg"});
}

TEST(CheckerImports, DirectoryIsNotAModule) {
  TempDir dir;
  fs::create_directories(dir.path() / "sub");
  std::string a = dir.write("a.seg", "import \"sub\"");
  EXPECT_EQ(rawMessages(compileFiles({a})),
            std::vector<std::string>{"cannot read module 'sub': is a directory"});
}

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

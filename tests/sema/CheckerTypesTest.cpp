// Checker tests: arithmetic, comparisons, built-in functions, nullability and the schema block. For
// every rule, a program the checker accepts and one it rejects, with the exact first line of the
// diagnostic (CheckerSupport.h compiles each snippet as "test.seg" beside the CRM schema, so line
// numbers are the snippet's own).
#include "CheckerSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace seg {
namespace {

namespace fs = std::filesystem;
using namespace checker_test;
using test::crmSchema;
using test::TempDir;

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

} // namespace
} // namespace seg

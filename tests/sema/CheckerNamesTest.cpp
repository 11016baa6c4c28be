// Checker tests: names and what they denote, enum values, duplicates, cycles, imports and warnings.
// For every rule, a program the checker accepts and one it rejects, with the exact first line of
// the diagnostic (CheckerSupport.h compiles each snippet as "test.seg" beside the CRM schema, so
// line numbers are the snippet's own).
#include "CheckerSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace seg {
namespace {

namespace fs = std::filesystem;
using namespace checker_test;
using test::crmSchema;
using test::TempDir;

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

} // namespace
} // namespace seg

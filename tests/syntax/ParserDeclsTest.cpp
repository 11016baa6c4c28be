// Parser tests: every declaration of grammar/Seg.g4 and line starts, parsed into the expected AST
// shape.
#include "ParserSupport.h"

#include <gtest/gtest.h>

namespace seg {
namespace {

using namespace parser_test;

// ------------------------------------------------------------------------------ line starts

TEST(ParserLineStarts, OperatorAtEndOfLineContinuesTheExpression) {
  EXPECT_EQ(shape("a +\n  b > 3"), "(> (+ a b) 3)");
  EXPECT_EQ(shape("a -\n  b > 3"), "(> (- a b) 3)");
}

TEST(ParserLineStarts, AndOrAndComparisonsMayStartAContinuationLine) {
  EXPECT_EQ(shape("a\n  and b\n  or c"), "(or (and a b) c)");
  EXPECT_EQ(shape("a\n  == b"), "(== a b)");
  EXPECT_EQ(shape("a\n  * b"), "(* a b)");
}

TEST(ParserLineStarts, MinusAtStartOfLineDoesNotContinueASegment) {
  std::unique_ptr<Parsed> parsed = parse("segment s = a\n- b");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(
      parsed->messages()[0].rfind("test.seg:2:1: error: unexpected '-'; expected end of file, "
                                  "'import', 'schema', 'segment',",
                                  0),
      0u)
      << parsed->messages()[0];
  EXPECT_NE(parsed->rendered().find("a '+' or '-' at the start of a line begins a new score rule"),
            std::string::npos)
      << parsed->rendered();
}

// ------------------------------------------------------------------------------ declarations

TEST(ParserDecls, EmptyFileHasNoDeclarations) {
  std::unique_ptr<Parsed> parsed = parse("");
  EXPECT_TRUE(parsed->module().decls.empty());
  EXPECT_FALSE(parsed->result.hadErrors);
  EXPECT_TRUE(parsed->messages().empty());
}

TEST(ParserDecls, SchemaWithTypesNullableEnumsKeyAndPii) {
  std::unique_ptr<Parsed> parsed = parse(R"(schema {
  contact {
    id: int key
    email: string pii
    age: int?
    gender: enum { female, male, other }
    tier: enum { a, b, }?
    secret: string key pii
  }
  event purchase { amount: float  note: string? }
  event form_submit { }
})");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  const SchemaDecl* schemaDecl = onlyDecl<SchemaDecl>(*parsed, DeclKind::Schema);
  ASSERT_NE(schemaDecl, nullptr);
  const SchemaDecl& schema = *schemaDecl;
  ASSERT_EQ(schema.blocks.size(), 3u);

  const SchemaBlock& contact = schema.blocks[0];
  EXPECT_TRUE(contact.isContact);
  ASSERT_EQ(contact.fields.size(), 6u);
  EXPECT_EQ(contact.fields[0].name.text, "id");
  EXPECT_EQ(contact.fields[0].type.name.text, "int");
  EXPECT_FALSE(contact.fields[0].type.nullable);
  EXPECT_TRUE(contact.fields[0].isKey);
  EXPECT_FALSE(contact.fields[0].isPii);
  EXPECT_EQ(contact.fields[1].type.name.text, "string");
  EXPECT_TRUE(contact.fields[1].isPii);
  EXPECT_FALSE(contact.fields[1].isKey);
  EXPECT_EQ(contact.fields[2].name.text, "age");
  EXPECT_TRUE(contact.fields[2].type.nullable);
  EXPECT_FALSE(contact.fields[2].type.isEnum);

  const TypeRef& gender = contact.fields[3].type;
  EXPECT_TRUE(gender.isEnum);
  EXPECT_FALSE(gender.nullable);
  ASSERT_EQ(gender.enumValues.size(), 3u);
  EXPECT_EQ(gender.enumValues[0].text, "female");
  EXPECT_EQ(gender.enumValues[2].text, "other");

  const TypeRef& tier = contact.fields[4].type;
  EXPECT_TRUE(tier.isEnum);
  EXPECT_TRUE(tier.nullable);
  ASSERT_EQ(tier.enumValues.size(), 2u);

  EXPECT_TRUE(contact.fields[5].isKey);
  EXPECT_TRUE(contact.fields[5].isPii);
  EXPECT_EQ(contact.fields[5].modifierRanges.size(), 2u);

  const SchemaBlock& purchase = schema.blocks[1];
  EXPECT_FALSE(purchase.isContact);
  EXPECT_EQ(purchase.eventName.text, "purchase");
  ASSERT_EQ(purchase.fields.size(), 2u);
  EXPECT_EQ(purchase.fields[0].name.text, "amount");
  EXPECT_EQ(purchase.fields[0].type.name.text, "float");
  EXPECT_TRUE(purchase.fields[1].type.nullable);

  EXPECT_EQ(schema.blocks[2].eventName.text, "form_submit");
  EXPECT_TRUE(schema.blocks[2].fields.empty());
}

TEST(ParserDecls, SchemaFieldsMayBeNamedWithSoftKeywords) {
  std::unique_ptr<Parsed> parsed =
      parse("schema { contact { key: int key  range: string  max: float  event: bool } }");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  const SchemaDecl* schemaDecl = onlyDecl<SchemaDecl>(*parsed, DeclKind::Schema);
  ASSERT_NE(schemaDecl, nullptr);
  const SchemaDecl& schema = *schemaDecl;
  ASSERT_EQ(schema.blocks.size(), 1u);
  ASSERT_EQ(schema.blocks[0].fields.size(), 4u);
  EXPECT_EQ(schema.blocks[0].fields[0].name.text, "key");
  EXPECT_TRUE(schema.blocks[0].fields[0].isKey);
  EXPECT_EQ(schema.blocks[0].fields[1].name.text, "range");
  EXPECT_EQ(schema.blocks[0].fields[2].name.text, "max");
  EXPECT_EQ(schema.blocks[0].fields[3].name.text, "event");
}

TEST(ParserDecls, SegmentHasNameRangeAndCondition) {
  std::unique_ptr<Parsed> parsed = parse("segment recent_buyers = exists(purchase within 7d)");
  const SegmentDecl* segmentDecl = onlyDecl<SegmentDecl>(*parsed, DeclKind::Segment);
  ASSERT_NE(segmentDecl, nullptr);
  const SegmentDecl& segment = *segmentDecl;
  EXPECT_EQ(segment.name.text, "recent_buyers");
  EXPECT_EQ(segment.name.range.begin, (SourcePos{1, 9}));
  EXPECT_EQ(segment.name.range.end, (SourcePos{1, 22}));
  EXPECT_FALSE(segment.incomplete);
  ASSERT_NE(segment.condition, nullptr);
  EXPECT_EQ(dump(*segment.condition), "exists(purchase within 7d)");
}

TEST(ParserDecls, ItemsNeedNoSeparator) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x segment b = y metric m = count()");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  ASSERT_EQ(parsed->module().decls.size(), 3u);
  EXPECT_EQ(parsed->module().decls[0]->as<SegmentDecl>().name.text, "a");
  EXPECT_EQ(dump(*parsed->module().decls[0]->as<SegmentDecl>().condition), "x");
  EXPECT_EQ(parsed->module().decls[1]->as<SegmentDecl>().name.text, "b");
  EXPECT_EQ(parsed->module().decls[2]->kind, DeclKind::Metric);
}

TEST(ParserDecls, PartitionBranchesWithElse) {
  std::unique_ptr<Parsed> parsed = parse(R"(partition lifecycle {
  churned = last_seen_at < now - 90d
  new     = days_since(signup_at) <= 14
  dormant = else
})");
  const PartitionDecl* partitionDecl = onlyDecl<PartitionDecl>(*parsed, DeclKind::Partition);
  ASSERT_NE(partitionDecl, nullptr);
  const PartitionDecl& partition = *partitionDecl;
  EXPECT_EQ(partition.name.text, "lifecycle");
  EXPECT_FALSE(partition.incomplete);
  ASSERT_EQ(partition.branches.size(), 3u);
  EXPECT_EQ(partition.branches[0].name.text, "churned");
  ASSERT_NE(partition.branches[0].condition, nullptr);
  EXPECT_EQ(dump(*partition.branches[0].condition), "(< last_seen_at (- now 90d))");
  EXPECT_EQ(partition.branches[1].name.text, "new");
  EXPECT_EQ(dump(*partition.branches[1].condition), "(<= days_since(signup_at) 14)");
  EXPECT_EQ(partition.branches[2].name.text, "dormant");
  EXPECT_EQ(partition.branches[2].condition, nullptr);
  EXPECT_EQ(partition.branches[2].elseRange.begin, (SourcePos{4, 13}));
}

TEST(ParserDecls, PartitionWithoutElseAndEmptyPartition) {
  std::unique_ptr<Parsed> parsed = parse("partition p { a = x  b = y } partition q { }");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  ASSERT_EQ(parsed->module().decls.size(), 2u);
  const auto& p = parsed->module().decls[0]->as<PartitionDecl>();
  ASSERT_EQ(p.branches.size(), 2u);
  EXPECT_NE(p.branches[1].condition, nullptr);
  EXPECT_TRUE(parsed->module().decls[1]->as<PartitionDecl>().branches.empty());
}

TEST(ParserDecls, ScoreWithEveryKindOfItem) {
  std::unique_ptr<Parsed> parsed = parse(R"(score lead_score {
  decay half_life 14d
  range 0 100
  5  per email_open where campaign == "x" within 30d max 30
  2.5 per page_view
  20 if plan == pro
  -10 if last_seen_at < now - 60d
  +3 if email_opt_in
})");
  const ScoreDecl* scoreDecl = onlyDecl<ScoreDecl>(*parsed, DeclKind::Score);
  ASSERT_NE(scoreDecl, nullptr);
  const ScoreDecl& score = *scoreDecl;
  EXPECT_EQ(score.name.text, "lead_score");
  EXPECT_FALSE(score.incomplete);
  ASSERT_EQ(score.items.size(), 7u);

  const ScoreItem& decay = score.items[0];
  EXPECT_EQ(decay.kind, ScoreItemKind::Decay);
  ASSERT_NE(decay.halfLife, nullptr);
  EXPECT_EQ(dump(*decay.halfLife), "14d");

  const ScoreItem& range = score.items[1];
  EXPECT_EQ(range.kind, ScoreItemKind::Range);
  EXPECT_EQ(range.low.value, 0);
  EXPECT_EQ(range.high.value, 100);
  EXPECT_TRUE(range.high.isInt);

  const ScoreItem& per = score.items[2];
  EXPECT_EQ(per.kind, ScoreItemKind::PerEvent);
  EXPECT_EQ(per.points.value, 5);
  EXPECT_EQ(per.event.text, "email_open");
  ASSERT_NE(per.where, nullptr);
  EXPECT_EQ(dump(*per.where), "(== campaign \"x\")");
  ASSERT_NE(per.within, nullptr);
  EXPECT_EQ(dump(*per.within), "30d");
  ASSERT_TRUE(per.cap.has_value());
  EXPECT_EQ(per.cap->value, 30);

  const ScoreItem& bare = score.items[3];
  EXPECT_EQ(bare.kind, ScoreItemKind::PerEvent);
  EXPECT_DOUBLE_EQ(bare.points.value, 2.5);
  EXPECT_FALSE(bare.points.isInt);
  EXPECT_EQ(bare.points.spelling, "2.5");
  EXPECT_EQ(bare.where, nullptr);
  EXPECT_EQ(bare.within, nullptr);
  EXPECT_FALSE(bare.cap.has_value());

  const ScoreItem& positive = score.items[4];
  EXPECT_EQ(positive.kind, ScoreItemKind::IfCondition);
  EXPECT_EQ(positive.points.value, 20);
  // The next line's "-10" must not be read as "pro - 10".
  EXPECT_EQ(dump(*positive.condition), "(== plan pro)");

  const ScoreItem& negative = score.items[5];
  EXPECT_EQ(negative.kind, ScoreItemKind::IfCondition);
  EXPECT_EQ(negative.points.value, -10);
  EXPECT_TRUE(negative.points.isInt);
  EXPECT_EQ(negative.points.spelling, "-10");
  EXPECT_EQ(dump(*negative.condition), "(< last_seen_at (- now 60d))");

  const ScoreItem& plus = score.items[6];
  EXPECT_EQ(plus.points.value, 3);
  EXPECT_EQ(plus.points.spelling, "+3");
  EXPECT_EQ(dump(*plus.condition), "email_opt_in");
}

TEST(ParserDecls, NegativeRuleAfterPerRuleWithWindowStartsANewRule) {
  std::unique_ptr<Parsed> parsed = parse("score s {\n  3 per page_view within 7d\n  -1 if x\n}");
  const ScoreDecl* scoreDecl = onlyDecl<ScoreDecl>(*parsed, DeclKind::Score);
  ASSERT_NE(scoreDecl, nullptr);
  const ScoreDecl& score = *scoreDecl;
  ASSERT_EQ(score.items.size(), 2u);
  EXPECT_EQ(dump(*score.items[0].within), "7d");
  EXPECT_EQ(score.items[1].points.value, -1);
}

TEST(ParserDecls, ScoreRangeAndCapAcceptSignedAndFloatNumbers) {
  std::unique_ptr<Parsed> parsed =
      parse("score s {\n  range -5.5 +5\n  -2 per purchase max 1.5\n}");
  const ScoreDecl* scoreDecl = onlyDecl<ScoreDecl>(*parsed, DeclKind::Score);
  ASSERT_NE(scoreDecl, nullptr);
  const ScoreDecl& score = *scoreDecl;
  ASSERT_EQ(score.items.size(), 2u);
  EXPECT_DOUBLE_EQ(score.items[0].low.value, -5.5);
  EXPECT_FALSE(score.items[0].low.isInt);
  EXPECT_EQ(score.items[0].low.spelling, "-5.5");
  EXPECT_EQ(score.items[0].high.value, 5);
  EXPECT_EQ(score.items[1].points.value, -2);
  ASSERT_TRUE(score.items[1].cap.has_value());
  EXPECT_DOUBLE_EQ(score.items[1].cap->value, 1.5);
}

TEST(ParserDecls, MetricWithForAndSeveralGroups) {
  std::unique_ptr<Parsed> parsed =
      parse("metric churn = percent(lifecycle == churned) for vip by plan, device");
  const MetricDecl* metricDecl = onlyDecl<MetricDecl>(*parsed, DeclKind::Metric);
  ASSERT_NE(metricDecl, nullptr);
  const MetricDecl& metric = *metricDecl;
  EXPECT_EQ(metric.name.text, "churn");
  ASSERT_NE(metric.value, nullptr);
  EXPECT_EQ(dump(*metric.value), "percent((== lifecycle churned))");
  ASSERT_NE(metric.forCondition, nullptr);
  EXPECT_EQ(dump(*metric.forCondition), "vip");
  ASSERT_EQ(metric.groupBy.size(), 2u);
  EXPECT_EQ(metric.groupBy[0].text, "plan");
  EXPECT_EQ(metric.groupBy[1].text, "device");
}

TEST(ParserDecls, MetricWithOnlyAValue) {
  std::unique_ptr<Parsed> parsed = parse("metric nps = percent(nps >= 9) - percent(nps <= 6)");
  const MetricDecl* metricDecl = onlyDecl<MetricDecl>(*parsed, DeclKind::Metric);
  ASSERT_NE(metricDecl, nullptr);
  const MetricDecl& metric = *metricDecl;
  EXPECT_EQ(dump(*metric.value), "(- percent((>= nps 9)) percent((<= nps 6)))");
  EXPECT_EQ(metric.forCondition, nullptr);
  EXPECT_TRUE(metric.groupBy.empty());
}

TEST(ParserDecls, MetricForConditionMayBeAnyExpression) {
  std::unique_ptr<Parsed> parsed =
      parse("metric m = count() for company_size >= 100 and plan == pro by country");
  const MetricDecl* metricDecl = onlyDecl<MetricDecl>(*parsed, DeclKind::Metric);
  ASSERT_NE(metricDecl, nullptr);
  const MetricDecl& metric = *metricDecl;
  ASSERT_NE(metric.forCondition, nullptr);
  EXPECT_EQ(dump(*metric.forCondition), "(and (>= company_size 100) (== plan pro))");
  ASSERT_EQ(metric.groupBy.size(), 1u);
}

TEST(ParserDecls, ImportKeepsTheDecodedPathAndItsRange) {
  std::unique_ptr<Parsed> parsed = parse("import \"crm.schema.seg\"\nimport \"dir\\\\x.seg\"");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  ASSERT_EQ(parsed->module().decls.size(), 2u);
  const auto& first = parsed->module().decls[0]->as<ImportDecl>();
  EXPECT_EQ(first.kind, DeclKind::Import);
  EXPECT_EQ(first.path, "crm.schema.seg");
  EXPECT_EQ(first.pathRange.begin, (SourcePos{1, 8}));
  EXPECT_EQ(first.pathRange.end, (SourcePos{1, 24}));
  EXPECT_EQ(parsed->module().decls[1]->as<ImportDecl>().path, "dir\\x.seg");
}

TEST(ParserDecls, CommentsAreSkippedAndKept) {
  std::unique_ptr<Parsed> parsed = parse("// header\n"
                                         "segment a = x // trailing\n"
                                         "/* block\n   over lines */ segment b = /* inline */ y\n");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  ASSERT_EQ(parsed->module().decls.size(), 2u);
  EXPECT_EQ(dump(*parsed->module().decls[1]->as<SegmentDecl>().condition), "y");
  const std::vector<Comment>& comments = parsed->result.comments;
  ASSERT_EQ(comments.size(), 4u);
  EXPECT_EQ(comments[0].text, "// header");
  EXPECT_TRUE(comments[0].startsLine);
  EXPECT_EQ(comments[1].text, "// trailing");
  EXPECT_FALSE(comments[1].startsLine);
  EXPECT_EQ(comments[2].text, "/* block\n   over lines */");
  EXPECT_TRUE(comments[2].startsLine);
  EXPECT_EQ(comments[2].range.begin, (SourcePos{3, 1}));
  EXPECT_EQ(comments[2].range.end, (SourcePos{4, 17}));
  EXPECT_EQ(comments[3].text, "/* inline */");
  EXPECT_FALSE(comments[3].startsLine);
}

TEST(ParserDecls, BlockCommentsDoNotNest) {
  // The first "*/" ends the comment, so "still */" is code and a syntax error.
  std::unique_ptr<Parsed> parsed = parse("/* outer /* inner */ still */ segment a = x");
  EXPECT_FALSE(parsed->messages().empty());
}

TEST(ParserDecls, CommentMarkersInsideStringsAreText) {
  EXPECT_EQ(shape("url == \"http://x/*y*/\""), "(== url \"http://x/*y*/\")");
}

TEST(ParserDecls, CrlfLineEndingsAreWhitespace) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x\r\n  and y\r\nsegment b = z\r\n");
  ASSERT_TRUE(parsed->messages().empty()) << parsed->rendered();
  ASSERT_EQ(parsed->module().decls.size(), 2u);
  EXPECT_EQ(dump(*parsed->module().decls[0]->as<SegmentDecl>().condition), "(and x y)");
}

} // namespace
} // namespace seg

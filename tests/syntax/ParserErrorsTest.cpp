// Parser tests: the wording of typical syntax errors, parsed into the expected AST shape.
#include "ParserSupport.h"

#include <gtest/gtest.h>

namespace seg {
namespace {

using namespace parser_test;

// ------------------------------------------------------------------------------ syntax errors

TEST(ParserErrors, MissingExpression) {
  EXPECT_EQ(firstSyntaxError("segment a ="),
            "test.seg:1:12: error: unexpected end of file; expected an expression");
}

TEST(ParserErrors, MissingNameAfterBy) {
  EXPECT_EQ(firstSyntaxError("metric m = count() by"),
            "test.seg:1:22: error: missing a name before end of file");
}

TEST(ParserErrors, MissingExpressionBeforeNextItem) {
  EXPECT_EQ(firstSyntaxError("segment a =\nsegment b = x"),
            "test.seg:2:1: error: unexpected 'segment'; expected an expression");
}

TEST(ParserErrors, SingleEqualsInsteadOfDoubleEquals) {
  std::unique_ptr<Parsed> parsed = parse("segment a = age = 3");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0],
            "test.seg:1:17: error: unexpected '='; expected end of file, 'import', 'schema', "
            "'segment', 'partition', 'score', 'metric' or 'cluster'");
  EXPECT_NE(parsed->rendered().find("hint: use '==' to compare values"), std::string::npos)
      << parsed->rendered();
}

TEST(ParserErrors, DoubleAmpersandIsOneError) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x && y");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:15: error: unexpected characters '&&'");
  EXPECT_NE(parsed->rendered().find("hint: write 'and' instead of '&&'"), std::string::npos);
}

TEST(ParserErrors, BangIsNotNegation) {
  std::unique_ptr<Parsed> parsed = parse("segment a = !x");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:13: error: unexpected character '!'");
}

TEST(ParserErrors, SingleQuotedString) {
  std::unique_ptr<Parsed> parsed = parse("segment a = city == 'x'");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:21: error: unexpected character '''");
  EXPECT_NE(parsed->rendered().find("strings are written in double quotes"), std::string::npos);
}

TEST(ParserErrors, ControlCharacterIsNamedByCodePoint) {
  EXPECT_EQ(firstSyntaxError("segment a = x\x01"),
            "test.seg:1:14: error: unexpected control character U+0001");
}

TEST(ParserErrors, UnterminatedString) {
  std::unique_ptr<Parsed> parsed = parse("segment a = city == \"New York\nsegment b = x");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:21: error: unterminated string literal");
  // Parsing goes on as if the string were closed: the next segment is still read.
  EXPECT_EQ(parsed->module().decls.size(), 2u);
}

TEST(ParserErrors, UnterminatedBlockComment) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x\n  /* never closed\nsegment b = y");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:2:3: error: unterminated block comment");
  EXPECT_NE(parsed->rendered().find("hint: close it with '*/'"), std::string::npos);
}

TEST(ParserErrors, HardKeywordAsSegmentName) {
  std::unique_ptr<Parsed> parsed = parse("segment in = age > 3");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:9: error: unexpected 'in'; expected a name");
  EXPECT_NE(parsed->rendered().find("'in' is a keyword and cannot be used as a name"),
            std::string::npos)
      << parsed->rendered();
}

TEST(ParserErrors, HardKeywordAsFieldName) {
  std::unique_ptr<Parsed> parsed = parse("schema { contact { id: int key  score: int } }");
  ASSERT_FALSE(parsed->messages().empty());
  EXPECT_EQ(parsed->messages()[0],
            "test.seg:1:33: error: unexpected 'score'; expected a name or '}'");
  EXPECT_NE(parsed->rendered().find("'score' is a keyword and cannot be used as a name"),
            std::string::npos);
}

TEST(ParserErrors, UnknownDurationUnit) {
  std::unique_ptr<Parsed> parsed = parse("segment a = last_seen_at < now - 30days");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:36: error: unknown duration unit 'days'");
  EXPECT_NE(parsed->rendered().find("durations are written 90s, 30m, 12h, 7d or 2w"),
            std::string::npos);
}

TEST(ParserErrors, MonthsAndYearsAreNotDurationUnits) {
  std::unique_ptr<Parsed> parsed = parse("segment a = last_seen_at < now - 1y");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:35: error: unknown duration unit 'y'");
  EXPECT_NE(parsed->rendered().find("months and years vary in length"), std::string::npos);
}

TEST(ParserErrors, DurationTooLarge) {
  EXPECT_EQ(firstSyntaxError("segment a = x > 99999999999999999w"),
            "test.seg:1:17: error: duration is too large");
}

TEST(ParserErrors, ImpossibleCalendarDates) {
  EXPECT_EQ(firstSyntaxError("segment a = x > @2026-02-30"),
            "test.seg:1:26: error: day 30 does not exist in 2026-02");
  EXPECT_EQ(firstSyntaxError("segment a = x > @2026-02-29"),
            "test.seg:1:26: error: day 29 does not exist in 2026-02");
  EXPECT_EQ(firstSyntaxError("segment a = x > @2026-13-01"),
            "test.seg:1:23: error: month 13 does not exist");
  EXPECT_EQ(firstSyntaxError("segment a = x > @2100-02-29"),
            "test.seg:1:26: error: day 29 does not exist in 2100-02");
}

TEST(ParserErrors, TimestampWithoutZone) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x > @2026-03-31T12:00:00");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:37: error: timestamp needs a time zone");
  EXPECT_NE(parsed->rendered().find("add 'Z' for UTC or an offset like +02:00"), std::string::npos);
}

TEST(ParserErrors, MalformedTimestamps) {
  EXPECT_EQ(firstSyntaxError("segment a = x > @26-03-31"),
            "test.seg:1:18: error: expected a 4-digit year");
  EXPECT_EQ(firstSyntaxError("segment a = x > @2026-03-31T25:00Z"),
            "test.seg:1:29: error: time of day out of range");
  EXPECT_EQ(firstSyntaxError("segment a = x > @2026-03-31T12:00+2"),
            "test.seg:1:34: error: invalid time zone offset");
  EXPECT_EQ(firstSyntaxError("segment a = x > @"), "test.seg:1:17: error: empty timestamp literal");
}

TEST(ParserErrors, IntegerOverflow) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x > 9223372036854775808");
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:17: error: integer literal is out of range");
}

TEST(ParserErrors, FloatOverflow) {
  EXPECT_EQ(firstSyntaxError("segment a = x > 1e999"),
            "test.seg:1:17: error: number is out of range");
}

TEST(ParserErrors, IntegerOverflowInScorePoints) {
  EXPECT_EQ(firstSyntaxError("score s {\n  99999999999999999999 if x\n}"),
            "test.seg:2:3: error: integer literal is out of range");
}

TEST(ParserErrors, BadStringEscapes) {
  EXPECT_EQ(firstSyntaxError(R"(segment a = x == "a\qb")"),
            "test.seg:1:20: error: unknown escape sequence '\\q'");
  EXPECT_EQ(firstSyntaxError(R"(segment a = x == "\u{D800}")"),
            "test.seg:1:19: error: invalid unicode escape");
  EXPECT_EQ(firstSyntaxError(R"(segment a = x == "\u{110000}")"),
            "test.seg:1:19: error: invalid unicode escape");
  EXPECT_EQ(firstSyntaxError(R"(segment a = x == "\u41")"),
            "test.seg:1:19: error: invalid unicode escape");
}

TEST(ParserErrors, ChainedComparison) {
  EXPECT_EQ(firstSyntaxError("segment a = 1 < age < 30"),
            "test.seg:1:21: error: unexpected '<'; expected end of file, 'import', 'schema', "
            "'segment', 'partition', 'score', 'metric' or 'cluster'");
}

TEST(ParserErrors, FloatWithoutLeadingDigit) {
  EXPECT_EQ(firstSyntaxError("segment a = x > .5"),
            "test.seg:1:17: error: unexpected '.'; expected an expression");
}

TEST(ParserErrors, MissingClosingParenthesis) {
  EXPECT_EQ(firstSyntaxError("segment a = count(purchase\nsegment b = x"),
            "test.seg:2:1: error: unexpected 'segment'; expected ')' or ','");
}

TEST(ParserErrors, InvalidUtf8) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x == \"\xFF\"");
  ASSERT_EQ(parsed->messages().size(), 1u);
  EXPECT_EQ(parsed->messages()[0], "test.seg:1:19: error: file is not valid UTF-8 (byte 0xFF)");
  EXPECT_TRUE(parsed->result.hadErrors);
}

TEST(ParserErrors, ErrorDropsOnlyTheBrokenDeclaration) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x\nsegment b = ( \nsegment c = z");
  EXPECT_TRUE(parsed->result.hadErrors);
  std::vector<std::string> names;
  for (const DeclPtr& decl : parsed->module().decls)
    if (decl->kind == DeclKind::Segment && !decl->incomplete)
      names.push_back(decl->as<SegmentDecl>().name.text);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "c"}));
}

TEST(ParserErrors, SeveralErrorsInOneFileAreAllReported) {
  std::unique_ptr<Parsed> parsed = parse("segment a = x && y\n"
                                         "segment b = age = 3\n"
                                         "segment ok = true\n"
                                         "segment c = now - 30days\n"
                                         "segment d = x > @2026-02-30\n");
  std::vector<std::string> messages = parsed->messages();
  ASSERT_GE(messages.size(), 4u) << parsed->rendered();
  std::vector<std::uint32_t> lines;
  for (const SourceDiagnostic& d : parsed->diagnostics.all())
    lines.push_back(d.range.begin.line);
  for (std::uint32_t line : {1u, 2u, 4u, 5u})
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end()) << "line " << line;
  EXPECT_EQ(std::find(lines.begin(), lines.end(), 3u), lines.end());
  bool okParsed = false;
  for (const DeclPtr& decl : parsed->module().decls)
    okParsed = okParsed || (decl->kind == DeclKind::Segment &&
                            decl->as<SegmentDecl>().name.text == "ok" && !decl->incomplete);
  EXPECT_TRUE(okParsed);
}

TEST(ParserErrors, SyntaxErrorsAreCappedAt25PerFile) {
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "segment s" + std::to_string(i) + " = x &&& y\n";
  std::unique_ptr<Parsed> parsed = parse(text);
  std::vector<std::string> messages = parsed->messages();
  ASSERT_EQ(messages.size(), 26u) << parsed->rendered();
  EXPECT_EQ(messages[24].rfind("test.seg:25:", 0), 0u) << messages[24];
  EXPECT_EQ(messages[25],
            "test.seg: error: too many syntax errors (25); stopped reading this file");
}

TEST(ParserErrors, SyntaxErrorCapFollowsTheLimit) {
  std::string text;
  for (int i = 0; i < 10; ++i)
    text += "segment s" + std::to_string(i) + " = x $ y\n";
  ParseLimits limits;
  limits.maxSyntaxErrors = 3;
  std::unique_ptr<Parsed> parsed = parse(text, limits);
  std::vector<std::string> messages = parsed->messages();
  ASSERT_EQ(messages.size(), 4u) << parsed->rendered();
  EXPECT_EQ(messages[3], "test.seg: error: too many syntax errors (3); stopped reading this file");
}

TEST(ParserErrors, NestingDeeperThanTheLimitIsRejected) {
  ParseLimits limits;
  limits.maxNesting = 10;
  std::unique_ptr<Parsed> parsed =
      parse("segment a = " + std::string(11, '(') + "x" + std::string(11, ')'), limits);
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0],
            "test.seg:1:23: error: nesting is too deep (more than 10 levels)");
  std::unique_ptr<Parsed> fine =
      parse("segment a = " + std::string(10, '(') + "x" + std::string(10, ')'), limits);
  EXPECT_TRUE(fine->messages().empty()) << fine->rendered();
}

TEST(ParserErrors, LongOperatorChainsBeyondTheDepthLimitAreRejected) {
  ParseLimits limits;
  limits.maxExprDepth = 20;
  std::string chain = "x";
  for (int i = 0; i < 30; ++i)
    chain += " or x";
  std::unique_ptr<Parsed> parsed = parse("segment a = " + chain, limits);
  ASSERT_EQ(parsed->messages().size(), 1u) << parsed->rendered();
  EXPECT_EQ(parsed->messages()[0],
            "test.seg:1:13: error: expression is too deeply nested (more than 20 levels)");
}

TEST(ParserErrors, ManyAlternativesWithinTheDefaultLimitsParse) {
  std::string chain = "x";
  for (int i = 0; i < 500; ++i)
    chain += " or x";
  std::unique_ptr<Parsed> parsed = parse("segment a = " + chain);
  EXPECT_TRUE(parsed->messages().empty()) << parsed->messages().front();
}

} // namespace
} // namespace seg

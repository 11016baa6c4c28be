// Parser tests: literal decoding, operator precedence, comparisons and calls, parsed into the
// expected AST shape.
#include "ParserSupport.h"

#include <gtest/gtest.h>

namespace seg {
namespace {

using namespace parser_test;

// ------------------------------------------------------------------------------ literals

TEST(ParserLiterals, IntegerLiteralIsDecoded) {
  ParsedExpr p = parseCondition("42");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::IntLiteral);
  EXPECT_EQ(p.expr->as<IntLiteral>().value, 42);
}

TEST(ParserLiterals, LargestIntegerLiteralFits) {
  ParsedExpr p = parseCondition("9223372036854775807");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::IntLiteral);
  EXPECT_EQ(p.expr->as<IntLiteral>().value, INT64_MAX);
}

TEST(ParserLiterals, NegativeNumberIsUnaryMinusOfLiteral) {
  ParsedExpr p = parseCondition("-5");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Unary);
  const auto& unary = p.expr->as<UnaryExpr>();
  EXPECT_EQ(unary.op, UnaryOp::Negate);
  ASSERT_EQ(unary.operand->kind, ExprKind::IntLiteral);
  EXPECT_EQ(unary.operand->as<IntLiteral>().value, 5);
}

TEST(ParserLiterals, FloatLiteralsWithAndWithoutExponentAreDecoded) {
  struct Case {
    const char* text;
    double value;
  };
  for (Case c : {Case{"1.5", 1.5}, Case{"0.25", 0.25}, Case{"1.5e3", 1500.0},
                 Case{"2.5E-3", 0.0025}, Case{"1e6", 1e6}, Case{"3E+2", 300.0}}) {
    SCOPED_TRACE(c.text);
    ParsedExpr p = parseCondition(c.text);
    ASSERT_NE(p.expr, nullptr);
    ASSERT_EQ(p.expr->kind, ExprKind::FloatLiteral);
    EXPECT_DOUBLE_EQ(p.expr->as<FloatLiteral>().value, c.value);
    EXPECT_EQ(p.expr->as<FloatLiteral>().spelling, c.text);
  }
}

TEST(ParserLiterals, StringEscapesAreDecoded) {
  struct Case {
    const char* source;
    std::string value;
  };
  for (const Case& c :
       {Case{R"("New York")", "New York"}, Case{R"("")", ""}, Case{R"("say \"hi\"")", "say \"hi\""},
        Case{R"("a\\b")", "a\\b"}, Case{R"("line\nbreak")", "line\nbreak"},
        Case{R"("tab\there")", "tab\there"}, Case{R"("cr\r")", "cr\r"}, Case{R"("\u{41}")", "A"},
        Case{R"("\u{e9}")", "\xC3\xA9"}, Case{R"("\u{1F600}")", "\xF0\x9F\x98\x80"},
        Case{R"("\u{10FFFF}")", "\xF4\x8F\xBF\xBF"}}) {
    SCOPED_TRACE(c.source);
    ParsedExpr p = parseCondition(c.source);
    ASSERT_NE(p.expr, nullptr);
    ASSERT_EQ(p.expr->kind, ExprKind::StringLiteral);
    EXPECT_EQ(p.expr->as<StringLiteral>().value, c.value);
  }
}

TEST(ParserLiterals, UnicodeTextInStringsIsKeptAsUtf8) {
  ParsedExpr p = parseCondition("\"Zürich 😀\"");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::StringLiteral);
  EXPECT_EQ(p.expr->as<StringLiteral>().value, "Zürich 😀");
}

TEST(ParserLiterals, DurationsAreDecodedToMicroseconds) {
  struct Case {
    const char* text;
    std::int64_t amount;
    char unit;
    std::int64_t micros;
  };
  for (Case c : {Case{"90s", 90, 's', 90'000'000}, Case{"30m", 30, 'm', 1'800'000'000},
                 Case{"12h", 12, 'h', 43'200'000'000}, Case{"7d", 7, 'd', 604'800'000'000},
                 Case{"2w", 2, 'w', 1'209'600'000'000}, Case{"0d", 0, 'd', 0}}) {
    SCOPED_TRACE(c.text);
    ParsedExpr p = parseCondition(c.text);
    ASSERT_NE(p.expr, nullptr);
    ASSERT_EQ(p.expr->kind, ExprKind::DurationLiteral);
    const auto& d = p.expr->as<DurationLiteral>();
    EXPECT_EQ(d.amount, c.amount);
    EXPECT_EQ(d.unit, c.unit);
    EXPECT_EQ(d.micros, c.micros);
  }
}

TEST(ParserLiterals, TimestampsAreDecodedToUtcMicroseconds) {
  struct Case {
    const char* text;
    std::int64_t micros;
  };
  for (Case c : {Case{"@2026-03-31", 1'774'915'200'000'000},
                 Case{"@2026-03-31T12:00:00Z", 1'774'958'400'000'000},
                 Case{"@2026-03-31T12:00Z", 1'774'958'400'000'000},
                 Case{"@2026-03-31T12:00:00+02:00", 1'774'951'200'000'000},
                 Case{"@2026-03-31T12:00:00-05:30", 1'774'978'200'000'000},
                 Case{"@2026-03-31T12:00:00.5Z", 1'774'958'400'500'000},
                 Case{"@2024-02-29", 1'709'164'800'000'000}, Case{"@1970-01-01", 0},
                 Case{"@1969-12-31", -86'400'000'000}}) {
    SCOPED_TRACE(c.text);
    ParsedExpr p = parseCondition(c.text);
    ASSERT_NE(p.expr, nullptr);
    ASSERT_EQ(p.expr->kind, ExprKind::TimestampLiteral);
    EXPECT_EQ(p.expr->as<TimestampLiteral>().micros, c.micros);
    EXPECT_EQ(p.expr->as<TimestampLiteral>().spelling, std::string(c.text).substr(1));
  }
}

TEST(ParserLiterals, BooleansAndNowAreLiterals) {
  ParsedExpr t = parseCondition("true");
  ASSERT_NE(t.expr, nullptr);
  ASSERT_EQ(t.expr->kind, ExprKind::BoolLiteral);
  EXPECT_TRUE(t.expr->as<BoolLiteral>().value);

  ParsedExpr f = parseCondition("false");
  ASSERT_NE(f.expr, nullptr);
  ASSERT_EQ(f.expr->kind, ExprKind::BoolLiteral);
  EXPECT_FALSE(f.expr->as<BoolLiteral>().value);

  ParsedExpr now = parseCondition("now");
  ASSERT_NE(now.expr, nullptr);
  EXPECT_EQ(now.expr->kind, ExprKind::Now);
}

TEST(ParserLiterals, NameIsANameReference) {
  ParsedExpr p = parseCondition("last_seen_at");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Name);
  EXPECT_EQ(p.expr->as<NameExpr>().name, "last_seen_at");
  EXPECT_EQ(p.expr->as<NameExpr>().ref, NameKind::Unresolved);
}

// ------------------------------------------------------------------------------ precedence

TEST(ParserPrecedence, AndBindsTighterThanOr) {
  EXPECT_EQ(shape("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(shape("a and b or c"), "(or (and a b) c)");
}

TEST(ParserPrecedence, OrAndAndAreLeftAssociative) {
  EXPECT_EQ(shape("a or b or c"), "(or (or a b) c)");
  EXPECT_EQ(shape("a and b and c"), "(and (and a b) c)");
}

TEST(ParserPrecedence, NotBindsTighterThanAndButLooserThanComparisons) {
  EXPECT_EQ(shape("not a and b"), "(and (not a) b)");
  EXPECT_EQ(shape("not a or b"), "(or (not a) b)");
  EXPECT_EQ(shape("not a == b"), "(not (== a b))");
  EXPECT_EQ(shape("not plan == pro and x"), "(and (not (== plan pro)) x)");
  EXPECT_EQ(shape("not not a"), "(not (not a))");
}

TEST(ParserPrecedence, EveryComparisonOperatorBuildsABinaryNode) {
  for (const char* op : {"==", "!=", "<", "<=", ">", ">="}) {
    SCOPED_TRACE(op);
    EXPECT_EQ(shape(std::string("a ") + op + " b"), std::string("(") + op + " a b)");
  }
}

TEST(ParserPrecedence, ComparisonsBindLooserThanAdditionAndTighterThanAnd) {
  EXPECT_EQ(shape("a + 1 == b - 2"), "(== (+ a 1) (- b 2))");
  EXPECT_EQ(shape("a < b and c >= d"), "(and (< a b) (>= c d))");
}

TEST(ParserPrecedence, MultiplicationBindsTighterThanAddition) {
  EXPECT_EQ(shape("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(shape("a * b + c"), "(+ (* a b) c)");
  EXPECT_EQ(shape("a - b / c % d"), "(- a (% (/ b c) d))");
}

TEST(ParserPrecedence, ArithmeticIsLeftAssociative) {
  EXPECT_EQ(shape("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(shape("a - b + c"), "(+ (- a b) c)");
  EXPECT_EQ(shape("a / b * c"), "(* (/ a b) c)");
  EXPECT_EQ(shape("a % b / c"), "(/ (% a b) c)");
}

TEST(ParserPrecedence, UnaryMinusBindsTighterThanMultiplication) {
  EXPECT_EQ(shape("-a * b"), "(* (- a) b)");
  EXPECT_EQ(shape("a * -b"), "(* a (- b))");
  EXPECT_EQ(shape("- - a"), "(- (- a))");
  EXPECT_EQ(shape("-a.b"), "(- a.b)");
}

TEST(ParserPrecedence, ParenthesesOverridePrecedenceWithoutANode) {
  EXPECT_EQ(shape("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(shape("a and (b or c)"), "(and a (or b c))");
  EXPECT_EQ(shape("((a))"), "a");
}

TEST(ParserPrecedence, OperatorsInTheAstHaveTheDocumentedPrecedenceOrder) {
  EXPECT_LT(binaryOpPrecedence(BinaryOp::Or), binaryOpPrecedence(BinaryOp::And));
  EXPECT_LT(binaryOpPrecedence(BinaryOp::And), binaryOpPrecedence(BinaryOp::Eq));
  EXPECT_EQ(binaryOpPrecedence(BinaryOp::Eq), binaryOpPrecedence(BinaryOp::Ge));
  EXPECT_LT(binaryOpPrecedence(BinaryOp::Lt), binaryOpPrecedence(BinaryOp::Add));
  EXPECT_EQ(binaryOpPrecedence(BinaryOp::Add), binaryOpPrecedence(BinaryOp::Sub));
  EXPECT_LT(binaryOpPrecedence(BinaryOp::Sub), binaryOpPrecedence(BinaryOp::Mul));
  EXPECT_EQ(binaryOpPrecedence(BinaryOp::Div), binaryOpPrecedence(BinaryOp::Mod));
}

TEST(ParserPrecedence, BinaryOperatorCarriesItsOwnRange) {
  ParsedExpr p = parseCondition("age + 1 > 3");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Binary);
  const auto& gt = p.expr->as<BinaryExpr>();
  // "segment s = " is 12 characters, so the expression starts in column 13.
  EXPECT_EQ(gt.range.begin, (SourcePos{1, 13}));
  EXPECT_EQ(gt.range.end, (SourcePos{1, 24}));
  EXPECT_EQ(gt.opRange.begin, (SourcePos{1, 21}));
  EXPECT_EQ(gt.opRange.end, (SourcePos{1, 22}));
  const auto& plus = gt.lhs->as<BinaryExpr>();
  EXPECT_EQ(plus.range.begin, (SourcePos{1, 13}));
  EXPECT_EQ(plus.range.end, (SourcePos{1, 20}));
}

// ------------------------------------------------------------------------------ comparison forms

TEST(ParserComparisons, BetweenTakesAdditiveBounds) {
  EXPECT_EQ(shape("age between 25 and 45"), "(between age 25 45)");
  EXPECT_EQ(shape("age between 1 + 1 and 2 * 3"), "(between age (+ 1 1) (* 2 3))");
}

TEST(ParserComparisons, BetweenAndDoesNotSwallowAFollowingAnd) {
  EXPECT_EQ(shape("age between 25 and 45 and x"), "(and (between age 25 45) x)");
}

TEST(ParserComparisons, NotBetweenIsANegatedBetween) {
  ParsedExpr p = parseCondition("age not between 25 and 45");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Between);
  EXPECT_TRUE(p.expr->as<BetweenExpr>().negated);
  EXPECT_EQ(shape("not age between 1 and 2"), "(not (between age 1 2))");
}

TEST(ParserComparisons, InListsAcceptTrailingCommaAndEmptyList) {
  EXPECT_EQ(shape("x in [1, 2, 3]"), "(in x [1, 2, 3])");
  EXPECT_EQ(shape("x in [\"a\", \"b\",]"), "(in x [\"a\", \"b\"])");
  EXPECT_EQ(shape("x in []"), "(in x [])");
  EXPECT_EQ(shape("x in [a + 1]"), "(in x [(+ a 1)])");
}

TEST(ParserComparisons, NotInIsANegatedIn) {
  ParsedExpr p = parseCondition("country not in [\"DE\", \"FR\"]");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::In);
  EXPECT_TRUE(p.expr->as<InExpr>().negated);
  EXPECT_EQ(p.expr->as<InExpr>().items.size(), 2u);
  EXPECT_EQ(shape("not x in [1]"), "(not (in x [1]))");
}

TEST(ParserComparisons, IsNullAndIsNotNull) {
  EXPECT_EQ(shape("nps is null"), "(is null nps)");
  EXPECT_EQ(shape("nps is not null"), "(is not null nps)");
  EXPECT_EQ(shape("not nps is null"), "(not (is null nps))");
  EXPECT_EQ(shape("a + b is null or c"), "(or (is null (+ a b)) c)");
}

// ------------------------------------------------------------------------------ calls and members

TEST(ParserCalls, CallWithoutArguments) {
  ParsedExpr p = parseCondition("count()");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Call);
  EXPECT_EQ(p.expr->as<CallExpr>().callee, "count");
  EXPECT_TRUE(p.expr->as<CallExpr>().args.empty());
}

TEST(ParserCalls, CallWithSeveralPlainArguments) {
  EXPECT_EQ(shape("coalesce(nps, 10, age + 1)"), "coalesce(nps, 10, (+ age 1))");
  EXPECT_EQ(shape("round(avg(purchase.amount), 2)"), "round(avg(purchase.amount), 2)");
}

TEST(ParserCalls, WhereAndWithinClausesAreAttachedToTheArgument) {
  ParsedExpr p = parseCondition("count(page_view where url == \"/pricing\" within 14d)");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Call);
  const auto& call = p.expr->as<CallExpr>();
  ASSERT_EQ(call.args.size(), 1u);
  const CallArg& arg = call.args[0];
  EXPECT_EQ(dump(*arg.value), "page_view");
  ASSERT_NE(arg.where, nullptr);
  EXPECT_EQ(dump(*arg.where), "(== url \"/pricing\")");
  EXPECT_EQ(arg.thenEvent, nullptr);
  EXPECT_EQ(arg.thenWhere, nullptr);
  ASSERT_NE(arg.within, nullptr);
  ASSERT_EQ(arg.within->kind, ExprKind::DurationLiteral);
  EXPECT_EQ(arg.within->as<DurationLiteral>().micros, 14 * 86'400'000'000LL);
}

TEST(ParserCalls, WithinWithoutWhere) {
  EXPECT_EQ(shape("sum(purchase.amount within 365d)"), "sum(purchase.amount within 365d)");
}

TEST(ParserCalls, WhereConditionMayUseAndOr) {
  EXPECT_EQ(shape("exists(purchase where amount > 5 and at < now - 30d)"),
            "exists(purchase where (and (> amount 5) (< at (- now 30d))))");
}

TEST(ParserCalls, SequenceWithThenWhereAndWithin) {
  ParsedExpr p = parseCondition(
      "exists(page_view where url == \"/pricing\" then purchase where amount > 10 within 2d)");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Call);
  const CallArg& arg = p.expr->as<CallExpr>().args.at(0);
  EXPECT_EQ(dump(*arg.value), "page_view");
  ASSERT_NE(arg.where, nullptr);
  EXPECT_EQ(dump(*arg.where), "(== url \"/pricing\")");
  ASSERT_NE(arg.thenEvent, nullptr);
  EXPECT_EQ(dump(*arg.thenEvent), "purchase");
  ASSERT_NE(arg.thenWhere, nullptr);
  EXPECT_EQ(dump(*arg.thenWhere), "(> amount 10)");
  ASSERT_NE(arg.within, nullptr);
  EXPECT_EQ(dump(*arg.within), "2d");
}

TEST(ParserCalls, SequenceWithoutClauses) {
  EXPECT_EQ(shape("exists(email_click then purchase)"), "exists(email_click then purchase)");
}

TEST(ParserCalls, MemberAccessChainsAreLeftNested) {
  ParsedExpr p = parseCondition("a.b.c");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Member);
  const auto& outer = p.expr->as<MemberExpr>();
  EXPECT_EQ(outer.member, "c");
  ASSERT_EQ(outer.base->kind, ExprKind::Member);
  EXPECT_EQ(outer.base->as<MemberExpr>().member, "b");
  ASSERT_EQ(outer.base->as<MemberExpr>().base->kind, ExprKind::Name);
  EXPECT_EQ(outer.base->as<MemberExpr>().base->as<NameExpr>().name, "a");
}

TEST(ParserCalls, MemberRangeCoversTheMemberName) {
  ParsedExpr p = parseCondition("lifecycle.at_risk");
  ASSERT_NE(p.expr, nullptr);
  ASSERT_EQ(p.expr->kind, ExprKind::Member);
  const auto& member = p.expr->as<MemberExpr>();
  EXPECT_EQ(member.memberRange.begin, (SourcePos{1, 23}));
  EXPECT_EQ(member.memberRange.end, (SourcePos{1, 30}));
  EXPECT_EQ(member.range.begin, (SourcePos{1, 13}));
}

TEST(ParserCalls, SoftKeywordsAreUsableAsNamesAndCallees) {
  EXPECT_EQ(shape("max(purchase.amount) > 5"), "(> max(purchase.amount) 5)");
  EXPECT_EQ(shape("key and pii or contact and event"), "(or (and key pii) (and contact event))");
  EXPECT_EQ(shape("decay + half_life + range + enum"), "(+ (+ (+ decay half_life) range) enum)");
}

TEST(ParserCalls, CallRangesCoverCalleeAndParentheses) {
  ParsedExpr p = parseCondition("count(purchase)");
  ASSERT_NE(p.expr, nullptr);
  const auto& call = p.expr->as<CallExpr>();
  EXPECT_EQ(call.calleeRange.begin, (SourcePos{1, 13}));
  EXPECT_EQ(call.calleeRange.end, (SourcePos{1, 18}));
  EXPECT_EQ(call.range.end, (SourcePos{1, 28}));
}

} // namespace
} // namespace seg

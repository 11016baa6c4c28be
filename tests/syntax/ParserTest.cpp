// Parser tests: every construct of grammar/Seg.g4 parsed into the expected AST shape,
// literal decoding, operator precedence, and the wording of typical syntax errors.
#include "syntax/Parser.h"

#include "TestParse.h"
#include "ast/Decl.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace seg {
namespace {

// ------------------------------------------------------------------------------ helpers

using test::parse;
using test::Parsed;

std::string dump(const Expr& e);

std::string dumpArg(const CallArg& arg) {
  std::string out = dump(*arg.value);
  if (arg.where) out += " where " + dump(*arg.where);
  if (arg.thenEvent) out += " then " + dump(*arg.thenEvent);
  if (arg.thenWhere) out += " where " + dump(*arg.thenWhere);
  if (arg.within) out += " within " + dump(*arg.within);
  return out;
}

// A compact, fully parenthesized rendering of an expression tree: `(op lhs rhs)`.
std::string dump(const Expr& e) {
  switch (e.kind) {
  case ExprKind::IntLiteral:
    return std::to_string(e.as<IntLiteral>().value);
  case ExprKind::FloatLiteral:
    return "float:" + e.as<FloatLiteral>().spelling;
  case ExprKind::StringLiteral:
    return "\"" + e.as<StringLiteral>().value + "\"";
  case ExprKind::BoolLiteral:
    return e.as<BoolLiteral>().value ? "true" : "false";
  case ExprKind::DurationLiteral: {
    const auto& d = e.as<DurationLiteral>();
    return std::to_string(d.amount) + d.unit;
  }
  case ExprKind::TimestampLiteral:
    return "@" + e.as<TimestampLiteral>().spelling;
  case ExprKind::Now:
    return "now";
  case ExprKind::Name:
    return e.as<NameExpr>().name;
  case ExprKind::Member: {
    const auto& m = e.as<MemberExpr>();
    return dump(*m.base) + "." + m.member;
  }
  case ExprKind::Unary: {
    const auto& u = e.as<UnaryExpr>();
    return std::string("(") + (u.op == UnaryOp::Not ? "not " : "- ") + dump(*u.operand) + ")";
  }
  case ExprKind::Binary: {
    const auto& b = e.as<BinaryExpr>();
    return "(" + std::string(binaryOpSpelling(b.op)) + " " + dump(*b.lhs) + " " + dump(*b.rhs) +
           ")";
  }
  case ExprKind::Between: {
    const auto& b = e.as<BetweenExpr>();
    return std::string("(") + (b.negated ? "not between " : "between ") + dump(*b.value) + " " +
           dump(*b.low) + " " + dump(*b.high) + ")";
  }
  case ExprKind::In: {
    const auto& in = e.as<InExpr>();
    std::string items;
    for (const ExprPtr& item : in.items)
      items += (items.empty() ? "" : ", ") + dump(*item);
    return std::string("(") + (in.negated ? "not in " : "in ") + dump(*in.value) + " [" + items +
           "])";
  }
  case ExprKind::IsNull: {
    const auto& n = e.as<IsNullExpr>();
    return std::string("(") + (n.negated ? "is not null " : "is null ") + dump(*n.value) + ")";
  }
  case ExprKind::Call: {
    const auto& c = e.as<CallExpr>();
    std::string args;
    for (const CallArg& arg : c.args)
      args += (args.empty() ? "" : ", ") + dumpArg(arg);
    return c.callee + "(" + args + ")";
  }
  }
  return "?";
}

// Parses `segment s = TEXT` and returns its condition, or null (with a test failure).
struct ParsedExpr {
  std::unique_ptr<Parsed> parsed;
  const Expr* expr = nullptr;
};

ParsedExpr parseCondition(const std::string& text) {
  ParsedExpr out;
  out.parsed = parse("segment s = " + text);
  const Module& module = out.parsed->module();
  if (out.parsed->diagnostics.errorCount() != 0 || module.decls.size() != 1 ||
      module.decls[0]->kind != DeclKind::Segment) {
    ADD_FAILURE() << "could not parse `" << text << "`:\n" << out.parsed->rendered();
    return out;
  }
  out.expr = module.decls[0]->as<SegmentDecl>().condition.get();
  if (out.expr == nullptr) ADD_FAILURE() << "no condition for `" << text << "`";
  return out;
}

// The dumped shape of `segment s = TEXT`'s condition.
std::string shape(const std::string& text) {
  ParsedExpr p = parseCondition(text);
  return p.expr != nullptr ? dump(*p.expr) : "<parse error>";
}

// The first line of each syntax error of TEXT.
std::vector<std::string> syntaxErrors(const std::string& text) {
  return parse(text)->messages();
}
std::string firstSyntaxError(const std::string& text) {
  std::vector<std::string> all = syntaxErrors(text);
  return all.empty() ? "<no error>" : all.front();
}

// The file's only declaration, when it has exactly one, of kind `kind`, parsed cleanly.
template <class T> const T* onlyDecl(const Parsed& parsed, DeclKind kind) {
  const Module& module = parsed.module();
  if (!parsed.diagnostics.all().empty() || module.decls.size() != 1 ||
      module.decls[0]->kind != kind) {
    ADD_FAILURE() << "expected one clean declaration of the wanted kind\n" << parsed.rendered();
    return nullptr;
  }
  return &module.decls[0]->as<T>();
}

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

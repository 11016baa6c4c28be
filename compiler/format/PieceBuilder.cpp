// Prints expressions as pieces: precedence decides the parentheses, `and`/`or` chains and
// clause runs are marked as places where the layout may break the line.
#include "format/PieceBuilder.h"

#include "syntax/Literals.h"

#include <cstdint>
#include <vector>

namespace seg::format {
namespace {

// Binding strength of each level of the grammar, loosest first: or, and, not, comparisons,
// + -, * / %, unary minus, postfix and primary expressions.
int comparisonPrecedence() {
  return binaryOpPrecedence(BinaryOp::Eq);
}
int notPrecedence() {
  return comparisonPrecedence() - 1;
}
int additivePrecedence() {
  return binaryOpPrecedence(BinaryOp::Add);
}
int unaryPrecedence() {
  return binaryOpPrecedence(BinaryOp::Mul) + 1;
}
int primaryPrecedence() {
  return unaryPrecedence() + 1;
}

int precedenceOf(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Binary:
    return binaryOpPrecedence(e.as<BinaryExpr>().op);
  case ExprKind::Unary:
    return e.as<UnaryExpr>().op == UnaryOp::Not ? notPrecedence() : unaryPrecedence();
  case ExprKind::Between:
  case ExprKind::In:
  case ExprKind::IsNull:
    return comparisonPrecedence();
  case ExprKind::IntLiteral:
    return e.as<IntLiteral>().value < 0 ? unaryPrecedence() : primaryPrecedence();
  case ExprKind::FloatLiteral:
    return e.as<FloatLiteral>().spelling.starts_with('-') ? unaryPrecedence() : primaryPrecedence();
  default:
    return primaryPrecedence();
  }
}

// Negations and negative literals, the only forms printed with a leading `-`.
bool startsWithMinus(const Expr& e) {
  return precedenceOf(e) == unaryPrecedence();
}

bool isBinary(const Expr& e, BinaryOp op) {
  return e.kind == ExprKind::Binary && e.as<BinaryExpr>().op == op;
}

std::string numberText(const NumberLiteral& n) {
  if (!n.spelling.empty()) return n.spelling;
  return n.isInt ? std::to_string(static_cast<std::int64_t>(n.value)) : std::to_string(n.value);
}

bool needsParens(const Expr& e, int minPrecedence) {
  // `@2026-01-01.x` would lex as one timestamp.
  if (minPrecedence >= primaryPrecedence() && e.kind == ExprKind::TimestampLiteral) return true;
  return precedenceOf(e) < minPrecedence;
}

} // namespace

std::string quoted(std::string_view value) {
  return "\"" + escapeString(value) + "\"";
}

void PieceBuilder::number(const NumberLiteral& n) {
  word(numberText(n), n.range.begin);
}

void PieceBuilder::expr(const Expr& e, int minPrecedence) {
  if (needsParens(e, minPrecedence)) {
    add("(").glueRight = true;
    bare(e);
    sticky(")");
  } else {
    bare(e);
  }
}

void PieceBuilder::condition(const Expr& e) {
  if (isBinary(e, BinaryOp::Or) || isBinary(e, BinaryOp::And))
    chain(e.as<BinaryExpr>(), -1);
  else
    expr(e);
}

int PieceBuilder::openClauses() {
  line_.chains.push_back({line_.pieces.size(), 0, -1});
  return static_cast<int>(line_.chains.size() - 1);
}

void PieceBuilder::clauseKeyword(std::string keyword, int clauses) {
  add(std::move(keyword), {}, Role::ChainOp).chain = clauses;
}

void PieceBuilder::closeClauses(int clauses) {
  line_.chains[static_cast<std::size_t>(clauses)].last = line_.pieces.size();
}

Piece& PieceBuilder::add(std::string text, SourcePos pos, Role role) {
  line_.pieces.push_back({std::move(text), pos, role, false, false, -1});
  return line_.pieces.back();
}

void PieceBuilder::chain(const BinaryExpr& root, int parent) {
  std::vector<const BinaryExpr*> links; // the leftmost link last
  for (const Expr* e = &root; isBinary(*e, root.op); e = e->as<BinaryExpr>().lhs.get())
    links.push_back(&e->as<BinaryExpr>());
  const int id = static_cast<int>(line_.chains.size());
  line_.chains.push_back({line_.pieces.size(), 0, parent});
  const int precedence = binaryOpPrecedence(root.op);
  // Only the `and` operands of a top-level `or` break in turn; deeper nesting stays flat.
  const int nestIn = parent < 0 && root.op == BinaryOp::Or ? id : -1;
  chainOperand(*links.back()->lhs, precedence, nestIn);
  for (auto it = links.rbegin(); it != links.rend(); ++it) {
    Piece& op = add(std::string(binaryOpSpelling(root.op)), (*it)->opRange.begin, Role::ChainOp);
    op.chain = id;
    chainOperand(*(*it)->rhs, precedence + 1, nestIn);
  }
  line_.chains[static_cast<std::size_t>(id)].last = line_.pieces.size();
}

void PieceBuilder::chainOperand(const Expr& e, int minPrecedence, int parent) {
  if (parent >= 0 && isBinary(e, BinaryOp::And) && !needsParens(e, minPrecedence))
    chain(e.as<BinaryExpr>(), parent);
  else
    expr(e, minPrecedence);
}

void PieceBuilder::bare(const Expr& e) {
  switch (e.kind) {
  case ExprKind::IntLiteral:
    word(std::to_string(e.as<IntLiteral>().value), e.range.begin);
    break;
  case ExprKind::FloatLiteral:
    word(e.as<FloatLiteral>().spelling, e.range.begin);
    break;
  case ExprKind::StringLiteral:
    word(quoted(e.as<StringLiteral>().value), e.range.begin);
    break;
  case ExprKind::BoolLiteral:
    word(e.as<BoolLiteral>().value ? "true" : "false", e.range.begin);
    break;
  case ExprKind::DurationLiteral:
    duration(e.as<DurationLiteral>());
    break;
  case ExprKind::TimestampLiteral:
    word("@" + e.as<TimestampLiteral>().spelling, e.range.begin);
    break;
  case ExprKind::Now:
    word("now", e.range.begin);
    break;
  case ExprKind::Name:
    word(e.as<NameExpr>().name, e.range.begin);
    break;
  case ExprKind::Member:
    member(e.as<MemberExpr>());
    break;
  case ExprKind::Unary:
    unary(e.as<UnaryExpr>());
    break;
  case ExprKind::Binary:
    binary(e.as<BinaryExpr>());
    break;
  case ExprKind::Between:
    between(e.as<BetweenExpr>());
    break;
  case ExprKind::In:
    in(e.as<InExpr>());
    break;
  case ExprKind::IsNull:
    isNull(e.as<IsNullExpr>());
    break;
  case ExprKind::Call:
    call(e.as<CallExpr>());
    break;
  }
}

void PieceBuilder::duration(const DurationLiteral& d) {
  word(std::to_string(d.amount) + std::string(1, d.unit), d.range.begin);
}

void PieceBuilder::member(const MemberExpr& m) {
  expr(*m.base, primaryPrecedence());
  Piece& dot = add(".");
  dot.glueLeft = dot.glueRight = true;
  word(m.member, m.memberRange.begin);
}

void PieceBuilder::unary(const UnaryExpr& u) {
  if (u.op == UnaryOp::Not) {
    word("not", u.range.begin);
    expr(*u.operand, notPrecedence());
  } else {
    // `- -x` rather than `--x`, which reads like a decrement.
    add("-", u.range.begin).glueRight = !startsWithMinus(*u.operand);
    expr(*u.operand, unaryPrecedence());
  }
}

void PieceBuilder::binary(const BinaryExpr& b) {
  const int precedence = binaryOpPrecedence(b.op);
  // Comparisons do not chain (`a < b < c` is a syntax error); the rest associate left.
  const bool comparison = precedence == comparisonPrecedence();
  expr(*b.lhs, comparison ? precedence + 1 : precedence);
  bool addSub = b.op == BinaryOp::Add || b.op == BinaryOp::Sub;
  add(std::string(binaryOpSpelling(b.op)), b.opRange.begin, addSub ? Role::AddSub : Role::Plain);
  expr(*b.rhs, precedence + 1);
}

void PieceBuilder::between(const BetweenExpr& b) {
  expr(*b.value, additivePrecedence());
  if (b.negated) word("not");
  word("between");
  expr(*b.low, additivePrecedence());
  word("and");
  expr(*b.high, additivePrecedence());
}

void PieceBuilder::in(const InExpr& e) {
  expr(*e.value, additivePrecedence());
  // With no items, the keywords and brackets end the expression.
  const Role role = e.items.empty() ? Role::Sticky : Role::Plain;
  if (e.negated) add("not", {}, role);
  add("in", {}, role);
  add("[", {}, role).glueRight = true;
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    if (i > 0) sticky(",");
    expr(*e.items[i], additivePrecedence());
  }
  sticky("]");
}

void PieceBuilder::isNull(const IsNullExpr& e) {
  expr(*e.value, additivePrecedence());
  sticky("is", false);
  if (e.negated) sticky("not", false);
  sticky("null", false);
}

void PieceBuilder::call(const CallExpr& c) {
  word(c.callee, c.calleeRange.begin);
  Piece& open = add("(", {}, Role::Sticky);
  open.glueLeft = open.glueRight = true;
  for (std::size_t i = 0; i < c.args.size(); ++i) {
    if (i > 0) sticky(",");
    callArg(c.args[i]);
  }
  sticky(")");
}

void PieceBuilder::callArg(const CallArg& arg) {
  expr(*arg.value);
  clause("where", arg.where);
  clause("then", arg.thenEvent);
  if (arg.thenEvent) clause("where", arg.thenWhere);
  clause("within", arg.within);
}

void PieceBuilder::clause(const char* keyword, const ExprPtr& e) {
  if (!e) return;
  word(keyword);
  expr(*e);
}

} // namespace seg::format

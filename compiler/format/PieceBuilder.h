// Turns expressions, and the words declarations are made of, into the pieces of a logical
// line, adding exactly the parentheses precedence requires.
#pragma once

#include "ast/Decl.h"
#include "format/Pieces.h"

#include <string>
#include <string_view>
#include <utility>

namespace seg::format {

// A string literal as written in Seg source.
std::string quoted(std::string_view value);

// Turns the tree into pieces, adding exactly the parentheses precedence requires.
class PieceBuilder {
public:
  void word(std::string text, SourcePos pos = {}) { add(std::move(text), pos); }
  void sticky(std::string text, bool glueLeft = true) {
    add(std::move(text), {}, Role::Sticky).glueLeft = glueLeft;
  }
  void ident(const Ident& id) { word(id.text, id.range.begin); }
  void number(const NumberLiteral& n);

  void expr(const Expr& e, int minPrecedence = 0);

  // A condition whose top-level `or` chain, and the `and` chains directly under it, may be
  // broken over lines when too long.
  void condition(const Expr& e);

  // A run of clauses (`for …`, `by …`) that go on lines of their own when the line is too
  // long: open it, mark each clause keyword as a break point, close it.
  int openClauses();
  void clauseKeyword(std::string keyword, int clauses);
  void closeClauses(int clauses);

  LogicalLine take() { return std::move(line_); }

private:
  Piece& add(std::string text, SourcePos pos = {}, Role role = Role::Plain);

  void chain(const BinaryExpr& root, int parent);
  void chainOperand(const Expr& e, int minPrecedence, int parent);
  void bare(const Expr& e);
  void duration(const DurationLiteral& d);
  void member(const MemberExpr& m);
  void unary(const UnaryExpr& u);
  void binary(const BinaryExpr& b);
  void between(const BetweenExpr& b);
  void in(const InExpr& e);
  void isNull(const IsNullExpr& e);
  void call(const CallExpr& c);
  void callArg(const CallArg& arg);
  void clause(const char* keyword, const ExprPtr& e);

  LogicalLine line_;
};

} // namespace seg::format

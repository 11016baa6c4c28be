// The parser tests' helpers: an expression or declaration parsed and printed as a compact
// tree ("(or (and a b) c)"), and the first syntax error of a text.
#pragma once

#include "TestParse.h"
#include "ast/Decl.h"
#include "syntax/Parser.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace seg::parser_test {

// ------------------------------------------------------------------------------ helpers

using test::parse;
using test::Parsed;

inline std::string dump(const Expr& e);

inline std::string dumpArg(const CallArg& arg) {
  std::string out = dump(*arg.value);
  if (arg.where) out += " where " + dump(*arg.where);
  if (arg.thenEvent) out += " then " + dump(*arg.thenEvent);
  if (arg.thenWhere) out += " where " + dump(*arg.thenWhere);
  if (arg.within) out += " within " + dump(*arg.within);
  return out;
}

// A compact, fully parenthesized rendering of an expression tree: `(op lhs rhs)`.
inline std::string dump(const Expr& e) {
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

inline ParsedExpr parseCondition(const std::string& text) {
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
inline std::string shape(const std::string& text) {
  ParsedExpr p = parseCondition(text);
  return p.expr != nullptr ? dump(*p.expr) : "<parse error>";
}

// The first line of each syntax error of TEXT.
inline std::vector<std::string> syntaxErrors(const std::string& text) {
  return parse(text)->messages();
}
inline std::string firstSyntaxError(const std::string& text) {
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

} // namespace seg::parser_test

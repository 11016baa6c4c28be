// Expression nodes of the Seg AST. Each node keeps its source range; the checker fills
// in the `type` and the resolution fields, which later stages read.
#pragma once

#include "plan/Function.h"
#include "source/SourceRange.h"
#include "types/Type.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg {

struct Decl;

enum class ExprKind {
  IntLiteral,
  FloatLiteral,
  StringLiteral,
  BoolLiteral,
  DurationLiteral,
  TimestampLiteral,
  Now,
  Name,
  Member,
  Unary,
  Binary,
  Between,
  In,
  IsNull,
  Call,
};

struct Expr {
  explicit Expr(ExprKind k, SourceRange r) : kind(k), range(r) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  template <class T> T& as() { return static_cast<T&>(*this); }
  template <class T> const T& as() const { return static_cast<const T&>(*this); }

  const ExprKind kind;
  SourceRange range;
  Type type; // set by the checker
};

using ExprPtr = std::unique_ptr<Expr>;

struct IntLiteral : Expr {
  IntLiteral(SourceRange r, std::int64_t v) : Expr(ExprKind::IntLiteral, r), value(v) {}
  std::int64_t value;
};

struct FloatLiteral : Expr {
  FloatLiteral(SourceRange r, double v, std::string s)
      : Expr(ExprKind::FloatLiteral, r), value(v), spelling(std::move(s)) {}
  double value;
  std::string spelling; // as written, so `seg fmt` keeps it
};

struct StringLiteral : Expr {
  StringLiteral(SourceRange r, std::string v)
      : Expr(ExprKind::StringLiteral, r), value(std::move(v)) {}
  std::string value; // escapes resolved
};

struct BoolLiteral : Expr {
  BoolLiteral(SourceRange r, bool v) : Expr(ExprKind::BoolLiteral, r), value(v) {}
  bool value;
};

struct DurationLiteral : Expr {
  DurationLiteral(SourceRange r, std::int64_t amount, char unit, std::int64_t micros)
      : Expr(ExprKind::DurationLiteral, r), amount(amount), unit(unit), micros(micros) {}
  std::int64_t amount;
  char unit; // s m h d w
  std::int64_t micros;
};

struct TimestampLiteral : Expr {
  TimestampLiteral(SourceRange r, std::int64_t micros, std::string s)
      : Expr(ExprKind::TimestampLiteral, r), micros(micros), spelling(std::move(s)) {}
  std::int64_t micros;  // UTC microseconds since the Unix epoch
  std::string spelling; // without the '@'
};

struct NowExpr : Expr {
  explicit NowExpr(SourceRange r) : Expr(ExprKind::Now, r) {}
};

// What a name denotes once resolved.
enum class NameKind {
  Unresolved,
  ContactField,    // fieldIndex into CheckedSchema::contactFields
  EventProperty,   // inside `where`: eventIndex, fieldIndex into that event's properties
  Segment,         // decl
  PartitionBranch, // decl (the partition), enumValue (the branch)
  Partition,       // decl
  Score,           // decl
  EnumValue,       // enumValue of type.enumType
  Event,           // eventIndex: an aggregate's subject
};

struct NameExpr : Expr {
  NameExpr(SourceRange r, std::string n) : Expr(ExprKind::Name, r), name(std::move(n)) {}
  std::string name;
  NameKind ref = NameKind::Unresolved;
  const Decl* decl = nullptr;
  int eventIndex = -1;
  int fieldIndex = -1;
  std::uint32_t enumValue = 0;
};

// `base.member`: an event property (`purchase.amount`) or a partition branch
// (`lifecycle.at_risk`).
struct MemberExpr : Expr {
  MemberExpr(SourceRange r, ExprPtr b, std::string m, SourceRange mr)
      : Expr(ExprKind::Member, r), base(std::move(b)), member(std::move(m)), memberRange(mr) {}
  ExprPtr base;
  std::string member;
  SourceRange memberRange;
  NameKind ref = NameKind::Unresolved; // EventProperty or PartitionBranch
  const Decl* decl = nullptr;
  int eventIndex = -1;
  int fieldIndex = -1;
  std::uint32_t enumValue = 0;
};

enum class UnaryOp { Negate, Not };

struct UnaryExpr : Expr {
  UnaryExpr(SourceRange r, UnaryOp o, ExprPtr e)
      : Expr(ExprKind::Unary, r), op(o), operand(std::move(e)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod };

std::string_view binaryOpSpelling(BinaryOp op);
// Larger binds tighter: or < and < comparisons < + - < * / %.
int binaryOpPrecedence(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryExpr(SourceRange r, BinaryOp o, ExprPtr l, ExprPtr rhs, SourceRange opr)
      : Expr(ExprKind::Binary, r), op(o), lhs(std::move(l)), rhs(std::move(rhs)), opRange(opr) {}
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  SourceRange opRange;
};

struct BetweenExpr : Expr {
  BetweenExpr(SourceRange r, ExprPtr v, ExprPtr lo, ExprPtr hi, bool neg)
      : Expr(ExprKind::Between, r), value(std::move(v)), low(std::move(lo)), high(std::move(hi)),
        negated(neg) {}
  ExprPtr value;
  ExprPtr low;
  ExprPtr high;
  bool negated;
};

struct InExpr : Expr {
  InExpr(SourceRange r, ExprPtr v, std::vector<ExprPtr> items, bool neg)
      : Expr(ExprKind::In, r), value(std::move(v)), items(std::move(items)), negated(neg) {}
  ExprPtr value;
  std::vector<ExprPtr> items;
  bool negated;
};

struct IsNullExpr : Expr {
  IsNullExpr(SourceRange r, ExprPtr v, bool neg)
      : Expr(ExprKind::IsNull, r), value(std::move(v)), negated(neg) {}
  ExprPtr value;
  bool negated; // `is not null`
};

// One argument of a call. Event aggregates use the clauses:
// `E [where C] [then E2 [where C2]] [within D]`; other functions only `value`.
struct CallArg {
  SourceRange range;
  ExprPtr value;
  ExprPtr where;
  ExprPtr thenEvent;
  ExprPtr thenWhere;
  ExprPtr within;
};

struct CallExpr : Expr {
  CallExpr(SourceRange r, std::string c, SourceRange cr, std::vector<CallArg> a)
      : Expr(ExprKind::Call, r), callee(std::move(c)), calleeRange(cr), args(std::move(a)) {}
  std::string callee;
  SourceRange calleeRange;
  std::vector<CallArg> args;

  // Set by the checker.
  std::optional<plan::Function> function;
  int eventIndex = -1;     // event aggregates: the event type
  int propertyIndex = -1;  // event aggregates over `E.p`: the property (0 = `at`)
  int thenEventIndex = -1; // sequences: the second event type
  std::optional<std::int64_t> withinMicros;
};

} // namespace seg

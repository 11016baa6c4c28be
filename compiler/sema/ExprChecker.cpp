// Type checks expressions: dispatch by node kind, conditions, windows, and operands that
// may be bare enum values. Names and operators are in NameResolution.cpp and
// OperatorChecker.cpp, calls in CallChecker.cpp.
#include "sema/ExprChecker.h"

#include "base/Suggest.h"

#include <fmt/format.h>

namespace seg {

bool isOrdered(const Type& type) {
  switch (type.kind) {
  case TypeKind::Int:
  case TypeKind::Float:
  case TypeKind::String:
  case TypeKind::Timestamp:
  case TypeKind::Duration:
    return true;
  default:
    return false;
  }
}

std::string_view Definitions::kindWord(const Decl& decl) {
  switch (decl.kind) {
  case DeclKind::Segment:
    return "segment";
  case DeclKind::Partition:
    return decl.as<PartitionDecl>().cluster ? "cluster" : "partition";
  case DeclKind::Score:
    return "score";
  case DeclKind::Metric:
    return "metric";
  default:
    return "definition";
  }
}

const Ident& Definitions::nameOf(const Decl& decl) {
  switch (decl.kind) {
  case DeclKind::Segment:
    return decl.as<SegmentDecl>().name;
  case DeclKind::Partition:
    return decl.as<PartitionDecl>().name;
  case DeclKind::Score:
    return decl.as<ScoreDecl>().name;
  default:
    return decl.as<MetricDecl>().name;
  }
}

void ExprChecker::mismatch(const Expr& at, std::string message, std::string hint) {
  SourceDiagnostic& d = diagnostics_.error(at.range, std::move(message));
  if (!hint.empty()) d.hints.push_back(std::move(hint));
}

void ExprChecker::noteRead(const ExprContext& context, const Decl* decl) {
  if (context.reads != nullptr) context.reads->insert(decl);
}

Type ExprChecker::check(Expr& expr, const ExprContext& context) {
  Type type;
  switch (expr.kind) {
  case ExprKind::IntLiteral:
    type = Type::of(TypeKind::Int);
    break;
  case ExprKind::FloatLiteral:
    type = Type::of(TypeKind::Float);
    break;
  case ExprKind::StringLiteral:
    type = Type::of(TypeKind::String);
    break;
  case ExprKind::BoolLiteral:
    type = Type::of(TypeKind::Bool);
    break;
  case ExprKind::DurationLiteral:
    type = Type::of(TypeKind::Duration);
    break;
  case ExprKind::TimestampLiteral:
  case ExprKind::Now:
    type = Type::of(TypeKind::Timestamp);
    break;
  case ExprKind::Name:
    type = checkName(expr.as<NameExpr>(), context, nullptr);
    break;
  case ExprKind::Member:
    type = checkMember(expr.as<MemberExpr>(), context);
    break;
  case ExprKind::Unary:
    type = checkUnary(expr.as<UnaryExpr>(), context);
    break;
  case ExprKind::Binary:
    type = checkBinary(expr.as<BinaryExpr>(), context);
    break;
  case ExprKind::Between:
    type = checkBetween(expr.as<BetweenExpr>(), context);
    break;
  case ExprKind::In:
    type = checkIn(expr.as<InExpr>(), context);
    break;
  case ExprKind::IsNull:
    type = checkIsNull(expr.as<IsNullExpr>(), context);
    break;
  case ExprKind::Call:
    type = checkCall(expr.as<CallExpr>(), context);
    break;
  }
  expr.type = type;
  return type;
}

void ExprChecker::checkCondition(Expr& expr, const ExprContext& context, std::string_view what) {
  Type type = check(expr, context);
  if (!type.isError() && type.kind != TypeKind::Bool) {
    mismatch(expr,
             fmt::format("{} must be a condition (bool), but this is {}", what, typeName(type)),
             type.isNumeric() ? "compare it with a value, e.g. x > 0" : "");
  }
}

std::optional<std::int64_t> ExprChecker::checkWindow(Expr& expr, std::string_view clause) {
  expr.type = Type::of(TypeKind::Duration);
  if (expr.kind != ExprKind::DurationLiteral) {
    mismatch(expr, fmt::format("'{}' needs a duration literal", clause),
             "write a length of time such as 30d, 12h or 2w");
    expr.type = Type::error();
    return std::nullopt;
  }
  auto& literal = expr.as<DurationLiteral>();
  if (literal.micros <= 0) {
    mismatch(expr, fmt::format("'{}' needs a duration greater than zero", clause));
    return std::nullopt;
  }
  return literal.micros;
}

Type ExprChecker::checkOperand(Expr& expr, const ExprContext& context,
                               const EnumType* enumContext) {
  if (expr.kind == ExprKind::Name) {
    Type type = checkName(expr.as<NameExpr>(), context, enumContext);
    expr.type = type;
    return type;
  }
  return check(expr, context);
}

} // namespace seg

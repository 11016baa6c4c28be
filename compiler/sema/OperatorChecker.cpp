// Operators: logic, arithmetic over numbers and times, comparisons (with enum values),
// between, in and is null, and the warnings for tests with a fixed outcome.
#include "base/Suggest.h"
#include "plan/FunctionRegistry.h"
#include "sema/ExprChecker.h"

#include <fmt/format.h>

namespace seg {

Type ExprChecker::checkUnary(UnaryExpr& unary, const ExprContext& context) {
  Type operand = check(*unary.operand, context);
  if (operand.isError()) return operand;
  if (unary.op == UnaryOp::Not) {
    if (operand.kind != TypeKind::Bool) {
      mismatch(*unary.operand,
               fmt::format("'not' needs a condition (bool), but this is {}", typeName(operand)));
      return Type::error();
    }
    return operand;
  }
  if (!operand.isNumeric() && operand.kind != TypeKind::Duration) {
    mismatch(*unary.operand,
             fmt::format("'-' needs a number or a duration, but this is {}", typeName(operand)));
    return Type::error();
  }
  return operand;
}

Type ExprChecker::checkBinary(BinaryExpr& binary, const ExprContext& context) {
  switch (binary.op) {
  case BinaryOp::And:
  case BinaryOp::Or: {
    Type lhs = check(*binary.lhs, context);
    Type rhs = check(*binary.rhs, context);
    bool bad = false;
    for (auto [side, type] : {std::pair{binary.lhs.get(), lhs}, std::pair{binary.rhs.get(), rhs}}) {
      if (!type.isError() && type.kind != TypeKind::Bool) {
        mismatch(*side, fmt::format("'{}' needs conditions (bool) on both sides, but this is {}",
                                    binaryOpSpelling(binary.op), typeName(type)));
        bad = true;
      }
    }
    if (bad || lhs.isError() || rhs.isError()) return Type::error();
    return Type::of(TypeKind::Bool, lhs.nullable || rhs.nullable);
  }
  case BinaryOp::Eq:
  case BinaryOp::Ne:
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge:
    return checkComparison(binary, context);
  default: {
    Type lhs = check(*binary.lhs, context);
    Type rhs = check(*binary.rhs, context);
    if (lhs.isError() || rhs.isError()) return Type::error();
    return checkArithmetic(binary, lhs, rhs);
  }
  }
}

Type ExprChecker::checkArithmetic(BinaryExpr& binary, Type lhs, Type rhs) {
  const bool nullable = lhs.nullable || rhs.nullable;
  auto result = [&](TypeKind kind, bool canBeNull = false) {
    return Type::of(kind, nullable || canBeNull);
  };
  const TypeKind l = lhs.kind, r = rhs.kind;
  switch (binary.op) {
  case BinaryOp::Add:
    if (lhs.isNumeric() && rhs.isNumeric())
      return result(l == TypeKind::Int && r == TypeKind::Int ? TypeKind::Int : TypeKind::Float);
    if ((l == TypeKind::Timestamp && r == TypeKind::Duration) ||
        (l == TypeKind::Duration && r == TypeKind::Timestamp))
      return result(TypeKind::Timestamp);
    if (l == TypeKind::Duration && r == TypeKind::Duration) return result(TypeKind::Duration);
    break;
  case BinaryOp::Sub:
    if (lhs.isNumeric() && rhs.isNumeric())
      return result(l == TypeKind::Int && r == TypeKind::Int ? TypeKind::Int : TypeKind::Float);
    if (l == TypeKind::Timestamp && r == TypeKind::Duration) return result(TypeKind::Timestamp);
    if (l == TypeKind::Timestamp && r == TypeKind::Timestamp) return result(TypeKind::Duration);
    if (l == TypeKind::Duration && r == TypeKind::Duration) return result(TypeKind::Duration);
    break;
  case BinaryOp::Mul:
    if (lhs.isNumeric() && rhs.isNumeric())
      return result(l == TypeKind::Int && r == TypeKind::Int ? TypeKind::Int : TypeKind::Float);
    if ((l == TypeKind::Duration && r == TypeKind::Int) ||
        (l == TypeKind::Int && r == TypeKind::Duration))
      return result(TypeKind::Duration);
    break;
  case BinaryOp::Div:
    // Always float: marketers divide counts to get rates. Division by zero gives null.
    if (lhs.isNumeric() && rhs.isNumeric()) return result(TypeKind::Float, true);
    break;
  case BinaryOp::Mod:
    if (l == TypeKind::Int && r == TypeKind::Int) return result(TypeKind::Int, true);
    break;
  default:
    break;
  }
  std::string hint;
  if (binary.op == BinaryOp::Add && (l == TypeKind::String || r == TypeKind::String))
    hint = "strings cannot be added; compare them or use contains(), starts_with()";
  else if (binary.op == BinaryOp::Mod)
    hint = "'%' works on ints only";
  else if (l == TypeKind::Timestamp || r == TypeKind::Timestamp)
    hint = "timestamps combine with durations: now - 30d, or subtract two timestamps";
  SourceDiagnostic& d = diagnostics_.error(
      binary.opRange, fmt::format("cannot apply '{}' to {} and {}", binaryOpSpelling(binary.op),
                                  typeName(lhs), typeName(rhs)));
  if (!hint.empty()) d.hints.push_back(hint);
  return Type::error();
}

Type ExprChecker::checkComparison(BinaryExpr& binary, const ExprContext& context) {
  // Enum values are bare names; resolve them against the enum on the other side.
  Type lhs, rhs;
  bool lhsIsName = binary.lhs->kind == ExprKind::Name;
  bool rhsIsName = binary.rhs->kind == ExprKind::Name;
  // `pro == plan`: the left name is no value here, so it may be a value of the right's enum.
  bool lhsMayBeEnumValue = lhsIsName && !isValueName(binary.lhs->as<NameExpr>().name, context) &&
                           (!rhsIsName || isValueName(binary.rhs->as<NameExpr>().name, context));
  if ((lhsIsName && !rhsIsName) || lhsMayBeEnumValue) {
    rhs = check(*binary.rhs, context);
    lhs = checkOperand(*binary.lhs, context, rhs.kind == TypeKind::Enum ? rhs.enumType : nullptr);
  } else {
    lhs = check(*binary.lhs, context);
    rhs = checkOperand(*binary.rhs, context, lhs.kind == TypeKind::Enum ? lhs.enumType : nullptr);
  }
  if (lhs.isError() || rhs.isError()) return Type::error();
  const bool equality = binary.op == BinaryOp::Eq || binary.op == BinaryOp::Ne;
  const std::string_view op = binaryOpSpelling(binary.op);
  Type result = Type::of(TypeKind::Bool, lhs.nullable || rhs.nullable);
  if (lhs.isNumeric() && rhs.isNumeric()) {
    warnAlwaysFalse(binary);
    return result;
  }
  if (lhs.kind == TypeKind::Enum || rhs.kind == TypeKind::Enum) {
    if (lhs.sameKind(rhs) && equality) return result;
    const Type& enumSide = lhs.kind == TypeKind::Enum ? lhs : rhs;
    const Expr& other = lhs.kind == TypeKind::Enum ? *binary.rhs : *binary.lhs;
    const EnumType& e = *enumSide.enumType;
    std::string values;
    for (const std::string& v : e.values)
      values += (values.empty() ? "" : ", ") + v;
    if (!equality) {
      SourceDiagnostic& d = diagnostics_.error(
          binary.opRange,
          fmt::format("enum '{}' can only be compared with == and != or 'in'", e.name));
      d.hints.push_back(fmt::format("its values are: {}", values));
      return Type::error();
    }
    SourceDiagnostic& d = diagnostics_.error(
        other.range, other.kind == ExprKind::StringLiteral
                         ? fmt::format("'{}' is an enum; compare it with one of its values, not "
                                       "a string",
                                       e.name)
                         : fmt::format("cannot compare enum '{}' with {}", e.name,
                                       typeName(lhs.kind == TypeKind::Enum ? rhs : lhs)));
    std::string spelled =
        other.kind == ExprKind::StringLiteral ? other.as<StringLiteral>().value : std::string();
    std::optional<std::string> near = e.indexOf(spelled) ? std::optional<std::string>(spelled)
                                                         : base::closestName(spelled, e.values);
    if (near && !spelled.empty())
      d.hints.push_back(fmt::format("write the value without quotes: {}", *near));
    d.hints.push_back(fmt::format("valid values of '{}': {}", e.name, values));
    return Type::error();
  }
  if (lhs.kind == rhs.kind && lhs.kind != TypeKind::Bool) return result;
  if (lhs.kind == TypeKind::Bool && rhs.kind == TypeKind::Bool) {
    if (equality) return result;
    diagnostics_.error(binary.opRange, fmt::format("conditions cannot be ordered with '{}'", op));
    return Type::error();
  }
  SourceDiagnostic& d = diagnostics_.error(
      binary.opRange, fmt::format("cannot compare {} with {}", typeName(lhs), typeName(rhs)));
  if ((lhs.kind == TypeKind::Timestamp && rhs.kind == TypeKind::Duration) ||
      (lhs.kind == TypeKind::Duration && rhs.kind == TypeKind::Timestamp))
    d.hints.push_back("compare a timestamp with a point in time: last_seen_at < now - 30d");
  else if (lhs.kind == TypeKind::Timestamp || rhs.kind == TypeKind::Timestamp)
    d.hints.push_back("write a timestamp literal as @2026-03-31, or use days_since(ts)");
  return Type::error();
}

void ExprChecker::warnAlwaysFalse(BinaryExpr& binary) {
  // count, distinct and days are never negative, so some comparisons with a constant
  // can only have one outcome. Normalise `0 > count(x)` to `count(x) < 0` first.
  auto countLike = [](const Expr& e) -> std::optional<plan::Function> {
    if (e.kind != ExprKind::Call) return std::nullopt;
    auto f = e.as<CallExpr>().function;
    if (f && plan::functionInfo(*f).nonNegative) return f;
    return std::nullopt;
  };
  auto constant = [](const Expr& e) -> std::optional<std::int64_t> {
    if (e.kind == ExprKind::IntLiteral) return e.as<IntLiteral>().value;
    if (e.kind == ExprKind::Unary && e.as<UnaryExpr>().operand->kind == ExprKind::IntLiteral)
      return -e.as<UnaryExpr>().operand->as<IntLiteral>().value;
    return std::nullopt;
  };
  BinaryOp op = binary.op;
  std::optional<plan::Function> function = countLike(*binary.lhs);
  std::optional<std::int64_t> bound = constant(*binary.rhs);
  if (!function || !bound) {
    function = countLike(*binary.rhs);
    bound = constant(*binary.lhs);
    if (!function || !bound) return;
    switch (op) { // mirror: c OP f  ⇔  f OP' c
    case BinaryOp::Lt:
      op = BinaryOp::Gt;
      break;
    case BinaryOp::Le:
      op = BinaryOp::Ge;
      break;
    case BinaryOp::Gt:
      op = BinaryOp::Lt;
      break;
    case BinaryOp::Ge:
      op = BinaryOp::Le;
      break;
    default:
      break;
    }
  }
  const std::int64_t c = *bound;
  bool never =
      (op == BinaryOp::Lt && c <= 0) || ((op == BinaryOp::Le || op == BinaryOp::Eq) && c < 0);
  bool always =
      (op == BinaryOp::Ge && c <= 0) || ((op == BinaryOp::Gt || op == BinaryOp::Ne) && c < 0);
  if (!never && !always) return;
  const std::string_view name = plan::functionName(*function);
  SourceDiagnostic& d = diagnostics_.warning(
      binary.range, fmt::format("this comparison is always {}: {}() is never negative",
                                never ? "false" : "true", name));
  if (never)
    d.hints.push_back(fmt::format("to find contacts without such events, write {}(…) == 0", name));
  else
    d.hints.push_back(fmt::format("to find contacts with such events, write {}(…) >= 1", name));
}

Type ExprChecker::checkBetween(BetweenExpr& between, const ExprContext& context) {
  Type value = check(*between.value, context);
  Type low = check(*between.low, context);
  Type high = check(*between.high, context);
  if (value.isError() || low.isError() || high.isError()) return Type::error();
  if (!isOrdered(value)) {
    mismatch(*between.value,
             fmt::format("'between' needs an ordered value (number, string, timestamp or "
                         "duration), but this is {}",
                         typeName(value)));
    return Type::error();
  }
  auto compatible = [&](const Type& bound) {
    return (value.isNumeric() && bound.isNumeric()) ||
           (value.kind == bound.kind && isOrdered(value));
  };
  for (auto [expr, type] :
       {std::pair{between.low.get(), low}, std::pair{between.high.get(), high}}) {
    if (!compatible(type)) {
      mismatch(*expr,
               fmt::format("'between' bounds must be comparable with {}, but this is {}",
                           typeName(value), typeName(type)),
               isOrdered(value) ? ""
                                : "only numbers, strings, timestamps and durations are ordered");
      return Type::error();
    }
  }
  auto constant = [](const Expr& e) -> std::optional<double> {
    if (e.kind == ExprKind::IntLiteral) return static_cast<double>(e.as<IntLiteral>().value);
    if (e.kind == ExprKind::FloatLiteral) return e.as<FloatLiteral>().value;
    if (e.kind == ExprKind::TimestampLiteral)
      return static_cast<double>(e.as<TimestampLiteral>().micros);
    if (e.kind == ExprKind::DurationLiteral)
      return static_cast<double>(e.as<DurationLiteral>().micros);
    return std::nullopt;
  };
  auto lo = constant(*between.low), hi = constant(*between.high);
  if (lo && hi && *lo > *hi) {
    SourceDiagnostic& d = diagnostics_.warning(
        between.range, fmt::format("this range is empty, so 'between' is always {}",
                                   between.negated ? "true" : "false"));
    d.hints.push_back("write the lower bound first: x between LOW and HIGH");
  }
  return Type::of(TypeKind::Bool, value.nullable || low.nullable || high.nullable);
}

Type ExprChecker::checkIn(InExpr& in, const ExprContext& context) {
  Type value = check(*in.value, context);
  if (value.isError()) {
    for (auto& item : in.items)
      item->type = Type::error();
    return value;
  }
  bool nullable = value.nullable;
  bool ok = true;
  const EnumType* enumContext = value.kind == TypeKind::Enum ? value.enumType : nullptr;
  for (auto& item : in.items) {
    Type type = checkOperand(*item, context, enumContext);
    if (type.isError()) {
      ok = false;
      continue;
    }
    nullable = nullable || type.nullable;
    bool fits = (value.isNumeric() && type.isNumeric()) || value.sameKind(type);
    if (!fits) {
      ok = false;
      SourceDiagnostic& d =
          diagnostics_.error(item->range, fmt::format("list item of type {} cannot match {}",
                                                      typeName(type), typeName(value)));
      if (enumContext != nullptr) {
        std::string values;
        for (const std::string& v : enumContext->values)
          values += (values.empty() ? "" : ", ") + v;
        d.hints.push_back(fmt::format("valid values of '{}': {}", enumContext->name, values));
      }
    }
  }
  if (in.items.empty()) {
    SourceDiagnostic& d =
        diagnostics_.warning(in.range, fmt::format("the list is empty, so 'in' is always {}",
                                                   in.negated ? "true" : "false"));
    d.hints.push_back("list the values to match: x in [a, b]");
  }
  return ok ? Type::of(TypeKind::Bool, nullable) : Type::error();
}

Type ExprChecker::checkIsNull(IsNullExpr& isNull, const ExprContext& context) {
  Type value = check(*isNull.value, context);
  if (value.isError()) return value;
  if (!value.nullable) {
    SourceDiagnostic& d = diagnostics_.warning(
        isNull.range, fmt::format("this value is never null, so 'is {}null' is always {}",
                                  isNull.negated ? "not " : "", isNull.negated ? "true" : "false"));
    d.hints.push_back("only fields declared with '?' (and avg/min/max/first/last) can be null");
  }
  return Type::of(TypeKind::Bool);
}

} // namespace seg

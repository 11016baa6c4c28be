// Calls of scalars, population aggregates (metrics) and ranks, checked as their registry
// entries say: arity, then each argument against its ArgType, then the result.
#include "sema/CallRules.h"
#include "sema/ExprChecker.h"

#include <fmt/format.h>

namespace seg {

using plan::ArgType;
using plan::FunctionInfo;
using plan::FunctionKind;
using plan::ResultType;
using plan::Signature;

namespace {

// Whether `type` is what an argument of `arg` must be, and the words for it.
bool fits(ArgType arg, const Type& type) {
  switch (arg) {
  case ArgType::Condition:
    return type.kind == TypeKind::Bool;
  case ArgType::Timestamp:
    return type.kind == TypeKind::Timestamp;
  case ArgType::String:
    return type.kind == TypeKind::String;
  case ArgType::Number:
    return type.isNumeric();
  case ArgType::NumberOrDuration:
    return type.isNumeric() || type.kind == TypeKind::Duration;
  case ArgType::Ordered:
    return isOrdered(type);
  case ArgType::Rankable:
    return type.isNumeric() || type.kind == TypeKind::Timestamp || type.kind == TypeKind::Duration;
  default: // events, properties and literals are checked by their own rules
    return true;
  }
}

std::string_view describe(ArgType arg) {
  switch (arg) {
  case ArgType::Condition:
    return "a condition (bool)";
  case ArgType::Timestamp:
    return "a timestamp";
  case ArgType::String:
    return "a string";
  case ArgType::Number:
    return "a number";
  case ArgType::NumberOrDuration:
    return "a number or a duration";
  case ArgType::Ordered:
    return "an ordered value (number, string, timestamp)";
  default:
    return "a value";
  }
}

bool isIntLiteral(const Expr& e) {
  return e.kind == ExprKind::IntLiteral ||
         (e.kind == ExprKind::Unary && e.as<UnaryExpr>().op == UnaryOp::Negate &&
          e.as<UnaryExpr>().operand->kind == ExprKind::IntLiteral);
}

} // namespace

Type ExprChecker::checkPopulationAggregate(CallExpr& call, const FunctionInfo& info,
                                           const ExprContext& context) {
  const std::string_view fname = info.name;
  call.function = info.function;
  if (context.insidePopulationAggregate) {
    SourceDiagnostic& d = diagnostics_.error(
        call.calleeRange, fmt::format("{}() cannot be nested inside another aggregate over "
                                      "contacts",
                                      fname));
    d.hints.push_back("combine aggregates with arithmetic instead: percent(a) - percent(b)");
    return Type::error();
  }
  if (!context.metricValue) {
    SourceDiagnostic& d = diagnostics_.error(
        call.calleeRange, fmt::format("{}() aggregates over all contacts and can only be used "
                                      "in a metric",
                                      fname));
    if (plan::functionNamed(fname, FunctionKind::EventAggregate))
      d.hints.push_back(fmt::format("to aggregate a contact's events, name the event: "
                                    "{}(purchase…)",
                                    fname));
    else
      d.hints.push_back(fmt::format("define it as: metric name = {}(…)", fname));
    return Type::error();
  }
  const Signature* form = formFor(call, info);
  if (form == nullptr) return Type::error();
  if (call.args.empty()) return resultOf(info, *form, {});
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, fname)) return Type::error();
  ExprContext inner = context;
  inner.metricValue = false;
  inner.insidePopulationAggregate = true;
  std::vector<Type> types;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    Expr& x = *call.args[i].value;
    const ArgType want = form->arg(i);
    Type type = check(x, inner);
    types.push_back(type);
    if (want == ArgType::Fraction) {
      double value = -1;
      if (x.kind == ExprKind::FloatLiteral) value = x.as<FloatLiteral>().value;
      if (x.kind == ExprKind::IntLiteral) value = static_cast<double>(x.as<IntLiteral>().value);
      if (value < 0 || value > 1 ||
          (x.kind != ExprKind::FloatLiteral && x.kind != ExprKind::IntLiteral)) {
        mismatch(x, "the quantile must be a number literal between 0 and 1",
                 "e.g. 0.9 for the 90th percentile");
        return Type::error();
      }
      continue;
    }
    if (type.isError()) return type;
    if (!fits(want, type)) {
      if (want == ArgType::Condition)
        mismatch(
            x, fmt::format("{}() needs {}, but this is {}", fname, describe(want), typeName(type)),
            fmt::format("e.g. {}(nps >= 9)", fname));
      else
        mismatch(
            x, fmt::format("{}() needs {}, but this is {}", fname, describe(want), typeName(type)));
      return Type::error();
    }
    // Sums, extremes and quantiles of personal values print them (or reveal them); a
    // condition only counts contacts.
    if (i == 0 && want != ArgType::Condition && readsPersonalData(x)) {
      SourceDiagnostic& d = diagnostics_.error(
          x.range, fmt::format("{}() of personal data would reveal it in the metric", fname));
      d.hints.push_back("count or percent contacts instead; personal fields stay masked");
      return Type::error();
    }
  }
  return resultOf(info, *form, {types[0]});
}

Type ExprChecker::checkScalar(CallExpr& call, const FunctionInfo& info,
                              const ExprContext& context) {
  const std::string_view fname = info.name;
  call.function = info.function;
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, fname)) return Type::error();
  const bool shared = info.signatures[0].args[0] == ArgType::Shared;
  std::vector<Type> types;
  bool anyError = false;
  for (CallArg& arg : call.args) {
    // coalesce(plan, pro): arguments share one type, so later ones may be values of the
    // first one's enum.
    const EnumType* enumContext =
        shared && !types.empty() && types[0].kind == TypeKind::Enum ? types[0].enumType : nullptr;
    types.push_back(checkOperand(*arg.value, context, enumContext));
    anyError = anyError || types.back().isError();
  }
  const Signature* form = formFor(call, info);
  if (form == nullptr) return Type::error();
  if (anyError) return Type::error();
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    const ArgType want = form->arg(i);
    if (want == ArgType::Shared) continue; // below, all together
    if (want == ArgType::Digits) {
      if (!isIntLiteral(*call.args[i].value)) {
        mismatch(*call.args[i].value, "the number of digits must be an integer literal",
                 fmt::format("e.g. {}(lifetime_value, 2)", fname));
        return Type::error();
      }
      continue;
    }
    if (!fits(want, types[i])) {
      mismatch(*call.args[i].value, fmt::format("{}() needs {}, but this is {}", fname,
                                                describe(want), typeName(types[i])));
      return Type::error();
    }
  }
  if (form->result != ResultType::Common) return resultOf(info, *form, types);
  Type result = types[0];
  std::vector<bool> nullable;
  for (std::size_t i = 0; i < types.size(); ++i) {
    const Type& t = types[i];
    nullable.push_back(t.nullable);
    if (t.isNumeric() && result.isNumeric()) {
      if (t.kind == TypeKind::Float) result.kind = TypeKind::Float;
    } else if (!t.sameKind(result)) {
      mismatch(*call.args[i].value,
               fmt::format("{}() arguments must share one type: {} and {}", fname,
                           typeName(result.withNullable(false)), typeName(t.withNullable(false))));
      return Type::error();
    }
  }
  return result.withNullable(plan::resultNullable(info.nulls, nullable));
}

Type ExprChecker::checkRank(CallExpr& call, const FunctionInfo& info, const ExprContext& context) {
  const std::string_view fname = info.name;
  call.function = info.function;
  if (context.metricValue) {
    mismatch(call, fmt::format("{}() ranks each contact; a metric must aggregate it", fname),
             fmt::format("e.g. percent({}(5, lifetime_value) == 5)", fname));
    return Type::error();
  }
  if (context.insideEventFilter) {
    mismatch(call, fmt::format("{}() cannot be used inside 'where'", fname),
             "rank contacts outside the event filter");
    return Type::error();
  }
  const Signature* form = formFor(call, info);
  if (form == nullptr) return Type::error();
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, fname)) return Type::error();
  std::vector<Type> types;
  for (std::size_t i = 0; i < call.args.size(); ++i) {
    Expr& x = *call.args[i].value;
    Type type = check(x, context);
    types.push_back(type);
    if (form->arg(i) == ArgType::Buckets) {
      if (x.kind != ExprKind::IntLiteral || x.as<IntLiteral>().value < 1 ||
          x.as<IntLiteral>().value > 10000) {
        mismatch(x, "the number of buckets must be an integer literal from 1 to 10000",
                 fmt::format("e.g. {}(5, x) for quintiles", fname));
        return Type::error();
      }
      continue;
    }
    if (type.isError()) return type;
    if (!fits(form->arg(i), type)) {
      mismatch(x, fmt::format("{}() ranks numbers, timestamps or durations, but this is {}", fname,
                              typeName(type)));
      return Type::error();
    }
  }
  return resultOf(info, *form, types);
}

} // namespace seg

// Calls: event aggregates, scalar built-ins, population aggregates (metrics) and ranks.
#include "base/Suggest.h"
#include "sema/ExprChecker.h"

#include <fmt/format.h>

namespace seg {
namespace {

bool isCountLike(Function f) {
  return f == Function::Count || f == Function::Exists || f == Function::Days;
}

std::string usageOf(Function f) {
  switch (f) {
  case Function::Count:
  case Function::Exists:
  case Function::Days:
    return fmt::format("{}(EVENT [where CONDITION] [within DURATION])", functionName(f));
  default:
    return fmt::format("{}(EVENT.property [where CONDITION] [within DURATION])", functionName(f));
  }
}

} // namespace

std::optional<int> ExprChecker::eventNamedBy(const Expr& expr) const {
  if (expr.kind == ExprKind::Name) return schema_.eventIndex(expr.as<NameExpr>().name);
  if (expr.kind == ExprKind::Member) {
    const auto& member = expr.as<MemberExpr>();
    if (member.base->kind == ExprKind::Name)
      return schema_.eventIndex(member.base->as<NameExpr>().name);
  }
  return std::nullopt;
}

bool ExprChecker::rejectClauses(const CallArg& arg, std::string_view function) {
  const Expr* clause = arg.where       ? arg.where.get()
                       : arg.thenEvent ? arg.thenEvent.get()
                                       : arg.within.get();
  if (clause == nullptr) return false;
  std::string_view word = arg.where ? "where" : arg.thenEvent ? "then" : "within";
  SourceDiagnostic& d =
      diagnostics_.error(clause->range, fmt::format("'{}' cannot be used in {}()", word, function));
  d.hints.push_back("'where', 'then' and 'within' belong to event aggregates such as "
                    "count(EVENT where … within 30d)");
  return true;
}

Type ExprChecker::checkCall(CallExpr& call, const ExprContext& context) {
  const std::string& name = call.callee;
  auto eventAggregate = eventAggregateNamed(name);
  bool firstArgIsEvent = !call.args.empty() && eventNamedBy(*call.args[0].value).has_value();
  if (eventAggregate &&
      (firstArgIsEvent || !populationAggregateNamed(name) || !context.metricValue))
    return checkEventAggregate(call, *eventAggregate, context);
  if (auto population = populationAggregateNamed(name))
    return checkPopulationAggregate(call, *population, context);
  if (auto scalar = scalarNamed(name)) return checkScalar(call, *scalar, context);
  if (isPopulationRankName(name)) return checkRank(call, context);
  SourceDiagnostic& d =
      diagnostics_.error(call.calleeRange, fmt::format("unknown function '{}'", name));
  if (auto near = base::closestName(name, allFunctionNames()))
    d.hints.push_back(fmt::format("did you mean '{}'?", *near));
  for (CallArg& arg : call.args)
    arg.value->type = Type::error();
  return Type::error();
}

Type ExprChecker::checkEventAggregate(CallExpr& call, Function function,
                                      const ExprContext& context) {
  const std::string_view fname = functionName(function);
  call.function = function;
  if (context.insideEventFilter) {
    mismatch(call, fmt::format("{}() cannot be used inside 'where'", fname),
             "a 'where' condition tests one event; aggregate in the enclosing expression");
    return Type::error();
  }
  if (context.metricValue) {
    SourceDiagnostic& d = diagnostics_.error(
        call.range, fmt::format("{}() over events is a value of each contact; a metric must "
                                "aggregate it over contacts",
                                fname));
    d.hints.push_back(fmt::format("e.g. avg({0}(…)) or percent({0}(…) >= 2)", fname));
    return Type::error();
  }
  if (call.args.size() != 1) {
    SourceDiagnostic& d = diagnostics_.error(
        call.range, fmt::format("{}() takes 1 argument, given {}", fname, call.args.size()));
    d.hints.push_back("write " + usageOf(function));
    return Type::error();
  }
  CallArg& arg = call.args[0];
  Expr& subject = *arg.value;
  std::optional<int> event = eventNamedBy(subject);
  if (!event && subject.kind == ExprKind::Name &&
      isValueName(subject.as<NameExpr>().name, context) && populationAggregateNamed(fname)) {
    SourceDiagnostic& d = diagnostics_.error(
        call.range, fmt::format("{}() over contacts can only be used in a metric", fname));
    d.hints.push_back(fmt::format("in a segment, {}() aggregates one contact's events: "
                                  "{}(purchase.amount within 30d)",
                                  fname, fname));
    subject.type = Type::error();
    return Type::error();
  }
  if (!event && program_.importsFailed) {
    subject.type = Type::error();
    return Type::error();
  }
  if (!event) {
    std::string spelled = subject.kind == ExprKind::Name ? subject.as<NameExpr>().name : "";
    SourceDiagnostic& d = diagnostics_.error(
        subject.range, spelled.empty()
                           ? fmt::format("{}() aggregates events; this is not an event", fname)
                           : fmt::format("unknown event '{}'", spelled));
    std::vector<std::string> events;
    for (const EventInfo& e : schema_.events)
      events.push_back(e.name);
    if (auto near = base::closestName(spelled, events); near && !spelled.empty())
      d.hints.push_back(fmt::format("did you mean '{}'?", *near));
    else
      d.hints.push_back("write " + usageOf(function));
    subject.type = Type::error();
    return Type::error();
  }
  const EventInfo& info = schema_.events[*event];
  call.eventIndex = *event;
  const FieldInfo* property = nullptr;
  if (isCountLike(function)) {
    if (subject.kind == ExprKind::Member) {
      SourceDiagnostic& d = diagnostics_.error(
          subject.range, fmt::format("{}() takes an event, not a property", fname));
      d.hints.push_back(fmt::format("write {}({})", fname, info.name));
      return Type::error();
    }
    subject.as<NameExpr>().ref = NameKind::Event;
    subject.as<NameExpr>().eventIndex = *event;
  } else {
    if (subject.kind != ExprKind::Member) {
      SourceDiagnostic& d = diagnostics_.error(
          subject.range,
          fmt::format("{}() needs an event property, e.g. {}({}.{})", fname, fname, info.name,
                      info.properties.size() > 1 ? info.properties[1].name : "at"));
      d.hints.push_back(fmt::format("'{}' has: {}", info.name, describeProperties(info)));
      return Type::error();
    }
    auto& member = subject.as<MemberExpr>();
    auto index = info.propertyIndex(member.member);
    if (!index) {
      SourceDiagnostic& d =
          diagnostics_.error(member.memberRange, fmt::format("event '{}' has no property '{}'",
                                                             info.name, member.member));
      std::vector<std::string> names;
      for (const FieldInfo& p : info.properties)
        names.push_back(p.name);
      if (auto near = base::closestName(member.member, names))
        d.hints.push_back(fmt::format("did you mean '{}'?", *near));
      else
        d.hints.push_back(fmt::format("'{}' has: {}", info.name, describeProperties(info)));
      return Type::error();
    }
    property = &info.properties[*index];
    member.ref = NameKind::EventProperty;
    member.eventIndex = *event;
    member.fieldIndex = *index;
    member.type = property->type;
    member.base->as<NameExpr>().ref = NameKind::Event;
    member.base->as<NameExpr>().eventIndex = *event;
    call.propertyIndex = *index;
    const Type& p = property->type;
    bool numeric = p.isNumeric();
    if ((function == Function::Sum || function == Function::Avg) && !numeric) {
      mismatch(member, fmt::format("{}() needs a numeric property, but '{}.{}' is {}", fname,
                                   info.name, property->name, typeName(p)));
      return Type::error();
    }
    if ((function == Function::Min || function == Function::Max) && !isOrdered(p)) {
      mismatch(member, fmt::format("{}() needs an ordered property (number, string, timestamp), "
                                   "but '{}.{}' is {}",
                                   fname, info.name, property->name, typeName(p)));
      return Type::error();
    }
  }

  ExprContext filter = context;
  filter.eventIndex = *event;
  filter.insideEventFilter = true;
  bool ok = true;
  if (arg.where) {
    checkCondition(*arg.where, filter, "'where'");
    ok = ok && !arg.where->type.isError();
  }
  if (arg.thenEvent) {
    if (function != Function::Exists) {
      SourceDiagnostic& d = diagnostics_.error(
          arg.thenEvent->range, fmt::format("sequences ('then') can only be used in exists(), not "
                                            "in {}()",
                                            fname));
      d.hints.push_back("write exists(A then B within 2d)");
      return Type::error();
    }
    std::optional<int> next = arg.thenEvent->kind == ExprKind::Name
                                  ? schema_.eventIndex(arg.thenEvent->as<NameExpr>().name)
                                  : std::nullopt;
    if (!next) {
      SourceDiagnostic& d = diagnostics_.error(arg.thenEvent->range, "'then' must name an event");
      std::vector<std::string> events;
      for (const EventInfo& e : schema_.events)
        events.push_back(e.name);
      if (arg.thenEvent->kind == ExprKind::Name) {
        if (auto near = base::closestName(arg.thenEvent->as<NameExpr>().name, events))
          d.hints.push_back(fmt::format("did you mean '{}'?", *near));
      }
      return Type::error();
    }
    call.thenEventIndex = *next;
    arg.thenEvent->as<NameExpr>().ref = NameKind::Event;
    arg.thenEvent->as<NameExpr>().eventIndex = *next;
    if (arg.thenWhere) {
      ExprContext nextFilter = context;
      nextFilter.eventIndex = *next;
      nextFilter.insideEventFilter = true;
      checkCondition(*arg.thenWhere, nextFilter, "'where'");
      ok = ok && !arg.thenWhere->type.isError();
    }
  }
  if (arg.within) {
    call.withinMicros = checkWindow(*arg.within, "within");
    ok = ok && call.withinMicros.has_value();
  }
  if (!ok) return Type::error();

  switch (function) {
  case Function::Count:
  case Function::Distinct:
  case Function::Days:
    return Type::of(TypeKind::Int);
  case Function::Exists:
    return Type::of(TypeKind::Bool);
  case Function::Sum:
    return property->type.withNullable(false);
  case Function::Avg:
    return Type::of(TypeKind::Float, true);
  default:
    return property->type.withNullable(true); // min, max, first, last
  }
}

Type ExprChecker::checkPopulationAggregate(CallExpr& call, Function function,
                                           const ExprContext& context) {
  const std::string_view fname = functionName(function);
  call.function = function;
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
    if (eventAggregateNamed(fname))
      d.hints.push_back(fmt::format("to aggregate a contact's events, name the event: "
                                    "{}(purchase…)",
                                    fname));
    else
      d.hints.push_back(fmt::format("define it as: metric name = {}(…)", fname));
    return Type::error();
  }
  if (function == Function::PopCount && call.args.empty()) return Type::of(TypeKind::Int);
  std::size_t expected = function == Function::Quantile || function == Function::Ratio ? 2 : 1;
  if (call.args.size() != expected) {
    SourceDiagnostic& d = diagnostics_.error(
        call.range, fmt::format("{}() takes {} argument{}, given {}", fname, expected,
                                expected == 1 ? "" : "s", call.args.size()));
    if (function == Function::Quantile) d.hints.push_back("write quantile(x, 0.9)");
    if (function == Function::Ratio) d.hints.push_back("write ratio(numerator, denominator)");
    return Type::error();
  }
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, fname)) return Type::error();
  ExprContext inner = context;
  inner.metricValue = false;
  inner.insidePopulationAggregate = true;
  Expr& x = *call.args[0].value;
  Type type = check(x, inner);
  if (type.isError()) return type;

  switch (function) {
  case Function::PopCount:
  case Function::Percent:
    if (type.kind != TypeKind::Bool) {
      mismatch(x,
               fmt::format("{}() needs a condition (bool), but this is {}", fname, typeName(type)),
               fmt::format("e.g. {}(nps >= 9)", fname));
      return Type::error();
    }
    return function == Function::Percent ? Type::of(TypeKind::Float, true)
                                         : Type::of(TypeKind::Int);
  case Function::PopSum:
  case Function::PopAvg:
  case Function::Median:
  case Function::Ratio:
  case Function::Quantile:
    if (!type.isNumeric()) {
      mismatch(x, fmt::format("{}() needs a number, but this is {}", fname, typeName(type)));
      return Type::error();
    }
    break;
  case Function::PopMin:
  case Function::PopMax:
    if (!isOrdered(type)) {
      mismatch(x, fmt::format("{}() needs an ordered value (number, string, timestamp), but "
                              "this is {}",
                              fname, typeName(type)));
      return Type::error();
    }
    break;
  default:
    break;
  }
  if (function != Function::PopCount && function != Function::Percent && readsPersonalData(x)) {
    // Sums, extremes and quantiles of personal values print them (or reveal them).
    SourceDiagnostic& d = diagnostics_.error(
        x.range, fmt::format("{}() of personal data would reveal it in the metric", fname));
    d.hints.push_back("count or percent contacts instead; personal fields stay masked");
    return Type::error();
  }
  if (function == Function::Quantile) {
    Expr& q = *call.args[1].value;
    check(q, inner);
    double value = -1;
    if (q.kind == ExprKind::FloatLiteral) value = q.as<FloatLiteral>().value;
    if (q.kind == ExprKind::IntLiteral) value = static_cast<double>(q.as<IntLiteral>().value);
    if (value < 0 || value > 1 ||
        (q.kind != ExprKind::FloatLiteral && q.kind != ExprKind::IntLiteral)) {
      mismatch(q, "the quantile must be a number literal between 0 and 1",
               "e.g. 0.9 for the 90th percentile");
      return Type::error();
    }
  }
  if (function == Function::Ratio) {
    Type denominator = check(*call.args[1].value, inner);
    if (denominator.isError()) return denominator;
    if (!denominator.isNumeric()) {
      mismatch(*call.args[1].value,
               fmt::format("ratio() needs a number, but this is {}", typeName(denominator)));
      return Type::error();
    }
  }
  switch (function) {
  case Function::PopSum:
    return type.withNullable(false);
  case Function::PopAvg:
    return Type::of(TypeKind::Float, true);
  case Function::PopMin:
  case Function::PopMax:
    return type.withNullable(true);
  default:
    return Type::of(TypeKind::Float, true); // median, quantile, ratio
  }
}

Type ExprChecker::checkScalar(CallExpr& call, Function function, const ExprContext& context) {
  const std::string_view fname = functionName(function);
  call.function = function;
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, fname)) return Type::error();
  std::vector<Type> types;
  bool anyError = false;
  for (CallArg& arg : call.args) {
    // coalesce(plan, pro): later arguments may be values of the first one's enum.
    const EnumType* enumContext =
        function == Function::Coalesce && !types.empty() && types[0].kind == TypeKind::Enum
            ? types[0].enumType
            : nullptr;
    types.push_back(checkOperand(*arg.value, context, enumContext));
    anyError = anyError || types.back().isError();
  }
  auto arity = [&](std::size_t low, std::size_t high, const std::string& usage) {
    if (call.args.size() >= low && call.args.size() <= high) return true;
    SourceDiagnostic& d =
        diagnostics_.error(call.range, fmt::format("{}() takes {} argument{}, given {}", fname,
                                                   low == high ? std::to_string(low)
                                                               : fmt::format("{} to {}", low, high),
                                                   high == 1 ? "" : "s", call.args.size()));
    d.hints.push_back("write " + usage);
    return false;
  };
  auto expect = [&](std::size_t i, bool ok, std::string_view what) {
    if (ok) return true;
    mismatch(*call.args[i].value,
             fmt::format("{}() needs {}, but this is {}", fname, what, typeName(types[i])));
    return false;
  };
  auto anyNullable = [&] {
    for (const Type& t : types)
      if (t.nullable) return true;
    return false;
  };
  switch (function) {
  case Function::DaysSince:
  case Function::HoursSince:
  case Function::Year:
  case Function::Month:
  case Function::DayOfWeek:
  case Function::Hour:
    if (!arity(1, 1, fmt::format("{}(signup_at)", fname)) || anyError) return Type::error();
    if (!expect(0, types[0].kind == TypeKind::Timestamp, "a timestamp")) return Type::error();
    return Type::of(TypeKind::Int, anyNullable());
  case Function::Lower:
  case Function::Upper:
  case Function::Length:
    if (!arity(1, 1, fmt::format("{}(city)", fname)) || anyError) return Type::error();
    if (!expect(0, types[0].kind == TypeKind::String, "a string")) return Type::error();
    return Type::of(function == Function::Length ? TypeKind::Int : TypeKind::String, anyNullable());
  case Function::Contains:
  case Function::StartsWith:
  case Function::EndsWith:
    if (!arity(2, 2, fmt::format("{}(email, \"@example.com\")", fname)) || anyError)
      return Type::error();
    if (!expect(0, types[0].kind == TypeKind::String, "a string") ||
        !expect(1, types[1].kind == TypeKind::String, "a string"))
      return Type::error();
    return Type::of(TypeKind::Bool, anyNullable());
  case Function::Abs:
    if (!arity(1, 1, "abs(x)") || anyError) return Type::error();
    if (!expect(0, types[0].isNumeric() || types[0].kind == TypeKind::Duration,
                "a number or a duration"))
      return Type::error();
    return types[0];
  case Function::Round:
    if (!arity(1, 2, "round(x) or round(x, 2)") || anyError) return Type::error();
    if (!expect(0, types[0].isNumeric(), "a number")) return Type::error();
    if (call.args.size() == 2) {
      const Expr& digits = *call.args[1].value;
      bool literal =
          digits.kind == ExprKind::IntLiteral ||
          (digits.kind == ExprKind::Unary && digits.as<UnaryExpr>().op == UnaryOp::Negate &&
           digits.as<UnaryExpr>().operand->kind == ExprKind::IntLiteral);
      if (!literal) {
        mismatch(*call.args[1].value, "the number of digits must be an integer literal",
                 "e.g. round(lifetime_value, 2)");
        return Type::error();
      }
      return Type::of(TypeKind::Float, types[0].nullable);
    }
    return Type::of(TypeKind::Int, types[0].nullable);
  case Function::Coalesce: {
    if (call.args.size() < 2) {
      SourceDiagnostic& d = diagnostics_.error(
          call.range,
          fmt::format("coalesce() takes at least 2 arguments, given {}", call.args.size()));
      d.hints.push_back("write coalesce(nps, 0)");
      return Type::error();
    }
    if (anyError) return Type::error();
    Type result = types[0];
    bool allNullable = true;
    for (std::size_t i = 0; i < types.size(); ++i) {
      const Type& t = types[i];
      allNullable = allNullable && t.nullable;
      if (t.isNumeric() && result.isNumeric()) {
        if (t.kind == TypeKind::Float) result.kind = TypeKind::Float;
      } else if (!t.sameKind(result)) {
        mismatch(*call.args[i].value, fmt::format("coalesce() arguments must share one type: {} "
                                                  "and {}",
                                                  typeName(result.withNullable(false)),
                                                  typeName(t.withNullable(false))));
        return Type::error();
      }
    }
    return result.withNullable(allNullable);
  }
  default:
    return Type::error();
  }
}

Type ExprChecker::checkRank(CallExpr& call, const ExprContext& context) {
  call.function = Function::Ntile;
  if (context.metricValue) {
    mismatch(call, "ntile() ranks each contact; a metric must aggregate it",
             "e.g. percent(ntile(5, lifetime_value) == 5)");
    return Type::error();
  }
  if (context.insideEventFilter) {
    mismatch(call, "ntile() cannot be used inside 'where'",
             "rank contacts outside the event filter");
    return Type::error();
  }
  if (call.args.size() != 2) {
    SourceDiagnostic& d = diagnostics_.error(
        call.range, fmt::format("ntile() takes 2 arguments, given {}", call.args.size()));
    d.hints.push_back("write ntile(5, sum(purchase.amount))");
    return Type::error();
  }
  for (const CallArg& arg : call.args)
    if (rejectClauses(arg, "ntile")) return Type::error();
  Expr& k = *call.args[0].value;
  check(k, context);
  if (k.kind != ExprKind::IntLiteral || k.as<IntLiteral>().value < 1 ||
      k.as<IntLiteral>().value > 10000) {
    mismatch(k, "the number of buckets must be an integer literal from 1 to 10000",
             "e.g. ntile(5, x) for quintiles");
    return Type::error();
  }
  Type x = check(*call.args[1].value, context);
  if (x.isError()) return x;
  if (!x.isNumeric() && x.kind != TypeKind::Timestamp && x.kind != TypeKind::Duration) {
    mismatch(
        *call.args[1].value,
        fmt::format("ntile() ranks numbers, timestamps or durations, but this is {}", typeName(x)));
    return Type::error();
  }
  return Type::of(TypeKind::Int, x.nullable);
}

} // namespace seg

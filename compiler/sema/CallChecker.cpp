// Calls: the callee found in the function registry, then checked as its entry says (arity,
// argument types, result type and nullability), by kind: event aggregates here, scalars,
// population aggregates and ranks in ValueCallChecker.cpp.
#include "base/Suggest.h"
#include "sema/CallRules.h"
#include "sema/ExprChecker.h"

#include <fmt/format.h>

namespace seg {

using plan::ArgType;
using plan::FunctionInfo;
using plan::FunctionKind;
using plan::Signature;

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
  auto eventAggregate = plan::functionNamed(name, FunctionKind::EventAggregate);
  auto population = plan::functionNamed(name, FunctionKind::PopulationAggregate);
  bool firstArgIsEvent = !call.args.empty() && eventNamedBy(*call.args[0].value).has_value();
  if (eventAggregate && (firstArgIsEvent || !population || !context.metricValue))
    return checkEventAggregate(call, plan::functionInfo(*eventAggregate), context);
  if (population) return checkPopulationAggregate(call, plan::functionInfo(*population), context);
  if (auto scalar = plan::functionNamed(name, FunctionKind::Scalar))
    return checkScalar(call, plan::functionInfo(*scalar), context);
  if (auto rank = plan::functionNamed(name, FunctionKind::PopulationRank))
    return checkRank(call, plan::functionInfo(*rank), context);
  SourceDiagnostic& d =
      diagnostics_.error(call.calleeRange, fmt::format("unknown function '{}'", name));
  if (auto near = base::closestName(name, plan::allFunctionNames()))
    d.hints.push_back(fmt::format("did you mean '{}'?", *near));
  for (CallArg& arg : call.args)
    arg.value->type = Type::error();
  return Type::error();
}

Type ExprChecker::checkEventAggregate(CallExpr& call, const FunctionInfo& info,
                                      const ExprContext& context) {
  const std::string_view fname = info.name;
  call.function = info.function;
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
  const Signature* form = formFor(call, info);
  if (form == nullptr) return Type::error();
  CallArg& arg = call.args[0];
  Expr& subject = *arg.value;
  std::optional<int> event = eventNamedBy(subject);
  if (!event && subject.kind == ExprKind::Name &&
      isValueName(subject.as<NameExpr>().name, context) &&
      plan::functionNamed(fname, FunctionKind::PopulationAggregate)) {
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
      d.hints.push_back("write " + info.usage);
    subject.type = Type::error();
    return Type::error();
  }
  const EventInfo& eventInfo = schema_.events[*event];
  call.eventIndex = *event;
  std::vector<Type> subjectTypes; // the property's, for the result
  if (form->args[0] == ArgType::Event) {
    if (subject.kind == ExprKind::Member) {
      SourceDiagnostic& d = diagnostics_.error(
          subject.range, fmt::format("{}() takes an event, not a property", fname));
      d.hints.push_back(fmt::format("write {}({})", fname, eventInfo.name));
      return Type::error();
    }
    subject.as<NameExpr>().ref = NameKind::Event;
    subject.as<NameExpr>().eventIndex = *event;
  } else {
    if (subject.kind != ExprKind::Member) {
      SourceDiagnostic& d = diagnostics_.error(
          subject.range,
          fmt::format("{}() needs an event property, e.g. {}({}.{})", fname, fname, eventInfo.name,
                      eventInfo.properties.size() > 1 ? eventInfo.properties[1].name : "at"));
      d.hints.push_back(fmt::format("'{}' has: {}", eventInfo.name, describeProperties(eventInfo)));
      return Type::error();
    }
    auto& member = subject.as<MemberExpr>();
    auto index = eventInfo.propertyIndex(member.member);
    if (!index) {
      SourceDiagnostic& d =
          diagnostics_.error(member.memberRange, fmt::format("event '{}' has no property '{}'",
                                                             eventInfo.name, member.member));
      std::vector<std::string> names;
      for (const FieldInfo& p : eventInfo.properties)
        names.push_back(p.name);
      if (auto near = base::closestName(member.member, names))
        d.hints.push_back(fmt::format("did you mean '{}'?", *near));
      else
        d.hints.push_back(
            fmt::format("'{}' has: {}", eventInfo.name, describeProperties(eventInfo)));
      return Type::error();
    }
    const FieldInfo& property = eventInfo.properties[*index];
    member.ref = NameKind::EventProperty;
    member.eventIndex = *event;
    member.fieldIndex = *index;
    member.type = property.type;
    member.base->as<NameExpr>().ref = NameKind::Event;
    member.base->as<NameExpr>().eventIndex = *event;
    call.propertyIndex = *index;
    const Type& p = property.type;
    if (form->args[0] == ArgType::NumericProperty && !p.isNumeric()) {
      mismatch(member, fmt::format("{}() needs a numeric property, but '{}.{}' is {}", fname,
                                   eventInfo.name, property.name, typeName(p)));
      return Type::error();
    }
    if (form->args[0] == ArgType::OrderedProperty && !isOrdered(p)) {
      mismatch(member, fmt::format("{}() needs an ordered property (number, string, timestamp), "
                                   "but '{}.{}' is {}",
                                   fname, eventInfo.name, property.name, typeName(p)));
      return Type::error();
    }
    subjectTypes.push_back(p);
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
    if (!info.sequences) {
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
  return resultOf(info, *form, subjectTypes);
}

const plan::Signature* ExprChecker::formFor(const CallExpr& call, const plan::FunctionInfo& info) {
  const plan::Signature* form = info.signatureFor(call.args.size());
  if (form != nullptr) return form;
  SourceDiagnostic& d = diagnostics_.error(
      call.range, fmt::format("{}() {}, given {}", info.name, arityPhrase(info), call.args.size()));
  if (!info.usage.empty()) d.hints.push_back("write " + info.usage);
  return nullptr;
}

} // namespace seg

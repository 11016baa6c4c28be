#include "sema/ExprChecker.h"

#include "diag/Suggest.h"

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
    return "partition";
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
  Diagnostic& d = diagnostics_.error(at.range, std::move(message));
  if (!hint.empty()) d.hints.push_back(std::move(hint));
}

void ExprChecker::noteRead(const ExprContext& context, const Decl* decl) {
  if (context.reads != nullptr) context.reads->insert(decl);
}

std::vector<std::string> ExprChecker::valueNames(const ExprContext& context) const {
  std::vector<std::string> names;
  for (const FieldInfo& field : schema_.contactFields)
    names.push_back(field.name);
  for (const auto& [name, decl] : definitions_.values)
    if (decl != context.owner) names.push_back(name);
  for (const auto& [name, refs] : definitions_.branches)
    names.push_back(name);
  if (context.eventIndex >= 0)
    for (const FieldInfo& p : schema_.events[context.eventIndex].properties)
      names.push_back(p.name);
  return names;
}

std::string ExprChecker::describeProperties(const EventInfo& event) const {
  std::string out;
  for (const FieldInfo& p : event.properties) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", p.name, typeName(p.type));
  }
  return out;
}

void ExprChecker::unknownName(const Expr& at, const std::string& name, const ExprContext& context) {
  if (program_.importsFailed) return; // the name may come from the missing module
  Diagnostic& d = diagnostics_.error(at.range, fmt::format("unknown name '{}'", name));
  std::string owners;
  if (context.eventIndex >= 0) {
    for (const EventInfo& event : schema_.events)
      if (event.propertyIndex(name)) owners += (owners.empty() ? "" : ", ") + event.name;
  }
  if (auto near = closestName(name, valueNames(context))) {
    d.hints.push_back(fmt::format("did you mean '{}'?", *near));
  } else if (context.eventIndex >= 0) {
    const EventInfo& event = schema_.events[context.eventIndex];
    d.hints.push_back(
        fmt::format("inside 'where', names are properties of '{}' ({}) or contact "
                    "fields{}",
                    event.name, describeProperties(event),
                    owners.empty() ? "" : fmt::format("; '{}' belongs to {}", name, owners)));
  } else if (!schema_.declared) {
    d.hints.push_back("no schema is in scope: import one, e.g. import \"crm.schema.seg\"");
  }
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

Type ExprChecker::checkName(NameExpr& name, const ExprContext& context,
                            const EnumType* enumContext) {
  const std::string& text = name.name;
  if (enumContext != nullptr) {
    if (auto value = enumContext->indexOf(text)) {
      name.ref = NameKind::EnumValue;
      name.enumValue = *value;
      return Type::enumOf(enumContext);
    }
  }
  auto perContactOnly = [&](std::string_view what) {
    if (!context.metricValue) return false;
    Diagnostic& d = diagnostics_.error(
        name.range,
        fmt::format("{} '{}' is a value of each contact; a metric must aggregate it", what, text));
    d.hints.push_back(
        fmt::format("aggregate it over contacts, e.g. avg({0}) or percent({0})", text));
    return true;
  };
  if (context.eventIndex >= 0) {
    const EventInfo& event = schema_.events[context.eventIndex];
    if (auto index = event.propertyIndex(text)) {
      name.ref = NameKind::EventProperty;
      name.eventIndex = context.eventIndex;
      name.fieldIndex = *index;
      return event.properties[*index].type;
    }
  }
  if (auto index = schema_.fieldIndex(text)) {
    if (perContactOnly("field")) return Type::error();
    name.ref = NameKind::ContactField;
    name.fieldIndex = *index;
    return schema_.contactFields[*index].type;
  }
  if (auto it = definitions_.values.find(text); it != definitions_.values.end()) {
    const Decl* decl = it->second;
    if (perContactOnly(Definitions::kindWord(*decl))) return Type::error();
    name.decl = decl;
    noteRead(context, decl);
    switch (decl->kind) {
    case DeclKind::Segment:
      name.ref = NameKind::Segment;
      return Type::of(TypeKind::Bool);
    case DeclKind::Score:
      name.ref = NameKind::Score;
      return Type::of(TypeKind::Float);
    case DeclKind::Partition: {
      name.ref = NameKind::Partition;
      const auto& partition = decl->as<PartitionDecl>();
      bool hasElse = !partition.branches.empty() && !partition.branches.back().condition;
      return Type::enumOf(&partition.enumType, !hasElse || partition.incomplete);
    }
    default:
      break;
    }
  }
  if (auto it = definitions_.branches.find(text); it != definitions_.branches.end()) {
    if (it->second.size() > 1) {
      Diagnostic& d = diagnostics_.error(
          name.range, fmt::format("'{}' is a branch of several partitions", text));
      std::string options;
      for (const BranchRef& ref : it->second)
        options +=
            fmt::format("{}'{}.{}'", options.empty() ? "" : " or ", ref.partition->name.text, text);
      d.hints.push_back("say which one: " + options);
      return Type::error();
    }
    if (perContactOnly("segment")) return Type::error();
    const BranchRef& ref = it->second.front();
    name.ref = NameKind::PartitionBranch;
    name.decl = ref.partition;
    name.enumValue = ref.index;
    noteRead(context, ref.partition);
    return Type::of(TypeKind::Bool);
  }
  if (auto event = schema_.eventIndex(text)) {
    Diagnostic& d = diagnostics_.error(
        name.range, fmt::format("'{}' is an event, not a value of the contact", text));
    d.hints.push_back(
        fmt::format("aggregate its events, e.g. exists({0}) or count({0}) >= 3", text));
    return Type::error();
  }
  if (definitions_.metrics.count(text) != 0) {
    Diagnostic& d = diagnostics_.error(
        name.range, fmt::format("metric '{}' cannot be used in an expression", text));
    d.hints.push_back("metrics are computed over all contacts after segments and scores");
    return Type::error();
  }
  if (enumContext != nullptr) {
    enumValueError(name, *enumContext);
    return Type::error();
  }
  // A bare enum value outside a comparison with its enum.
  for (const FieldInfo& field : schema_.contactFields) {
    if (field.type.kind == TypeKind::Enum && field.type.enumType->indexOf(text)) {
      Diagnostic& d = diagnostics_.error(
          name.range,
          fmt::format("'{}' is a value of enum '{}', not a value on its own", text, field.name));
      d.hints.push_back(fmt::format("compare it with the field: {} == {}", field.name, text));
      return Type::error();
    }
  }
  unknownName(name, text, context);
  return Type::error();
}

void ExprChecker::enumValueError(const NameExpr& name, const EnumType& enumType) {
  Diagnostic& d = diagnostics_.error(
      name.range, fmt::format("'{}' is not a value of enum '{}'", name.name, enumType.name));
  if (auto near = closestName(name.name, enumType.values))
    d.hints.push_back(fmt::format("did you mean '{}'?", *near));
  std::string values;
  for (const std::string& v : enumType.values)
    values += (values.empty() ? "" : ", ") + v;
  d.hints.push_back(fmt::format("valid values of '{}': {}", enumType.name, values));
}

bool ExprChecker::isValueName(const std::string& name, const ExprContext& context) const {
  if (context.eventIndex >= 0 && schema_.events[context.eventIndex].propertyIndex(name))
    return true;
  return schema_.fieldIndex(name).has_value() || definitions_.values.count(name) != 0 ||
         definitions_.branches.count(name) != 0;
}

bool ExprChecker::readsPersonalData(const Expr& expr) const {
  switch (expr.kind) {
  case ExprKind::Name: {
    const auto& n = expr.as<NameExpr>();
    if (n.ref == NameKind::ContactField) return schema_.contactFields[n.fieldIndex].isPii;
    if (n.ref == NameKind::EventProperty)
      return schema_.events[n.eventIndex].properties[n.fieldIndex].isPii;
    return false;
  }
  case ExprKind::Member: {
    const auto& m = expr.as<MemberExpr>();
    return m.ref == NameKind::EventProperty &&
           schema_.events[m.eventIndex].properties[m.fieldIndex].isPii;
  }
  case ExprKind::Unary:
    return readsPersonalData(*expr.as<UnaryExpr>().operand);
  case ExprKind::Binary:
    return readsPersonalData(*expr.as<BinaryExpr>().lhs) ||
           readsPersonalData(*expr.as<BinaryExpr>().rhs);
  case ExprKind::Call:
    for (const CallArg& arg : expr.as<CallExpr>().args)
      if (readsPersonalData(*arg.value)) return true;
    return false;
  default:
    return false; // conditions yield bools, not the personal value itself
  }
}

Type ExprChecker::checkMember(MemberExpr& member, const ExprContext& context) {
  if (member.base->kind != ExprKind::Name) {
    mismatch(member, "only events and partitions have members",
             "write event.property (purchase.amount) or partition.branch (lifecycle.new)");
    return Type::error();
  }
  const std::string& base = member.base->as<NameExpr>().name;
  if (auto it = definitions_.values.find(base);
      it != definitions_.values.end() && it->second->kind == DeclKind::Partition) {
    const auto& partition = it->second->as<PartitionDecl>();
    auto index = partition.enumType.indexOf(member.member);
    if (!index) {
      Diagnostic& d =
          diagnostics_.error(member.memberRange,
                             fmt::format("partition '{}' has no branch '{}'", base, member.member));
      if (auto near = closestName(member.member, partition.enumType.values))
        d.hints.push_back(fmt::format("did you mean '{}'?", *near));
      return Type::error();
    }
    if (context.metricValue) {
      mismatch(member,
               fmt::format("segment '{}.{}' is a value of each contact; a metric must "
                           "aggregate it",
                           base, member.member),
               fmt::format("e.g. percent({}.{})", base, member.member));
      return Type::error();
    }
    member.ref = NameKind::PartitionBranch;
    member.decl = &partition;
    member.enumValue = *index;
    noteRead(context, &partition);
    return Type::of(TypeKind::Bool);
  }
  if (auto event = schema_.eventIndex(base); event && *event == context.eventIndex) {
    // `purchase.amount` inside `purchase where …` is the filtered event's own property.
    const EventInfo& info = schema_.events[*event];
    if (auto index = info.propertyIndex(member.member)) {
      member.ref = NameKind::EventProperty;
      member.eventIndex = *event;
      member.fieldIndex = *index;
      member.base->as<NameExpr>().ref = NameKind::Event;
      member.base->as<NameExpr>().eventIndex = *event;
      return info.properties[*index].type;
    }
    Diagnostic& d = diagnostics_.error(
        member.memberRange, fmt::format("event '{}' has no property '{}'", base, member.member));
    d.hints.push_back(fmt::format("'{}' has: {}", base, describeProperties(info)));
    return Type::error();
  }
  if (auto event = schema_.eventIndex(base)) {
    std::string what = fmt::format("{}.{}", base, member.member);
    Diagnostic& d = diagnostics_.error(
        member.range, fmt::format("'{}' is a property of each '{}' event, not a value of the "
                                  "contact",
                                  what, base));
    d.hints.push_back(fmt::format("aggregate it, e.g. sum({0}), max({0}) or last({0})", what));
    return Type::error();
  }
  if (isValueName(base, context)) {
    Diagnostic& d = diagnostics_.error(member.range, fmt::format("'{}' has no members", base));
    d.hints.push_back("only events (purchase.amount) and partitions (lifecycle.at_risk) have "
                      "members");
    return Type::error();
  }
  unknownName(*member.base, base, context);
  return Type::error();
}

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
  Diagnostic& d = diagnostics_.error(binary.opRange, fmt::format("cannot apply '{}' to {} and {}",
                                                                 binaryOpSpelling(binary.op),
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
      Diagnostic& d = diagnostics_.error(
          binary.opRange,
          fmt::format("enum '{}' can only be compared with == and != or 'in'", e.name));
      d.hints.push_back(fmt::format("its values are: {}", values));
      return Type::error();
    }
    Diagnostic& d = diagnostics_.error(
        other.range, other.kind == ExprKind::StringLiteral
                         ? fmt::format("'{}' is an enum; compare it with one of its values, not "
                                       "a string",
                                       e.name)
                         : fmt::format("cannot compare enum '{}' with {}", e.name,
                                       typeName(lhs.kind == TypeKind::Enum ? rhs : lhs)));
    std::string spelled =
        other.kind == ExprKind::StringLiteral ? other.as<StringLiteral>().value : std::string();
    std::optional<std::string> near =
        e.indexOf(spelled) ? std::optional<std::string>(spelled) : closestName(spelled, e.values);
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
  Diagnostic& d = diagnostics_.error(
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
  auto countLike = [](const Expr& e) -> std::optional<Function> {
    if (e.kind != ExprKind::Call) return std::nullopt;
    auto f = e.as<CallExpr>().function;
    if (f && (*f == Function::Count || *f == Function::Distinct || *f == Function::Days)) return f;
    return std::nullopt;
  };
  auto constant = [](const Expr& e) -> std::optional<std::int64_t> {
    if (e.kind == ExprKind::IntLiteral) return e.as<IntLiteral>().value;
    if (e.kind == ExprKind::Unary && e.as<UnaryExpr>().operand->kind == ExprKind::IntLiteral)
      return -e.as<UnaryExpr>().operand->as<IntLiteral>().value;
    return std::nullopt;
  };
  BinaryOp op = binary.op;
  std::optional<Function> function = countLike(*binary.lhs);
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
  const std::string_view name = functionName(*function);
  Diagnostic& d = diagnostics_.warning(
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
    Diagnostic& d = diagnostics_.warning(
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
      Diagnostic& d =
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
    Diagnostic& d =
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
    Diagnostic& d = diagnostics_.warning(
        isNull.range, fmt::format("this value is never null, so 'is {}null' is always {}",
                                  isNull.negated ? "not " : "", isNull.negated ? "true" : "false"));
    d.hints.push_back("only fields declared with '?' (and avg/min/max/first/last) can be null");
  }
  return Type::of(TypeKind::Bool);
}

} // namespace seg

// Names in expressions: fields, event properties, definitions, partition branches, enum
// values and members, with suggestions when a name is unknown.
#include "base/Suggest.h"
#include "sema/ExprChecker.h"

#include <fmt/format.h>

namespace seg {

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
  SourceDiagnostic& d = diagnostics_.error(at.range, fmt::format("unknown name '{}'", name));
  std::string owners;
  if (context.eventIndex >= 0) {
    for (const EventInfo& event : schema_.events)
      if (event.propertyIndex(name)) owners += (owners.empty() ? "" : ", ") + event.name;
  }
  if (auto near = base::closestName(name, valueNames(context))) {
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
    SourceDiagnostic& d = diagnostics_.error(
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
      // A cluster leaves out contacts with a null feature.
      bool hasElse =
          !partition.cluster && !partition.branches.empty() && !partition.branches.back().condition;
      return Type::enumOf(&partition.enumType, !hasElse || partition.incomplete);
    }
    default:
      break;
    }
  }
  if (auto it = definitions_.branches.find(text); it != definitions_.branches.end()) {
    if (it->second.size() > 1) {
      SourceDiagnostic& d = diagnostics_.error(
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
    SourceDiagnostic& d = diagnostics_.error(
        name.range, fmt::format("'{}' is an event, not a value of the contact", text));
    d.hints.push_back(
        fmt::format("aggregate its events, e.g. exists({0}) or count({0}) >= 3", text));
    return Type::error();
  }
  if (definitions_.metrics.count(text) != 0) {
    SourceDiagnostic& d = diagnostics_.error(
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
      SourceDiagnostic& d = diagnostics_.error(
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
  SourceDiagnostic& d = diagnostics_.error(
      name.range, fmt::format("'{}' is not a value of enum '{}'", name.name, enumType.name));
  if (auto near = base::closestName(name.name, enumType.values))
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
      SourceDiagnostic& d = diagnostics_.error(
          member.memberRange, fmt::format("{} '{}' has no branch '{}'",
                                          Definitions::kindWord(partition), base, member.member));
      if (partition.cluster && !partition.enumType.values.empty())
        d.hints.push_back(
            fmt::format("its {} clusters are {} to {}", partition.enumType.values.size(),
                        partition.enumType.values.front(), partition.enumType.values.back()));
      else if (auto near = base::closestName(member.member, partition.enumType.values))
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
    SourceDiagnostic& d = diagnostics_.error(
        member.memberRange, fmt::format("event '{}' has no property '{}'", base, member.member));
    d.hints.push_back(fmt::format("'{}' has: {}", base, describeProperties(info)));
    return Type::error();
  }
  if (auto event = schema_.eventIndex(base)) {
    std::string what = fmt::format("{}.{}", base, member.member);
    SourceDiagnostic& d = diagnostics_.error(
        member.range, fmt::format("'{}' is a property of each '{}' event, not a value of the "
                                  "contact",
                                  what, base));
    d.hints.push_back(fmt::format("aggregate it, e.g. sum({0}), max({0}) or last({0})", what));
    return Type::error();
  }
  if (isValueName(base, context)) {
    SourceDiagnostic& d =
        diagnostics_.error(member.range, fmt::format("'{}' has no members", base));
    d.hints.push_back("only events (purchase.amount) and partitions (lifecycle.at_risk) have "
                      "members");
    return Type::error();
  }
  unknownName(*member.base, base, context);
  return Type::error();
}

} // namespace seg

#include "ast/AstPrinter.h"

#include "plan/FunctionRegistry.h"
#include "syntax/Literals.h"

#include <fmt/format.h>

namespace seg {
namespace {

using plan::FunctionKind;

std::string_view functionKindName(FunctionKind kind) {
  switch (kind) {
  case FunctionKind::EventAggregate:
    return "event aggregate";
  case FunctionKind::Scalar:
    return "scalar";
  case FunctionKind::PopulationAggregate:
    return "population aggregate";
  case FunctionKind::PopulationRank:
    return "population rank";
  }
  return "?";
}

std::string typeSuffix(const Type& type) {
  return type.isError() ? std::string() : " : " + typeName(type);
}

std::string partitionName(const Decl* decl) {
  if (decl == nullptr || decl->kind != DeclKind::Partition) return "?";
  return decl->as<PartitionDecl>().name.text;
}

// What a name or member resolved to, as " -> …"; empty while unresolved.
std::string resolution(NameKind ref, const Decl* decl, int eventIndex, int fieldIndex) {
  switch (ref) {
  case NameKind::Unresolved:
    return {};
  case NameKind::ContactField:
    return " -> contact field";
  case NameKind::EventProperty:
    return fmt::format(" -> event property #{}", fieldIndex);
  case NameKind::Segment:
    return " -> segment";
  case NameKind::PartitionBranch:
    return " -> branch of " + partitionName(decl);
  case NameKind::Partition:
    return " -> partition";
  case NameKind::Score:
    return " -> score";
  case NameKind::EnumValue:
    return " -> enum value";
  case NameKind::Event:
    return fmt::format(" -> event #{}", eventIndex);
  }
  return {};
}

std::string callResolution(const CallExpr& call) {
  if (!call.function) return {};
  // The callee's name and the kind together identify the function (`count` is an event or
  // a population aggregate).
  std::string text = " -> " + std::string(functionKindName(plan::functionKind(*call.function)));
  if (call.eventIndex >= 0) text += fmt::format(" event #{}", call.eventIndex);
  if (call.propertyIndex >= 0) text += fmt::format(" property #{}", call.propertyIndex);
  if (call.thenEventIndex >= 0) text += fmt::format(" then event #{}", call.thenEventIndex);
  if (call.withinMicros) text += fmt::format(" within {}us", *call.withinMicros);
  return text;
}

std::string typeRefText(const TypeRef& type) {
  std::string text;
  if (type.isEnum) {
    text = "enum {";
    for (std::size_t i = 0; i < type.enumValues.size(); ++i)
      text += (i == 0 ? " " : ", ") + type.enumValues[i].text;
    text += " }";
  } else {
    text = type.name.text;
  }
  return type.nullable ? text + "?" : text;
}

class AstPrinter {
public:
  explicit AstPrinter(const SourceManager& sources) : sources_(sources) {}

  std::string run(const Module& module) {
    for (const DeclPtr& decl : module.decls)
      declaration(*decl);
    return std::move(out_);
  }

private:
  void line(int depth, std::string_view text) {
    out_.append(static_cast<std::size_t>(depth) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  std::string at(const SourceRange& range) const {
    if (!range.valid() || range.file >= sources_.fileCount()) return " @?";
    return fmt::format(" @{}:{}:{}", sources_.file(range.file).path(), range.begin.line,
                       range.begin.column);
  }

  static std::string incomplete(const Decl& decl) {
    return decl.incomplete ? " (incomplete)" : std::string();
  }

  void declaration(const Decl& decl) {
    switch (decl.kind) {
    case DeclKind::Import: {
      const auto& d = decl.as<ImportDecl>();
      line(0, "import \"" + escapeString(d.path) + "\"" + incomplete(d) + at(d.range));
      break;
    }
    case DeclKind::Schema:
      schema(decl.as<SchemaDecl>());
      break;
    case DeclKind::Segment:
      segment(decl.as<SegmentDecl>());
      break;
    case DeclKind::Partition:
      partition(decl.as<PartitionDecl>());
      break;
    case DeclKind::Score:
      score(decl.as<ScoreDecl>());
      break;
    case DeclKind::Metric:
      metric(decl.as<MetricDecl>());
      break;
    }
  }

  void schema(const SchemaDecl& d) {
    line(0, "schema" + incomplete(d) + at(d.range));
    for (const SchemaBlock& block : d.blocks) {
      if (block.isContact)
        line(1, "contact" + at(block.range));
      else
        line(1, "event " + block.eventName.text + at(block.eventName.range));
      for (const FieldDecl& field : block.fields) {
        std::string text = "field " + field.name.text + ": " + typeRefText(field.type);
        if (field.isKey) text += " key";
        if (field.isPii) text += " pii";
        line(2, text + at(field.name.range));
      }
    }
  }

  void segment(const SegmentDecl& d) {
    line(0, "segment " + d.name.text + incomplete(d) + at(d.name.range));
    optionalExpr(d.condition.get(), 1);
  }

  void partition(const PartitionDecl& d) {
    if (d.cluster) {
      cluster(d, *d.cluster);
      return;
    }
    line(0, "partition " + d.name.text + incomplete(d) + at(d.name.range));
    for (const PartitionBranch& branch : d.branches) {
      if (!branch.condition) {
        line(1, "branch " + branch.name.text + " else" + at(branch.name.range));
        continue;
      }
      line(1, "branch " + branch.name.text + at(branch.name.range));
      expr(*branch.condition, 2);
    }
  }

  void cluster(const PartitionDecl& d, const ClusterSpec& spec) {
    line(0, fmt::format("cluster {} k {} seed {}", d.name.text, spec.k, spec.seed) + incomplete(d) +
                at(d.name.range));
    for (const ClusterFeature& feature : spec.features) {
      line(1, "feature " + feature.name.text + at(feature.name.range));
      expr(*feature.value, 2);
    }
  }

  void score(const ScoreDecl& d) {
    std::string text = "score " + d.name.text;
    if (d.halfLifeMicros) text += fmt::format(" half_life {}us", *d.halfLifeMicros);
    line(0, text + incomplete(d) + at(d.name.range));
    for (const ScoreItem& item : d.items)
      scoreItem(item);
  }

  void scoreItem(const ScoreItem& item) {
    switch (item.kind) {
    case ScoreItemKind::Decay:
      line(1, "decay half_life" + at(item.range));
      optionalExpr(item.halfLife.get(), 2);
      break;
    case ScoreItemKind::Range:
      line(1, "range " + item.low.spelling + " " + item.high.spelling + at(item.range));
      break;
    case ScoreItemKind::PerEvent:
      perRule(item);
      break;
    case ScoreItemKind::IfCondition:
      line(1, "if " + item.points.spelling + at(item.range));
      optionalExpr(item.condition.get(), 2);
      break;
    }
  }

  void perRule(const ScoreItem& item) {
    std::string text = "per " + item.points.spelling + " " + item.event.text;
    if (item.eventIndex >= 0) text += fmt::format(" -> event #{}", item.eventIndex);
    if (item.withinMicros) text += fmt::format(" within {}us", *item.withinMicros);
    if (item.cap) text += " max " + item.cap->spelling;
    line(1, text + at(item.range));
    labeled("where", item.where.get(), 2);
    labeled("within", item.within.get(), 2);
  }

  void metric(const MetricDecl& d) {
    std::string text = "metric " + d.name.text;
    for (std::size_t i = 0; i < d.groupBy.size(); ++i)
      text += (i == 0 ? " by " : ", ") + d.groupBy[i].text;
    line(0, text + incomplete(d) + at(d.name.range));
    optionalExpr(d.value.get(), 1);
    labeled("for", d.forCondition.get(), 1);
  }

  void optionalExpr(const Expr* e, int depth) {
    if (e != nullptr)
      expr(*e, depth);
    else
      line(depth, "<missing>");
  }

  // A clause (`where`, `within`, …) as a line of its own with its expression below it.
  void labeled(std::string_view label, const Expr* e, int depth) {
    if (e == nullptr) return;
    line(depth, label);
    expr(*e, depth + 1);
  }

  void expr(const Expr& e, int depth) {
    line(depth, header(e) + typeSuffix(e.type));
    children(e, depth + 1);
  }

  static std::string header(const Expr& e) {
    switch (e.kind) {
    case ExprKind::IntLiteral:
      return fmt::format("int {}", e.as<IntLiteral>().value);
    case ExprKind::FloatLiteral:
      return "float " + e.as<FloatLiteral>().spelling;
    case ExprKind::StringLiteral:
      return "string \"" + escapeString(e.as<StringLiteral>().value) + "\"";
    case ExprKind::BoolLiteral:
      return e.as<BoolLiteral>().value ? "bool true" : "bool false";
    case ExprKind::DurationLiteral: {
      const auto& d = e.as<DurationLiteral>();
      return fmt::format("duration {}{}", d.amount, d.unit);
    }
    case ExprKind::TimestampLiteral:
      return "timestamp @" + e.as<TimestampLiteral>().spelling;
    case ExprKind::Now:
      return "now";
    case ExprKind::Name: {
      const auto& n = e.as<NameExpr>();
      return "name " + n.name + resolution(n.ref, n.decl, n.eventIndex, n.fieldIndex);
    }
    case ExprKind::Member: {
      const auto& m = e.as<MemberExpr>();
      return "member " + m.member + resolution(m.ref, m.decl, m.eventIndex, m.fieldIndex);
    }
    case ExprKind::Unary:
      return e.as<UnaryExpr>().op == UnaryOp::Not ? "not" : "neg";
    case ExprKind::Binary:
      return std::string(binaryOpSpelling(e.as<BinaryExpr>().op));
    case ExprKind::Between:
      return e.as<BetweenExpr>().negated ? "not between" : "between";
    case ExprKind::In:
      return e.as<InExpr>().negated ? "not in" : "in";
    case ExprKind::IsNull:
      return e.as<IsNullExpr>().negated ? "is not null" : "is null";
    case ExprKind::Call: {
      const auto& c = e.as<CallExpr>();
      return "call " + c.callee + callResolution(c);
    }
    }
    return "?";
  }

  void children(const Expr& e, int depth) {
    switch (e.kind) {
    case ExprKind::Member:
      expr(*e.as<MemberExpr>().base, depth);
      break;
    case ExprKind::Unary:
      expr(*e.as<UnaryExpr>().operand, depth);
      break;
    case ExprKind::Binary:
      expr(*e.as<BinaryExpr>().lhs, depth);
      expr(*e.as<BinaryExpr>().rhs, depth);
      break;
    case ExprKind::Between: {
      const auto& b = e.as<BetweenExpr>();
      expr(*b.value, depth);
      expr(*b.low, depth);
      expr(*b.high, depth);
      break;
    }
    case ExprKind::In:
      expr(*e.as<InExpr>().value, depth);
      for (const ExprPtr& item : e.as<InExpr>().items)
        expr(*item, depth);
      break;
    case ExprKind::IsNull:
      expr(*e.as<IsNullExpr>().value, depth);
      break;
    case ExprKind::Call:
      for (const CallArg& arg : e.as<CallExpr>().args)
        callArg(arg, depth);
      break;
    default:
      break;
    }
  }

  // The argument's value, then each clause labelled, so `count(a where b, c)` stays readable.
  void callArg(const CallArg& arg, int depth) {
    expr(*arg.value, depth);
    labeled("where", arg.where.get(), depth);
    labeled("then", arg.thenEvent.get(), depth);
    labeled("then where", arg.thenWhere.get(), depth);
    labeled("within", arg.within.get(), depth);
  }

  const SourceManager& sources_;
  std::string out_;
};

} // namespace

std::string printAst(const Module& module, const SourceManager& sources) {
  return AstPrinter(sources).run(module);
}

} // namespace seg

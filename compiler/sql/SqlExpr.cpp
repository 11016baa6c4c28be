// The translation of plan nodes to PostgreSQL expressions (see SqlExpr.h for the rules).
#include "sql/SqlExpr.h"

#include "base/CivilTime.h"
#include "sql/SqlClickHouse.h"
#include "sql/SqlDuckDb.h"
#include "sql/SqlEventAggregates.h"
#include "sql/SqlRanks.h"
#include "sql/SqlRound.h"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <tuple>

namespace seg::sql {

using plan::Node;
using plan::NodeId;
using plan::Op;
using plan::ValueType;

namespace {

const char* sqlType(ValueType type) {
  switch (type) {
  case ValueType::Bool:
    return "BOOLEAN";
  case ValueType::Float:
    return "DOUBLE PRECISION";
  case ValueType::String:
    return "TEXT";
  default:
    return "BIGINT"; // Int, Timestamp, Duration (µs), Enum (value index)
  }
}

std::string floatLiteral(double v) {
  if (std::isnan(v)) return "'NaN'::float8";
  if (std::isinf(v)) return v > 0 ? "'Infinity'::float8" : "'-Infinity'::float8";
  return fmt::format("{}::float8", v);
}

std::string intLiteral(std::int64_t v) {
  if (v == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807 - 1)";
  return std::to_string(v);
}

constexpr const char* kUpper = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'";
constexpr const char* kLower = "'abcdefghijklmnopqrstuvwxyz'";

} // namespace

ExprTranslator::ExprTranslator(const QueryContext& context, plan::Scope scope,
                               EventAggregates* aggregates, std::string contactAlias,
                               std::string eventAlias)
    : context_(context), scope_(scope), aggregates_(aggregates),
      contactAlias_(std::move(contactAlias)), eventAlias_(std::move(eventAlias)) {}

std::string ExprTranslator::reference(const Node& n) const {
  if (n.op == Op::ContactField && fieldsRead_ != nullptr) fieldsRead_->insert(n.index);
  if (n.op == Op::ContactField && scope_ == plan::Scope::Event) // joined to the events
    return quoteIdentifier(contactFieldOfEvents(context_.schema.contactFields[n.index].name));
  if (n.op == Op::ContactField) // ClickHouse: the joined relation's columns, unqualified
    return (contactAlias_.empty() ? "" : contactAlias_ + ".") +
           quoteIdentifier(context_.schema.contactFields[n.index].name);
  std::string name = quoteIdentifier(context_.schema.events[n.eventType].properties[n.index].name);
  return eventAlias_.empty() ? name : eventAlias_ + "." + name;
}

std::string ExprTranslator::translate(NodeId id) {
  return node(id);
}

void ExprTranslator::fail(std::string construct, std::string through) {
  if (!unsupported_)
    unsupported_ = Unsupported{std::move(construct), through.empty() ? through_ : through};
}

std::string constantLiteral(Dialect dialect, ValueType type, const plan::Constant& constant) {
  if (dialect == Dialect::ClickHouse) {
    if (type == ValueType::Bool) return constant.integer != 0 ? "1" : "0";
    if (type == ValueType::Float) return clickhouse::floatLiteral(constant.real);
    if (type != ValueType::String) return clickhouse::intLiteral(constant.integer);
  }
  switch (type) {
  case ValueType::Bool:
    return constant.integer != 0 ? "TRUE" : "FALSE";
  case ValueType::Float:
    return floatLiteral(constant.real);
  case ValueType::String:
    return quoteString(dialect, constant.text);
  default:
    return intLiteral(constant.integer);
  }
}

std::string ExprTranslator::literal(const Node& n) {
  return constantLiteral(context_.dialect, n.type, n.constant);
}

std::string ExprTranslator::column(const FieldInfo& field, const std::string& reference) {
  if (ch()) { // timestamps are Int64 µs; an Enum8 value's number is its index + 1
    if (field.type.kind == TypeKind::Enum) return "(toInt64(" + reference + ") - 1)";
    return reference;
  }
  if (field.type.kind == TypeKind::Timestamp) return microsOf(reference, context_.dialect);
  if (field.type.kind == TypeKind::Enum && field.type.enumType != nullptr) {
    std::string out = "CASE " + reference;
    const auto& values = field.type.enumType->values;
    for (std::size_t i = 0; i < values.size(); ++i)
      out += fmt::format(" WHEN {} THEN {}", quoteString(context_.dialect, values[i]), i);
    return out + " END";
  }
  return reference;
}

const EnumType* ExprTranslator::enumColumn(NodeId id) const {
  const Node& n = context_.plan.nodes[id];
  if (n.op == Op::ContactField && (scope_ == plan::Scope::Contact || fieldsRead_ != nullptr))
    return context_.schema.contactFields[n.index].type.enumType;
  if (n.op == Op::EventField && scope_ == plan::Scope::Event)
    return context_.schema.events[n.eventType].properties[n.index].type.enumType;
  return nullptr;
}

std::string ExprTranslator::node(NodeId id) {
  if (unsupported_) return {};
  const Node& n = context_.plan.nodes[id];
  const std::vector<NodeId>& o = n.operands;
  switch (n.op) {
  case Op::Const:
    return literal(n);
  case Op::NullConst:
    if (ch()) return clickhouse::nullOf(n.type);
    return fmt::format("CAST(NULL AS {})", sqlType(n.type));
  case Op::Now:
    return nowMicros(context_);
  case Op::ContactField: {
    // In a `where`, a contact field is a column joined to the events (SqlEventAggregates).
    if (scope_ != plan::Scope::Contact && fieldsRead_ == nullptr) {
      fail("a where condition that reads a contact field");
      return {};
    }
    return column(context_.schema.contactFields[n.index], reference(n));
  }
  case Op::EventField: {
    if (scope_ != plan::Scope::Event) {
      fail("an event property outside its aggregate");
      return {};
    }
    return column(context_.schema.events[n.eventType].properties[n.index], reference(n));
  }
  case Op::Slot: {
    const plan::Slot& slot = context_.plan.slots[n.index];
    if (scope_ != plan::Scope::Contact) {
      fail(fmt::format("a where condition that reads '{}'", slot.name));
      return {};
    }
    std::string saved = through_;
    static constexpr const char* kKinds[] = {"segment", "score", "partition", "value", "value"};
    if (through_.empty())
      through_ = fmt::format("{} '{}'", kKinds[static_cast<int>(slot.kind)], slot.name);
    std::string out = "(" + node(slot.expr) + ")";
    through_ = saved;
    return out;
  }
  case Op::Aggregate:
    if (aggregates_ == nullptr) {
      fail("an event aggregate inside a where condition");
      return {};
    }
    return aggregates_->reference(n.index, *this);
  case Op::Rank:
    if (ranks_ == nullptr) {
      fail("population ranks (ntile)");
      return {};
    }
    return ranks_->reference(n.index, *this);
  case Op::LutInput:
  case Op::StringLut:
  case Op::StringRank:
    fail("string lookup tables (plan lowered with string lookups)");
    return {};
  case Op::Not:
    return "(NOT " + node(o[0]) + ")";
  case Op::And:
  case Op::Or:
    if (ch() && (context_.plan.nodes[o[0]].nullable || context_.plan.nodes[o[1]].nullable))
      return clickhouse::kleene(n.op == Op::And, node(o[0]), node(o[1]));
    return binary(n, n.op == Op::And ? "AND" : "OR");
  case Op::Neg:
    if (auto v = constantInteger(id)) return ch() ? clickhouse::intLiteral(*v) : intLiteral(*v);
    return "(- " + node(o[0]) + ")";
  case Op::Add:
    return binary(n, "+");
  case Op::Sub:
    return binary(n, "-");
  case Op::Mul:
    return binary(n, "*");
  case Op::Div: // PostgreSQL raises division_by_zero; Seg's result is null
    if (ch()) return fmt::format("({} / nullIf({}, 0))", node(o[0]), node(o[1]));
    return fmt::format("({} / NULLIF({}, 0))", node(o[0]), node(o[1]));
  case Op::Mod:
    if (ch()) return clickhouse::modulo(node(o[0]), node(o[1]));
    if (duck()) return duckdb::modulo(node(o[0]), node(o[1]));
    return fmt::format("({} % NULLIF({}, 0))", node(o[0]), node(o[1]));
  case Op::ToFloat:
    if (ch()) return "toFloat64(" + node(o[0]) + ")";
    return "CAST(" + node(o[0]) + " AS DOUBLE PRECISION)";
  case Op::Eq:
  case Op::Ne:
  case Op::Lt:
  case Op::Le:
  case Op::Gt:
  case Op::Ge:
    return comparison(n);
  case Op::IsNull:
    return "(" + node(o[0]) + " IS NULL)";
  case Op::IsNotNull:
    return "(" + node(o[0]) + " IS NOT NULL)";
  case Op::InList:
    return inList(n);
  case Op::Min2:
  case Op::Max2: {
    if (ch()) // least and greatest are null when an operand is
      return fmt::format("{}({}, {})", n.op == Op::Min2 ? "least" : "greatest", node(o[0]),
                         node(o[1]));
    // LEAST and GREATEST skip nulls; Min2 and Max2 are null when an operand is.
    std::string a = node(o[0]), b = node(o[1]);
    std::string both = fmt::format("{}({}, {})", n.op == Op::Min2 ? "LEAST" : "GREATEST", a, b);
    if (!context_.plan.nodes[o[0]].nullable && !context_.plan.nodes[o[1]].nullable) return both;
    return fmt::format("CASE WHEN {} IS NULL OR {} IS NULL THEN NULL ELSE {} END", a, b, both);
  }
  case Op::Coalesce: {
    // ClickHouse 18.16's COALESCE fails ("Illegal column for DataTypeNullable") when an
    // argument is a constant NULL, as `x / 0` is; nested ifNull does not.
    if (ch()) {
      std::string out = node(o.back());
      for (std::size_t i = o.size() - 1; i-- > 0;)
        out = fmt::format("ifNull({}, {})", node(o[i]), out);
      return out;
    }
    std::string out = "COALESCE(";
    for (std::size_t i = 0; i < o.size(); ++i)
      out += (i ? ", " : "") + node(o[i]);
    return out + ")";
  }
  case Op::Call:
    return call(n);
  case Op::Partition: {
    // Only a true condition selects a branch; false and null go on to the next.
    if (ch()) {
      std::string out = "multiIf(";
      for (std::size_t i = 0; i < o.size(); ++i)
        out += fmt::format("{}, {}, ", node(o[i]), clickhouse::intLiteral(i));
      return out +
             (n.elseIndex >= 0 ? clickhouse::intLiteral(n.elseIndex)
                               : "CAST(NULL AS Nullable(Int64))") +
             ")";
    }
    std::string out = "CASE";
    for (std::size_t i = 0; i < o.size(); ++i)
      out += fmt::format(" WHEN {} THEN {}", node(o[i]), i);
    if (n.elseIndex >= 0) out += fmt::format(" ELSE {}", n.elseIndex);
    return out + " END";
  }
  case Op::PointsIf:
    if (ch())
      return fmt::format("multiIf({}, {}, 0.)", node(o[0]),
                         clickhouse::floatLiteral(n.constant.real));
    return fmt::format("CASE WHEN {} THEN {} ELSE 0::float8 END", node(o[0]),
                       floatLiteral(n.constant.real));
  case Op::StrLower:
  case Op::StrUpper:
  case Op::StrLength:
  case Op::StrContains:
  case Op::StrStartsWith:
  case Op::StrEndsWith:
    return stringFunction(n);
  }
  fail("an unknown plan operation");
  return {};
}

std::optional<std::int64_t> ExprTranslator::constantInteger(NodeId id) const {
  const Node& n = context_.plan.nodes[id];
  if (n.type != ValueType::Int && n.type != ValueType::Timestamp && n.type != ValueType::Duration)
    return std::nullopt;
  if (n.op == Op::Const) return n.constant.integer;
  if (n.op == Op::Now) return context_.now;
  if (n.op != Op::Neg && n.op != Op::Add && n.op != Op::Sub && n.op != Op::Mul) return std::nullopt;
  std::optional<std::int64_t> a = constantInteger(n.operands[0]);
  if (!a) return std::nullopt;
  const auto ua = static_cast<std::uint64_t>(*a);
  if (n.op == Op::Neg) return static_cast<std::int64_t>(0 - ua);
  std::optional<std::int64_t> b = constantInteger(n.operands[1]);
  if (!b) return std::nullopt;
  const auto ub = static_cast<std::uint64_t>(*b);
  // Two's-complement wrap-around, as docs/execution.md says for every integer operation.
  switch (n.op) {
  case Op::Add:
    return static_cast<std::int64_t>(ua + ub);
  case Op::Sub:
    return static_cast<std::int64_t>(ua - ub);
  default:
    return static_cast<std::int64_t>(ua * ub);
  }
}

std::string ExprTranslator::binary(const Node& n, const char* op) {
  if (n.op == Op::Add || n.op == Op::Sub || n.op == Op::Mul) {
    const NodeId self = static_cast<NodeId>(&n - context_.plan.nodes.data());
    if (auto v = constantInteger(self)) return ch() ? clickhouse::intLiteral(*v) : intLiteral(*v);
  }
  std::string a = node(n.operands[0]), b = node(n.operands[1]);
  // Two integer literals would be 32-bit integers in PostgreSQL.
  if (!ch() && n.type == ValueType::Int && context_.plan.nodes[n.operands[0]].op == Op::Const &&
      context_.plan.nodes[n.operands[1]].op == Op::Const)
    a = "CAST(" + a + " AS BIGINT)";
  return fmt::format("({} {} {})", a, op, b);
}

std::string ExprTranslator::comparison(const Node& n) {
  const char* op = n.op == Op::Eq   ? "="
                   : n.op == Op::Ne ? "<>"
                   : n.op == Op::Lt ? "<"
                   : n.op == Op::Le ? "<="
                   : n.op == Op::Gt ? ">"
                                    : ">=";
  NodeId a = n.operands[0], b = n.operands[1];
  const Node& nb = context_.plan.nodes[b];
  const Node& na = context_.plan.nodes[a];
  // An enum column against a value: compare the stored names.
  for (auto [field, value] : {std::pair{a, b}, std::pair{b, a}}) {
    const EnumType* e = enumColumn(field);
    const Node& v = context_.plan.nodes[value];
    if (e != nullptr && v.op == Op::Const && v.constant.integer >= 0 &&
        v.constant.integer < static_cast<std::int64_t>(e->values.size())) {
      const Node& f = context_.plan.nodes[field];
      const FieldInfo& info = f.op == Op::ContactField
                                  ? context_.schema.contactFields[f.index]
                                  : context_.schema.events[f.eventType].properties[f.index];
      std::string ref = f.op == Op::ContactField ? reference(f) : quoteIdentifier(info.name);
      return fmt::format("({} {} {})", ref, op,
                         quoteString(context_.dialect, e->values[v.constant.integer]));
    }
  }
  // A timestamp column against a constant time: compare the column itself (exact to the
  // microsecond, and an index can serve it), for times of years 1 to 9999.
  for (auto [field, value, flipped] : {std::tuple{a, b, false}, std::tuple{b, a, true}}) {
    const Node& f = context_.plan.nodes[field];
    const bool column = (f.op == Op::ContactField && scope_ == plan::Scope::Contact) ||
                        (f.op == Op::EventField && scope_ == plan::Scope::Event);
    std::optional<std::int64_t> v = constantInteger(value);
    if (!ch() && column && f.type == ValueType::Timestamp && v && literalTimestamp(*v)) {
      std::string lhs = reference(f), rhs = timestampLiteral(*v);
      if (flipped) std::swap(lhs, rhs);
      return fmt::format("({} {} {})", lhs, op, rhs);
    }
  }
  // Strings order by their bytes.
  const bool collate = !ch() && na.type == ValueType::String && nb.type == ValueType::String &&
                       n.op != Op::Eq && n.op != Op::Ne;
  return fmt::format("({}{} {} {})", node(a), collate ? " COLLATE \"C\"" : "", op, node(b));
}

std::string ExprTranslator::inList(const Node& n) {
  const EnumType* e = enumColumn(n.operands[0]);
  if (ch()) { // its IN is not three-valued: x = a OR x = b …, in Kleene logic
    std::string x =
        e != nullptr ? reference(context_.plan.nodes[n.operands[0]]) : node(n.operands[0]);
    std::string out;
    for (std::size_t i = 1; i < n.operands.size(); ++i) {
      const Node& item = context_.plan.nodes[n.operands[i]];
      std::string text;
      if (item.op == Op::NullConst)
        text = "CAST(NULL AS Nullable(UInt8))";
      else if (e != nullptr && item.op == Op::Const && item.constant.integer >= 0 &&
               item.constant.integer < static_cast<std::int64_t>(e->values.size()))
        text = fmt::format("({} = {})", x,
                           quoteString(context_.dialect, e->values[item.constant.integer]));
      else
        text = fmt::format("({} = {})", x, node(n.operands[i]));
      out = i == 1 ? text : clickhouse::kleene(false, out, text);
    }
    return out;
  }
  std::string out = "(";
  if (e != nullptr) {
    out += reference(context_.plan.nodes[n.operands[0]]);
  } else {
    out += node(n.operands[0]);
  }
  out += " IN (";
  for (std::size_t i = 1; i < n.operands.size(); ++i) {
    const Node& item = context_.plan.nodes[n.operands[i]];
    std::string text;
    if (e != nullptr && item.op == Op::Const && item.constant.integer >= 0 &&
        item.constant.integer < static_cast<std::int64_t>(e->values.size()))
      text = quoteString(context_.dialect, e->values[item.constant.integer]);
    else if (e != nullptr && item.op == Op::NullConst)
      text = "CAST(NULL AS TEXT)";
    else
      text = node(n.operands[i]);
    out += (i > 1 ? ", " : "") + text;
  }
  return out + "))";
}

std::string ExprTranslator::timestampOf(NodeId id) {
  const Node& n = context_.plan.nodes[id];
  if ((n.op == Op::ContactField && scope_ == plan::Scope::Contact) ||
      (n.op == Op::EventField && scope_ == plan::Scope::Event))
    return reference(n);
  return fmt::format("(TIMESTAMPTZ '1970-01-01 00:00:00+00' + {} * INTERVAL '1 microsecond')",
                     node(id));
}

bool ExprTranslator::refusedByDialect(plan::Function function, std::size_t arity) {
  const plan::FunctionInfo& info = plan::functionInfo(function);
  if (info.implementedBy(dialectEngine(context_.dialect), arity)) return false;
  const plan::Signature* form = info.signatureFor(arity);
  fail(form != nullptr && !form->form.empty() ? std::string(form->form)
                                              : fmt::format("the function {}()", info.name));
  return true;
}

std::string ExprTranslator::call(const Node& n) {
  const std::vector<NodeId>& o = n.operands;
  if (refusedByDialect(n.function, o.size())) return {};
  switch (n.function) {
  case plan::Function::DaysSince:
  case plan::Function::HoursSince: // floor((now − ts) ÷ unit), in integers
    return floorDivide(context_, fmt::format("({} - {})", nowMicros(context_), node(o[0])),
                       n.function == plan::Function::DaysSince ? base::kMicrosPerDay
                                                               : base::kMicrosPerHour);
  case plan::Function::Year:
  case plan::Function::Month:
  case plan::Function::DayOfWeek:
  case plan::Function::Hour: {
    if (ch()) return clickhouse::calendarPart(n.function, node(o[0]));
    if (duck()) return duckdb::calendarPart(n.function, node(o[0]));
    const char* part = n.function == plan::Function::Year    ? "YEAR"
                       : n.function == plan::Function::Month ? "MONTH"
                       : n.function == plan::Function::Hour  ? "HOUR"
                                                             : "ISODOW";
    return fmt::format("CAST(EXTRACT({} FROM {} AT TIME ZONE 'UTC') AS BIGINT)", part,
                       timestampOf(o[0]));
  }
  case plan::Function::Abs:
    // ClickHouse's abs of an Int64 is a UInt64; back to Int64, the smallest wraps to itself
    if (ch() && n.type == ValueType::Int) return "toInt64(abs(" + node(o[0]) + "))";
    return "abs(" + node(o[0]) + ")";
  case plan::Function::Round: {
    if (o.size() == 2) { // digits: an integer literal (plan::ArgKind::Digits)
      std::optional<std::int64_t> digits = constantInteger(o[1]);
      if (!digits) {
        fail("round(x, digits) with digits other than a literal");
        return {};
      }
      std::string x = node(o[0]);
      if (context_.plan.nodes[o[0]].type != ValueType::Float)
        x = ch() ? "toFloat64(" + x + ")" : "CAST(" + x + " AS DOUBLE PRECISION)";
      return roundToDigits(context_.dialect, x, *digits);
    }
    std::string x = node(o[0]);
    if (context_.plan.nodes[o[0]].type != ValueType::Float) return x;
    if (ch()) return clickhouse::roundHalfAway(x);
    // Halves away from zero, exactly: x − trunc(x) is exact in binary floating point
    // (PostgreSQL's round(float8) rounds halves to even).
    return fmt::format("CASE WHEN {0} = 'NaN'::float8 OR {0} < -9223372036854775808::float8 OR "
                       "{0} >= 9223372036854775808::float8 THEN NULL WHEN abs({0} - trunc({0})) "
                       ">= 0.5::float8 THEN CAST(trunc({0}) + sign({0}) AS BIGINT) ELSE "
                       "CAST(trunc({0}) AS BIGINT) END",
                       x);
  }
  default: // the registry says this dialect implements it, but nothing here does
    fail(fmt::format("the function {}()", functionName(n.function)));
    return {};
  }
}

std::string ExprTranslator::stringFunction(const Node& n) {
  const std::vector<NodeId>& o = n.operands;
  if (auto f = plan::functionLoweredTo(n.op); f && refusedByDialect(*f, o.size())) return {};
  if (ch()) { // lower and upper change ASCII letters only; lengthUTF8 counts code points
    switch (n.op) {
    case Op::StrLower:
      return "lower(" + node(o[0]) + ")";
    case Op::StrUpper:
      return "upper(" + node(o[0]) + ")";
    case Op::StrLength:
      return "toInt64(lengthUTF8(" + node(o[0]) + "))";
    case Op::StrContains:
      return fmt::format("(position({}, {}) > 0)", node(o[0]), node(o[1]));
    case Op::StrStartsWith:
      return fmt::format("startsWith({}, {})", node(o[0]), node(o[1]));
    case Op::StrEndsWith:
      return fmt::format("endsWith({}, {})", node(o[0]), node(o[1]));
    default:
      return {};
    }
  }
  switch (n.op) {
  case Op::StrLower: // ASCII letters only, as Seg's lower()
    return fmt::format("translate({}, {}, {})", node(o[0]), kUpper, kLower);
  case Op::StrUpper:
    return fmt::format("translate({}, {}, {})", node(o[0]), kLower, kUpper);
  case Op::StrLength: // code points in a UTF-8 database
    return "CAST(char_length(" + node(o[0]) + ") AS BIGINT)";
  case Op::StrContains:
    return fmt::format("(strpos({}, {}) > 0)", node(o[0]), node(o[1]));
  case Op::StrStartsWith:
    return fmt::format("starts_with({}, {})", node(o[0]), node(o[1]));
  case Op::StrEndsWith: {
    std::string suffix = node(o[1]);
    return fmt::format("(right({}, char_length({})) = {})", node(o[0]), suffix, suffix);
  }
  default:
    break;
  }
  return {};
}

} // namespace seg::sql

// Translates plan expressions to PostgreSQL expressions (DuckDB's and ClickHouse's where they
// differ: SqlDuckDb.h, SqlClickHouse.h) with exactly the plan's meaning: SQL's own
// three-valued AND/OR/NOT, comparisons, IN and COALESCE; division and modulo by zero as
// NULL; timestamps and durations as BIGINT microseconds; enums as their value index (a
// contact's enum column holds the value's name); strings compared by bytes (COLLATE "C");
// slots (segments, scores, partitions) inlined; event aggregates read from the columns of a
// grouped subquery (SqlEventAggregates.h).
#pragma once

#include "sql/SqlQueryContext.h"

#include <optional>
#include <set>
#include <string>

namespace seg::sql {

class EventAggregates;
class RankColumns;

// The name under which an event subquery reads contact field `name` (joined to its events).
inline std::string contactFieldOfEvents(const std::string& name) {
  return "seg_c_" + name;
}

// A constant of plan type `type` as a literal of the dialect (ClickHouse: typed as Seg's,
// "toInt64(5)"; PostgreSQL: "2.5::float8", the smallest BIGINT as an expression).
std::string constantLiteral(Dialect dialect, plan::ValueType type, const plan::Constant& constant);

class ExprTranslator {
public:
  // Contact scope: columns are read from `contactAlias`, aggregates from `aggregates`.
  // Event scope (aggregates == nullptr): `where` conditions over one event table's columns,
  // qualified by `eventAlias` when it is not empty.
  ExprTranslator(const QueryContext& context, plan::Scope scope, EventAggregates* aggregates,
                 std::string contactAlias = "c", std::string eventAlias = {});

  // The SQL of node `id`; meaningless once unsupported() is set.
  std::string translate(plan::NodeId id);
  const std::optional<Unsupported>& unsupported() const { return unsupported_; }
  // Records the first construct not translated; `through` (when given) names the definition
  // it was met in, instead of the one being inlined here.
  void fail(std::string construct, std::string through = {});
  // Where ntile columns come from (contact scope); without, an ntile is refused.
  void setRanks(RankColumns* ranks) { ranks_ = ranks; }
  // Where the contact fields read are recorded (ClickHouse's joins carry only those). In the
  // event scope, it lets a `where` read contact fields, as the columns their
  // contactFieldOfEvents names give, which the event table's subquery joins.
  void setFieldsRead(std::set<std::int32_t>* fields) { fieldsRead_ = fields; }

  // True (and failed) when the registry says the dialect lacks this form of the function.
  bool refusedByDialect(plan::Function function, std::size_t arity);

private:
  std::string node(plan::NodeId id);
  std::string column(const FieldInfo& field, const std::string& reference);
  // The column of a ContactField or EventField node, as stored (enums as their names).
  std::string reference(const plan::Node& n) const;
  std::string binary(const plan::Node& n, const char* op);
  std::string comparison(const plan::Node& n);
  std::string inList(const plan::Node& n);
  std::string call(const plan::Node& n);
  std::string stringFunction(const plan::Node& n);
  std::string literal(const plan::Node& n);
  // The enum type of `id` when it is an enum column (so `plan == trial` compares names).
  const EnumType* enumColumn(plan::NodeId id) const;
  // The value of an integer-valued (int, timestamp, duration) expression of constants and a
  // fixed `now`, wrapping as Seg's arithmetic does; written as one literal.
  std::optional<std::int64_t> constantInteger(plan::NodeId id) const;
  std::string timestampOf(plan::NodeId id); // a TIMESTAMPTZ for year(), hour() …
  bool ch() const { return context_.dialect == Dialect::ClickHouse; }
  bool duck() const { return context_.dialect == Dialect::DuckDb; }

  const QueryContext& context_;
  plan::Scope scope_;
  EventAggregates* aggregates_;
  RankColumns* ranks_ = nullptr;
  std::set<std::int32_t>* fieldsRead_ = nullptr;
  std::string contactAlias_;
  std::string eventAlias_;
  std::optional<Unsupported> unsupported_;
  std::string through_; // the slot being inlined, for messages
};

} // namespace seg::sql

// The event aggregates of one query: every aggregate over one event type becomes a column of
// one grouped subquery of that type's table (LEFT JOINed to the contacts), as the engines
// serve them all in one pass over a contact's events; `within` and `where` become the
// column's FILTER, and the empty-set rules (count 0, exists false, sum 0, others null) are
// applied where the column is read. A sequence (`then`) is an EXISTS of its own.
#pragma once

#include "sql/SqlQueryContext.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace seg::sql {

class ExprTranslator;

class EventAggregates {
public:
  // `contactKey`: the contact's key column in the outer query ("c.id").
  EventAggregates(const QueryContext& context, std::string contactKey)
      : context_(context), contactKey_(std::move(contactKey)) {}

  // The contact-scope SQL of aggregate `index`; on a construct not translated yet, tells
  // `reader` (whose definition is then named in the message) and returns "".
  std::string reference(std::int32_t index, ExprTranslator& reader);

  // One "LEFT JOIN (SELECT … GROUP BY contact_key) AS alias ON …" line per event type read.
  std::string joins() const;
  // "FROM (SELECT … GROUP BY contact_key) AS alias" of event type `driving`, then the joins of
  // the other types; the contact key given to the constructor must be the driving alias's.
  std::string fromEvents(std::int32_t driving) const;
  // The alias of event type `eventType`'s grouped subquery.
  std::string aliasOf(std::int32_t eventType) const;
  // The event types whose grouped subqueries are joined, and marking one as inner-joined
  // (the condition is never true without its rows: SqlEmptyEvents.h).
  std::vector<std::int32_t> eventTypes() const;
  void setInner(std::int32_t eventType) { events_[eventType].inner = true; }

  // ClickHouse 18.16 takes one JOIN per SELECT: each event type's grouped subquery (its
  // key column named `keyName`, as the contacts' key), to be chained with USING.
  struct Joined {
    std::string sql;
    std::vector<std::string> columns;
    bool inner = false; // INNER JOIN: the query keeps no contact without a row here
  };
  std::vector<Joined> clickhouseJoins(const std::string& keyName) const;

private:
  // An aggregate's filter: its window's conditions on `at` and its `where`, each already in
  // the dialect ("… IS TRUE", "ifNull(…, 0)").
  struct Filter {
    std::vector<std::string> window;
    std::optional<std::int64_t> windowStart; // with `now` fixed, the window's start
    std::string where;                       // "" for none
  };
  // One aggregate column, made from its final filter once every aggregate of its type is
  // known: conditions the subquery's WHERE applies to every row are left out of it.
  struct Column {
    std::string key; // the expression with every condition spelled out
    std::function<std::string(const std::string& filter)> make;
    Filter filter;
  };
  struct EventQuery {
    std::string alias;
    std::vector<Column> columns; // the aggregate expressions, column i is "a<i>"
    // When every aggregate has a window (and `now` is fixed), the rows before the earliest
    // start are read by none: a WHERE on (contact_key, at) skips them.
    bool unbounded = false;
    bool inner = false;
    std::set<std::int32_t> contactFields; // read by a `where`: joined to the events
    std::optional<std::int64_t> start;
  };
  // Records aggregate `a`'s window for its type's WHERE.
  void noteWindow(const plan::Aggregate& a);
  // The rows of event type `eventType`'s subquery: its table, joined to the contact fields
  // its `where`s read.
  std::string eventRows(std::int32_t eventType) const;
  // "(SELECT contact_key, … GROUP BY contact_key) AS alias" of event type `eventType`.
  std::string grouped(std::int32_t eventType) const;
  // "\n  WHERE …" of event type `eventType`'s subquery, or "".
  std::string windowWhere(const EventQuery& query) const;
  // Registers the aggregate column `make` makes from its filter's text (shared when two
  // aggregates read alike) and returns "alias.a<i>".
  std::string column(std::int32_t eventType, const Filter& filter,
                     const std::function<std::string(const std::string&)>& make);
  // Conditions as the dialect's filter: " FILTER (WHERE …)" or "" (PostgreSQL), "… AND …"
  // or "1" (ClickHouse's -If).
  std::string filterText(const std::vector<std::string>& conditions) const;
  // The `where` every column of `query` has (then in its WHERE), or "".
  std::string sharedWhere(const EventQuery& query) const;
  // Column `column` of `query` with the conditions its WHERE does not apply.
  std::string columnSql(const EventQuery& query, const Column& column) const;
  // `e1 [where …] then e2 [where …] [within gap]`: an EXISTS over a join of the two tables.
  std::string sequence(const plan::Aggregate& a, ExprTranslator& reader);
  // One event's weight under `decay half_life`, as the engines compute it.
  std::string decayWeight(std::int64_t halfLifeMicros) const;
  // ClickHouse: a sequence as a column of its own grouped subquery (no correlated EXISTS).
  std::string clickhouseSequence(const plan::Aggregate& a, ExprTranslator& reader);
  // The aggregate's column with -If combinators (the FILTER's `conditions` joined by AND).
  std::string clickhouseColumn(const plan::Aggregate& a, const Filter& filter,
                               ExprTranslator& reader);

  const QueryContext& context_;
  std::string contactKey_;
  std::map<std::int32_t, EventQuery> events_; // by event type, in schema order
  std::vector<Joined> sequences_; // ClickHouse: "{key}" stands for the key column's name
};

// ClickHouse: the contacts table joined to each of `joins` in turn (USING the key), each join
// a SELECT of its own over the last, with every contact field and joined column; the
// contacts table itself when there is no join.
// Only the key and `fields` (contact field indices) are carried through the joins.
// With `driving`, the relation starts from that join instead of the contacts (see
// QueryContext::eventsNameContacts; `fields` must then be empty).
std::string clickhouseRelation(const QueryContext& context,
                               const std::vector<EventAggregates::Joined>& joins,
                               const std::set<std::int32_t>& fields,
                               std::optional<std::size_t> driving = std::nullopt);

} // namespace seg::sql

// One query per segment: the segment's condition, with the segments, scores and partitions
// it reads inlined, over the contacts table LEFT JOINed to one grouped subquery per event
// type it aggregates (and one of ranks); WHERE keeps exactly the contacts whose condition is
// true. One query per partition: each contact's branch, by name, contacts in no branch left out.
#include "sql/SqlSegments.h"

#include "sql/SqlEmptyEvents.h"
#include "sql/SqlEventAggregates.h"
#include "sql/SqlExpr.h"
#include "sql/SqlRanks.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg::sql {
namespace {

// ClickHouse 18.16 takes one JOIN per SELECT: the contacts are joined to each event type's
// (and the ranks') grouped subquery in turn, each join a SELECT of its own over the last,
// every column unqualified; join_use_nulls makes a contact without events NULL there (not
// 0), so the empty-set rules apply as on PostgreSQL.
SegmentQuery clickhouseQuery(const QueryContext& context, const plan::Slot& slot,
                             const std::string& expression, const EventAggregates& aggregates,
                             const RankColumns& ranks, const std::set<std::int32_t>& fields,
                             std::optional<std::int32_t> driving) {
  const bool partition = slot.kind == plan::SlotKind::Partition;
  SegmentQuery query{slot.name, {}, {}, partition};
  const std::string key =
      quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  std::vector<EventAggregates::Joined> joins = aggregates.clickhouseJoins(key);
  for (EventAggregates::Joined& rank : ranks.clickhouseJoins(key))
    joins.push_back(std::move(rank));
  std::optional<std::size_t> drivingJoin; // the event types come first, in eventTypes() order
  if (driving) {
    const std::vector<std::int32_t> types = aggregates.eventTypes();
    drivingJoin =
        static_cast<std::size_t>(std::find(types.begin(), types.end(), *driving) - types.begin());
  }
  const std::string relation = clickhouseRelation(context, joins, fields, drivingJoin);
  // On a cluster (Distributed tables), each subquery is computed once over every shard.
  const std::string settings = "SETTINGS join_use_nulls = 1, distributed_product_mode = 'global'";
  if (!partition) {
    query.sql = fmt::format("-- segment {}\nSELECT {} AS contact_key\nFROM {}\nWHERE {}\n{};\n",
                            slot.name, key, relation, expression, settings);
    return query;
  }
  std::string names;
  for (const std::string& branch : slot.branches)
    names += (names.empty() ? "" : ", ") + quoteString(context.dialect, branch);
  // The branch index is an Int64 (null in no branch); arrayElement is null for a null index.
  std::string select =
      fmt::format("SELECT {} AS contact_key, arrayElement([{}], ({}) + 1) AS branch\nFROM {}", key,
                  names, expression, relation);
  if (slot.nullable)
    select =
        fmt::format("SELECT contact_key, branch FROM (\n{}\n)\nWHERE isNotNull(branch)", select);
  query.sql = fmt::format("-- partition {}\n{}\n{};\n", slot.name, select, settings);
  return query;
}

} // namespace

SegmentQuery segmentQuery(const QueryContext& context, std::int32_t slotIndex) {
  const plan::Slot& slot = context.plan.slots[slotIndex];
  const bool partition = slot.kind == plan::SlotKind::Partition;
  const char* kind = partition ? "partition" : "segment";
  SegmentQuery query{slot.name, {}, {}, partition};
  if (context.schema.keyField < 0) {
    query.error = fmt::format("{} '{}': the schema has no key field, so members cannot be named",
                              kind, slot.name);
    return query;
  }
  const bool ch = context.dialect == Dialect::ClickHouse;

  // The membership is the condition coalesced to false; WHERE already keeps only true.
  plan::NodeId root = slot.expr;
  const plan::Node& top = context.plan.nodes[root];
  if (top.op == plan::Op::Coalesce && top.operands.size() == 2 &&
      context.plan.nodes[top.operands[1]].op == plan::Op::Const &&
      context.plan.nodes[top.operands[1]].type == plan::ValueType::Bool &&
      context.plan.nodes[top.operands[1]].constant.integer == 0)
    root = top.operands[0];

  const std::string keyName =
      quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  std::string key = ch ? keyName : "c." + keyName;
  EventAggregates aggregates(context, key);
  RankColumns ranks(context, key);
  ExprTranslator translator(context, plan::Scope::Contact, &aggregates, ch ? "" : "c");
  std::set<std::int32_t> fields; // the contact fields the condition reads
  translator.setFieldsRead(&fields);
  translator.setRanks(&ranks);
  std::string expression = translator.translate(root);
  if (const auto& unsupported = translator.unsupported()) {
    query.error = fmt::format("{} '{}' uses {}{}, which the SQL back end does not translate yet",
                              kind, slot.name, unsupported->construct,
                              unsupported->through.empty() ? "" : " in " + unsupported->through);
    return query;
  }
  // A segment that no contact without events of a type can be in reads that type's
  // subquery through an inner join.
  std::optional<std::int32_t> firstInner;
  if (!partition)
    for (std::int32_t eventType : aggregates.eventTypes())
      if (falseWithoutEvents(context, root, eventType)) {
        aggregates.setInner(eventType);
        if (!firstInner) firstInner = eventType;
      }
  // Events that name contacts: a segment reading no contact field (nor a rank, which is
  // over every contact) is answered from its inner-joined type's grouped events.
  std::optional<std::int32_t> driving;
  if (context.eventsNameContacts && firstInner && fields.empty() && ranks.join().empty())
    driving = firstInner;
  if (ch) return clickhouseQuery(context, slot, expression, aggregates, ranks, fields, driving);
  if (driving) {
    // The key is now the driving subquery's: translated again for the joins and EXISTS.
    const std::string drivingKey = aggregates.aliasOf(*driving) + ".contact_key";
    EventAggregates events(context, drivingKey);
    RankColumns noRanks(context, drivingKey);
    ExprTranslator again(context, plan::Scope::Contact, &events, "c");
    again.setRanks(&noRanks);
    const std::string condition = again.translate(root);
    for (std::int32_t eventType : events.eventTypes())
      if (falseWithoutEvents(context, root, eventType)) events.setInner(eventType);
    query.sql = fmt::format("-- segment {}\nSELECT {} AS contact_key\n{}WHERE {};\n", slot.name,
                            drivingKey, events.fromEvents(*driving), condition);
    return query;
  }
  const std::string from =
      fmt::format("FROM {} AS c\n{}", context.names.contacts(), aggregates.joins() + ranks.join());
  if (!partition) {
    query.sql = fmt::format("-- segment {}\nSELECT {} AS contact_key\n{}WHERE {};\n", slot.name,
                            key, from, expression);
    return query;
  }
  std::string branch = "CASE (" + expression + ")";
  for (std::size_t i = 0; i < slot.branches.size(); ++i)
    branch += fmt::format(" WHEN {} THEN {}", i, quoteString(context.dialect, slot.branches[i]));
  branch += " END";
  std::string select = fmt::format("SELECT {} AS contact_key, {} AS branch\n{}", key, branch, from);
  if (slot.nullable) // without `else`, a contact may be in no branch
    select = fmt::format("SELECT contact_key, branch FROM (\n{}) AS p\nWHERE branch IS NOT NULL",
                         select);
  query.sql = fmt::format("-- partition {}\n{};\n", slot.name,
                          select.back() == '\n' ? select.substr(0, select.size() - 1) : select);
  return query;
}

std::vector<SegmentQuery> segmentQueries(const QueryContext& context) {
  std::vector<SegmentQuery> out;
  for (std::size_t i = 0; i < context.plan.slots.size(); ++i) {
    const plan::Slot& slot = context.plan.slots[i];
    if ((slot.kind == plan::SlotKind::Segment || slot.kind == plan::SlotKind::Partition) &&
        slot.definition)
      out.push_back(segmentQuery(context, static_cast<std::int32_t>(i)));
  }
  return out;
}

} // namespace seg::sql

// One query per segment: the segment's condition, with the segments, scores and partitions
// it reads inlined, over the contacts table LEFT JOINed to one grouped subquery per event
// type it aggregates (and one of ranks); WHERE keeps exactly the contacts whose condition is
// true. One query per partition: each contact's branch, by name, contacts in no branch left out.
#include "sql/SqlSegments.h"

#include "sql/SqlEventAggregates.h"
#include "sql/SqlExpr.h"
#include "sql/SqlRanks.h"

#include <fmt/format.h>

namespace seg::sql {

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
  if (context.dialect != Dialect::Postgres) {
    query.error = fmt::format("{} '{}': queries in the {} dialect are not written yet (only "
                              "--ddl is); use --dialect postgres",
                              kind, slot.name, dialectName(context.dialect));
    return query;
  }

  // The membership is the condition coalesced to false; WHERE already keeps only true.
  plan::NodeId root = slot.expr;
  const plan::Node& top = context.plan.nodes[root];
  if (top.op == plan::Op::Coalesce && top.operands.size() == 2 &&
      context.plan.nodes[top.operands[1]].op == plan::Op::Const &&
      context.plan.nodes[top.operands[1]].type == plan::ValueType::Bool &&
      context.plan.nodes[top.operands[1]].constant.integer == 0)
    root = top.operands[0];

  std::string key =
      "c." + quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  EventAggregates aggregates(context, key);
  RankColumns ranks(context, key);
  ExprTranslator translator(context, plan::Scope::Contact, &aggregates, "c");
  translator.setRanks(&ranks);
  std::string expression = translator.translate(root);
  if (const auto& unsupported = translator.unsupported()) {
    query.error = fmt::format("{} '{}' uses {}{}, which the SQL back end does not translate yet",
                              kind, slot.name, unsupported->construct,
                              unsupported->through.empty() ? "" : " in " + unsupported->through);
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

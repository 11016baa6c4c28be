// One query per segment: the segment's condition, with the segments, scores and partitions
// it reads inlined, over the contacts table LEFT JOINed to one grouped subquery per event
// type it aggregates. WHERE keeps exactly the contacts whose condition is true.
#include "sql/SqlSegments.h"

#include "sql/SqlEventAggregates.h"
#include "sql/SqlExpr.h"
#include "sql/SqlRanks.h"

#include <fmt/format.h>

namespace seg::sql {

SegmentQuery segmentQuery(const QueryContext& context, std::int32_t slotIndex) {
  const plan::Slot& slot = context.plan.slots[slotIndex];
  SegmentQuery query{slot.name, {}, {}};
  if (context.schema.keyField < 0) {
    query.error = fmt::format("segment '{}': the schema has no key field, so members cannot be "
                              "named",
                              slot.name);
    return query;
  }
  if (context.dialect != Dialect::Postgres) {
    query.error = fmt::format("segment '{}': queries in the {} dialect are not written yet (only "
                              "--ddl is); use --dialect postgres",
                              slot.name, dialectName(context.dialect));
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
  std::string condition = translator.translate(root);
  if (const auto& unsupported = translator.unsupported()) {
    query.error = fmt::format(
        "segment '{}' uses {}{}, which the SQL back end does not translate yet", slot.name,
        unsupported->construct, unsupported->through.empty() ? "" : " in " + unsupported->through);
    return query;
  }
  query.sql =
      fmt::format("-- segment {}\nSELECT {} AS contact_key\nFROM {} AS c\n{}WHERE {};\n", slot.name,
                  key, context.names.contacts(), aggregates.joins() + ranks.join(), condition);
  return query;
}

std::vector<SegmentQuery> segmentQueries(const QueryContext& context) {
  std::vector<SegmentQuery> out;
  for (std::size_t i = 0; i < context.plan.slots.size(); ++i) {
    const plan::Slot& slot = context.plan.slots[i];
    if (slot.kind == plan::SlotKind::Segment && slot.definition)
      out.push_back(segmentQuery(context, static_cast<std::int32_t>(i)));
  }
  return out;
}

} // namespace seg::sql

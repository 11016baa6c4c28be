// A score is a float never null: its rules added in the order written, each `per` rule the
// count of its events (a FILTERed column of its type's grouped subquery) times the points,
// capped with least/greatest, then clamped by `range` — the plan's own nodes, translated as
// for a segment that reads the score, so SQL adds the rules in the engines' order.
#include "sql/SqlScores.h"

#include "sql/SqlContactColumns.h"
#include "sql/SqlDialect.h"

#include <fmt/format.h>

namespace seg::sql {

ScoreQuery scoreQuery(const QueryContext& context, std::int32_t slotIndex) {
  const plan::Slot& slot = context.plan.slots[static_cast<std::size_t>(slotIndex)];
  ScoreQuery query{slot.name, slotIndex, {}, {}};
  if (context.schema.keyField < 0) {
    query.error = fmt::format("score '{}': the schema has no key field, so contacts cannot be "
                              "named",
                              slot.name);
    return query;
  }
  if (context.dialect == Dialect::DuckDb) {
    query.error = fmt::format("score '{}': queries in the {} dialect are not written yet (segments "
                              "and partitions are); use --dialect postgres or clickhouse",
                              slot.name, dialectName(context.dialect));
    return query;
  }
  ContactColumns columns(context);
  std::string value = columns.translate(slot.expr);
  if (const auto& unsupported = columns.unsupported()) {
    query.error = fmt::format("score '{}' uses {}{}, which the SQL back end does not translate yet",
                              slot.name, unsupported->construct,
                              unsupported->through.empty() ? "" : " in " + unsupported->through);
    return query;
  }
  const bool ch = context.dialect == Dialect::ClickHouse;
  query.sql = fmt::format("-- score {}\n{}{};\n", slot.name,
                          columns.select({{value, quoteIdentifier(slot.name)}}),
                          ch ? std::string("\n") + kClickHouseSettings : "");
  return query;
}

std::vector<ScoreQuery> scoreQueries(const QueryContext& context) {
  std::vector<ScoreQuery> out;
  for (std::size_t i = 0; i < context.plan.slots.size(); ++i) {
    const plan::Slot& slot = context.plan.slots[i];
    if (slot.kind == plan::SlotKind::Score && slot.definition)
      out.push_back(scoreQuery(context, static_cast<std::int32_t>(i)));
  }
  return out;
}

} // namespace seg::sql

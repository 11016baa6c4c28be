#include "sql/SqlCombined.h"

#include "sql/SqlEventAggregates.h"
#include "sql/SqlExpr.h"
#include "sql/SqlRanks.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace seg::sql {

CombinedQuery combinedQuery(const QueryContext& context, const std::vector<std::string>& only) {
  CombinedQuery out;
  if (context.schema.keyField < 0) {
    out.errors.push_back("the schema has no key field, so members cannot be named");
    return out;
  }
  const bool ch = context.dialect == Dialect::ClickHouse;
  const std::string keyName =
      quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  const std::string key = ch ? keyName : "c." + keyName;
  EventAggregates aggregates(context, key);
  RankColumns ranks(context, key);
  std::set<std::int32_t> fields;
  std::vector<std::string> selected;
  for (const plan::Slot& slot : context.plan.slots) {
    const bool partition = slot.kind == plan::SlotKind::Partition;
    if ((slot.kind != plan::SlotKind::Segment && !partition) || !slot.definition) continue;
    if (!only.empty() && std::find(only.begin(), only.end(), slot.name) == only.end()) continue;
    // A translator of its own per definition, so one that fails leaves the others' SQL; the
    // aggregates and ranks are shared, so one grouped subquery per event type serves all.
    ExprTranslator translator(context, plan::Scope::Contact, &aggregates, ch ? "" : "c");
    translator.setFieldsRead(&fields);
    translator.setRanks(&ranks);
    std::string expression = translator.translate(slot.expr);
    if (const auto& unsupported = translator.unsupported()) {
      out.errors.push_back(
          fmt::format("{} '{}' uses {}{}, which the SQL back end does not translate yet",
                      partition ? "partition" : "segment", slot.name, unsupported->construct,
                      unsupported->through.empty() ? "" : " in " + unsupported->through));
      continue;
    }
    std::string column;
    if (!partition) {
      // Segment slots are coalesced to false already: a contact is in or out.
      column = fmt::format("({})", expression);
    } else if (ch) {
      std::string names;
      for (const std::string& branch : slot.branches)
        names += (names.empty() ? "" : ", ") + quoteString(context.dialect, branch);
      column = fmt::format("arrayElement([{}], ({}) + 1)", names, expression);
    } else {
      column = "CASE (" + expression + ")";
      for (std::size_t i = 0; i < slot.branches.size(); ++i)
        column +=
            fmt::format(" WHEN {} THEN {}", i, quoteString(context.dialect, slot.branches[i]));
      column += " END";
    }
    selected.push_back(fmt::format("  {} AS {}", column, quoteIdentifier(slot.name)));
    out.columns.push_back(slot.name);
  }
  if (selected.empty()) return out;
  std::string list;
  for (const std::string& column : selected)
    list += ",\n" + column;
  if (ch) {
    std::vector<EventAggregates::Joined> joins = aggregates.clickhouseJoins(keyName);
    for (EventAggregates::Joined& rank : ranks.clickhouseJoins(keyName))
      joins.push_back(std::move(rank));
    out.sql = fmt::format("-- combined\nSELECT {} AS contact_key{}\nFROM {}\nSETTINGS "
                          "join_use_nulls = 1, distributed_product_mode = 'global';\n",
                          key, list, clickhouseRelation(context, joins, fields));
    return out;
  }
  out.sql = fmt::format("-- combined\nSELECT {} AS contact_key{}\nFROM {} AS c\n{};\n", key, list,
                        context.names.contacts(), aggregates.joins() + ranks.join());
  if (out.sql.ends_with("\n;\n")) out.sql.replace(out.sql.size() - 3, 3, ";\n");
  return out;
}

} // namespace seg::sql

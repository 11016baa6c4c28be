// The columns share one EventAggregates and one RankColumns, so the expressions of a query
// read each event type's table once, as the engines serve them in one pass.
#include "sql/SqlContactColumns.h"

#include "sql/SqlExpr.h"

#include <fmt/format.h>

namespace seg::sql {
namespace {

std::string keyColumn(const QueryContext& context) {
  const std::string name =
      quoteIdentifier(context.schema.contactFields[context.schema.keyField].name);
  return context.dialect == Dialect::ClickHouse ? name : "c." + name;
}

} // namespace

ContactColumns::ContactColumns(const QueryContext& context)
    : context_(context), key_(keyColumn(context)), aggregates_(context, key_),
      ranks_(context, key_) {}

std::string ContactColumns::translate(plan::NodeId expr) {
  if (unsupported_) return {};
  const bool ch = context_.dialect == Dialect::ClickHouse;
  ExprTranslator translator(context_, plan::Scope::Contact, &aggregates_, ch ? "" : "c");
  translator.setFieldsRead(&fields_);
  translator.setRanks(&ranks_);
  std::string sql = translator.translate(expr);
  if (translator.unsupported()) {
    unsupported_ = translator.unsupported();
    return {};
  }
  return sql;
}

std::string ContactColumns::field(std::int32_t index) {
  fields_.insert(index);
  const FieldInfo& info = context_.schema.contactFields[static_cast<std::size_t>(index)];
  if (context_.dialect == Dialect::ClickHouse) return quoteIdentifier(info.name);
  return "c." + quoteIdentifier(info.name);
}

std::string
ContactColumns::select(const std::vector<std::pair<std::string, std::string>>& columns) const {
  std::string list;
  for (const auto& [sql, alias] : columns)
    list += fmt::format(",\n  {} AS {}", sql, alias);
  if (context_.dialect == Dialect::ClickHouse) {
    const std::string keyName =
        quoteIdentifier(context_.schema.contactFields[context_.schema.keyField].name);
    std::vector<EventAggregates::Joined> joins = aggregates_.clickhouseJoins(keyName);
    for (EventAggregates::Joined& rank : ranks_.clickhouseJoins(keyName))
      joins.push_back(std::move(rank));
    return fmt::format("SELECT {} AS contact_key{}\nFROM {}", key_, list,
                       clickhouseRelation(context_, joins, fields_));
  }
  std::string joins = aggregates_.joins() + ranks_.join();
  if (!joins.empty() && joins.back() == '\n') joins.pop_back();
  return fmt::format("SELECT {} AS contact_key{}\nFROM {} AS c{}{}", key_, list,
                     context_.names.contacts(), joins.empty() ? "" : "\n", joins);
}

} // namespace seg::sql

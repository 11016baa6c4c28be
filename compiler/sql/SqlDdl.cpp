// The table layout of the SQL back end, per dialect: PostgreSQL and DuckDB get NOT NULL for
// fields without `?`, a CHECK for enums and a primary key; ClickHouse gets Nullable(…),
// Enum8 and MergeTree tables ordered by the key, events by (contact_key, at).
#include "sql/SqlDdl.h"

#include <fmt/format.h>

namespace seg::sql {

std::string TableNames::contacts() const {
  return quoteIdentifier(prefix + "contacts");
}

std::string TableNames::event(std::string_view eventName) const {
  return quoteIdentifier(prefix + "event_" + std::string(eventName));
}

namespace {

std::string columnDefinition(Dialect dialect, const std::string& name, const Type& type) {
  std::string column = quoteIdentifier(name);
  if (dialect == Dialect::ClickHouse) {
    std::string base = columnType(dialect, type);
    return fmt::format("  {} {}", column, type.nullable ? "Nullable(" + base + ")" : base);
  }
  std::string out = fmt::format("  {} {}", column, columnType(dialect, type));
  if (!type.nullable) out += " NOT NULL";
  if (type.kind == TypeKind::Enum && type.enumType != nullptr) {
    out += fmt::format(" CHECK ({} IN (", column);
    for (std::size_t i = 0; i < type.enumType->values.size(); ++i)
      out += (i ? ", " : "") + quoteString(dialect, type.enumType->values[i]);
    out += "))";
  }
  return out;
}

std::string table(Dialect dialect, const std::string& name, const std::vector<std::string>& columns,
                  const std::string& keyColumns, bool primaryKey) {
  std::string out = fmt::format("CREATE TABLE {} (\n", name);
  for (std::size_t i = 0; i < columns.size(); ++i)
    out +=
        columns[i] +
        (i + 1 < columns.size() || (primaryKey && dialect != Dialect::ClickHouse) ? ",\n" : "\n");
  if (primaryKey && dialect != Dialect::ClickHouse)
    out += fmt::format("  PRIMARY KEY ({})\n", keyColumns);
  out += ")";
  if (dialect == Dialect::ClickHouse)
    out += fmt::format("\nENGINE = MergeTree\nORDER BY {}",
                       keyColumns.find(',') != std::string::npos ? "(" + keyColumns + ")"
                                                                 : keyColumns);
  return out + ";\n";
}

} // namespace

namespace {

// `table`'s statement for the shards' local table, then the Distributed table over it.
std::string distributed(const std::string& statement, const std::string& name,
                        const std::string& cluster, const std::string& shardingColumn) {
  const std::string local =
      name.front() == '"' ? name.substr(0, name.size() - 1) + "_local\"" : name + "_local";
  std::string out = statement;
  out.replace(out.find(name), name.size(), local);
  return out +
         fmt::format("CREATE TABLE {} AS {}\nENGINE = Distributed({}, currentDatabase(), {}, "
                     "cityHash64({}));\n",
                     name, local, quoteString(Dialect::ClickHouse, cluster),
                     quoteString(Dialect::ClickHouse,
                                 local.front() == '"' ? local.substr(1, local.size() - 2) : local),
                     shardingColumn);
}

} // namespace

std::string schemaDdl(const CheckedSchema& schema, Dialect dialect, const TableNames& names,
                      const std::string& cluster) {
  const bool sharded = dialect == Dialect::ClickHouse && !cluster.empty();
  std::string out;
  std::vector<std::string> columns;
  for (const FieldInfo& field : schema.contactFields)
    columns.push_back(columnDefinition(dialect, field.name, field.type));
  std::string key = schema.keyField >= 0
                        ? quoteIdentifier(schema.contactFields[schema.keyField].name)
                        : std::string();
  std::string contacts =
      table(dialect, names.contacts(), columns, key.empty() ? "tuple()" : key, !key.empty());
  out += sharded && !key.empty() ? distributed(contacts, names.contacts(), cluster, key) : contacts;

  Type keyType = schema.keyField >= 0
                     ? schema.contactFields[schema.keyField].type.withNullable(false)
                     : Type::of(TypeKind::Int);
  for (const EventInfo& event : schema.events) {
    columns = {columnDefinition(dialect, "contact_key", keyType)};
    for (const FieldInfo& property : event.properties)
      columns.push_back(columnDefinition(dialect, property.name, property.type));
    std::string name = names.event(event.name);
    out += "\n";
    std::string events =
        table(dialect, name, columns, "contact_key, " + quoteIdentifier("at"), false);
    out += sharded ? distributed(events, name, cluster, "contact_key") : events;
    if (dialect != Dialect::ClickHouse)
      out += fmt::format("CREATE INDEX {} ON {} (contact_key, {});\n",
                         quoteIdentifier(names.prefix + "event_" + event.name + "_by_contact"),
                         name, quoteIdentifier("at"));
  }
  return out;
}

} // namespace seg::sql

// `seg export --to clickhouse://…`: ClickHouse has no transactions, so every table is first
// filled in a staging copy (`<table>__seg_new`, RowBinary inserts), and only once all are
// filled is each renamed in place of its table and the old rows dropped. A failure before
// the renames drops the staging tables and leaves every table as it was. A Distributed
// table (`seg sql --ddl --cluster`) cannot be staged from one server: it must be empty, and
// is filled in place through the Distributed table (each row reaches its shard).
#include "sql/SqlDialect.h"
#include "warehouse/Export.h"
#include "warehouse/ExportTables.h"
#include "warehouse/RowBinary.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg::warehouse {
namespace {

constexpr std::size_t kRowsPerInsert = 1 << 18;

// The type system.columns shows for a column of the ClickHouse DDL.
std::string columnType(const runtime::ColumnSpec& spec, bool nullable) {
  std::string type;
  switch (spec.kind) {
  case runtime::ValueKind::Int:
  case runtime::ValueKind::Timestamp:
    type = "Int64";
    break;
  case runtime::ValueKind::Float:
    type = "Float64";
    break;
  case runtime::ValueKind::Bool:
    type = "UInt8";
    break;
  case runtime::ValueKind::String:
    type = "String";
    break;
  case runtime::ValueKind::Enum:
    type = spec.enumValues.size() > 127 ? "Enum16(" : "Enum8(";
    for (std::size_t i = 0; i < spec.enumValues.size(); ++i)
      type += fmt::format("{}{} = {}", i ? ", " : "",
                          sql::quoteString(sql::Dialect::ClickHouse, spec.enumValues[i]), i + 1);
    type += ")";
    break;
  }
  return nullable ? "Nullable(" + type + ")" : type;
}

// The DDL's statement that creates `quoted`, if any.
std::string createStatement(const std::string& ddl, const std::string& quoted) {
  const std::string head = "CREATE TABLE " + quoted + " (";
  std::size_t at = ddl.find(head);
  if (at == std::string::npos) return {};
  return ddl.substr(at, ddl.find(";\n", at) - at);
}

std::string unquoted(const std::string& column) {
  if (column.size() < 2 || column.front() != '"') return column;
  std::string out;
  for (std::size_t i = 1; i + 1 < column.size(); ++i) {
    out += column[i];
    if (column[i] == '"') ++i;
  }
  return out;
}

// Every column of `table` on the server has the type the rows are encoded for.
std::optional<std::string> checkColumns(const ChSession& session, const ExportTable& table,
                                        const runtime::ColumnSpec& key) {
  ChReply columns =
      session.exec(fmt::format("SELECT name, type FROM system.columns WHERE database = "
                               "currentDatabase() AND table = {} FORMAT TabSeparated",
                               sql::quoteString(sql::Dialect::ClickHouse, table.name)));
  if (!columns.ok()) return columns.error;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string name = unquoted(table.columns[c]);
    const runtime::ColumnSpec& spec = table.specs[c] != nullptr ? *table.specs[c] : key;
    const std::string expected = columnType(spec, table.specs[c] != nullptr && spec.nullable);
    auto found = std::find_if(columns.rows.begin(), columns.rows.end(),
                              [&](const auto& row) { return row.size() == 2 && row[0] == name; });
    if (found == columns.rows.end())
      return fmt::format("the table {} has no column {} (the data needs {} {})", table.name, name,
                         name, expected);
    if ((*found)[1] != expected)
      return fmt::format("column {}.{} is {} on the server, the data needs {}", table.name, name,
                         (*found)[1].value_or("?"), expected);
  }
  return std::nullopt;
}

// The rows of `table` inserted into `target`, in chunks.
std::optional<std::string> insertRows(const ChSession& session, const runtime::Store& store,
                                      const ExportTable& table, const std::string& target) {
  const std::string columns = fmt::format("{} ({})", target, fmt::join(table.columns, ", "));
  std::string body;
  for (std::size_t begin = 0; begin < table.rows; begin += kRowsPerInsert) {
    const std::size_t end = std::min(table.rows, begin + kRowsPerInsert);
    body.clear();
    if (table.event < 0)
      appendContactRowBinary(body, store, begin, end);
    else
      appendEventRowBinary(body, store, static_cast<std::size_t>(table.event), begin, end);
    if (auto error = session.insert(columns, body)) return error;
  }
  return std::nullopt;
}

} // namespace

ExportResult exportToClickHouse(const runtime::Store& store, const ChAddress& address,
                                const std::string& prefix, const std::string& ddl) {
  ExportResult result;
  ChSession session(address);
  if (ChReply ping = session.exec("SELECT 1"); !ping.ok()) {
    result.error = "cannot connect to the server: " + ping.error;
    return result;
  }
  result.connected = true;
  const runtime::ColumnSpec& key = store.schema.contactFields[store.schema.keyField];
  std::vector<ExportTable> tables = exportTables(store, prefix);
  std::vector<std::string> staged;
  std::vector<std::string> distributed; // tables filled in place
  auto failed = [&](const std::string& what, const std::string& message) {
    for (const std::string& name : staged) // best effort: the tables themselves are untouched
      session.exec("DROP TABLE IF EXISTS " + name);
    result.error = what + ": " + message;
    return result;
  };
  for (const ExportTable& table : tables) {
    ChReply exists = session.exec("EXISTS TABLE " + table.quoted);
    if (!exists.ok()) return failed(table.name, exists.error);
    if (exists.rows.empty() || exists.rows[0].empty() || exists.rows[0][0] != "1") {
      std::string create = createStatement(ddl, table.quoted);
      if (create.empty())
        return failed(table.name, fmt::format("the table {} does not exist; pass --schema-file "
                                              "to create it",
                                              table.quoted));
      if (ChReply created = session.exec(create); !created.ok())
        return failed("creating " + table.name, created.error);
    }
    if (auto wrong = checkColumns(session, table, key)) return failed(table.name, *wrong);
    ChReply engine = session.exec(fmt::format(
        "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = {}",
        sql::quoteString(sql::Dialect::ClickHouse, table.name)));
    if (!engine.ok()) return failed(table.name, engine.error);
    if (!engine.rows.empty() && !engine.rows[0].empty() && engine.rows[0][0] == "Distributed") {
      ChReply rows = session.exec("SELECT count() FROM " + table.quoted);
      if (!rows.ok()) return failed(table.name, rows.error);
      if (rows.rows.empty() || rows.rows[0].empty() || rows.rows[0][0] != "0")
        return failed(table.name, fmt::format("{} is a Distributed table holding rows; it is "
                                              "filled in place, so empty its local tables on "
                                              "every shard first (TRUNCATE TABLE …_local)",
                                              table.name));
      distributed.push_back(table.name);
      result.inPlace = true;
    }
  }
  for (const ExportTable& table : tables) {
    if (std::find(distributed.begin(), distributed.end(), table.name) != distributed.end()) {
      if (auto error = insertRows(session, store, table, table.quoted))
        return failed("writing " + table.name + " (rows already sent stay: empty it and retry)",
                      *error);
      continue;
    }
    const std::string staging = sql::quoteIdentifier(table.name + "__seg_new");
    if (ChReply dropped = session.exec("DROP TABLE IF EXISTS " + staging); !dropped.ok())
      return failed("writing " + table.name, dropped.error);
    if (ChReply created = session.exec(fmt::format("CREATE TABLE {} AS {}", staging, table.quoted));
        !created.ok())
      return failed("writing " + table.name, created.error);
    staged.push_back(staging);
    if (auto error = insertRows(session, store, table, staging))
      return failed("writing " + table.name, *error);
  }
  // Every table is filled: each staging table takes its table's place.
  for (const ExportTable& table : tables) {
    if (std::find(distributed.begin(), distributed.end(), table.name) != distributed.end()) {
      result.tables.push_back({table.name, table.rows});
      continue;
    }
    const std::string staging = sql::quoteIdentifier(table.name + "__seg_new");
    const std::string old = sql::quoteIdentifier(table.name + "__seg_old");
    session.exec("DROP TABLE IF EXISTS " + old);
    ChReply renamed = session.exec(
        fmt::format("RENAME TABLE {} TO {}, {} TO {}", table.quoted, old, staging, table.quoted));
    if (!renamed.ok()) return failed("renaming " + table.name + " into place", renamed.error);
    staged.erase(std::find(staged.begin(), staged.end(), staging));
    session.exec("DROP TABLE IF EXISTS " + old);
    result.tables.push_back({table.name, table.rows});
  }
  return result;
}

} // namespace seg::warehouse

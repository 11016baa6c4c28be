// `seg export --to postgres://…`: writes a snapshot's contacts and events into the tables of
// `seg sql --ddl` on a PostgreSQL server, in one transaction: the tables are created when
// the schema file is given and they are absent, emptied, then filled with COPY FROM STDIN.
// Either every row is written or, on any error, none (the transaction is rolled back).
#include "Commands.h"
#include "Inputs.h"
#include "report/NumberFormat.h"
#include "snapshot/DataSource.h"
#include "sql/SqlDdl.h"
#include "warehouse/CopyRows.h"
#include "warehouse/PgSession.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {
namespace {

constexpr std::size_t kRowsPerChunk = 4096;

// The PostgreSQL DDL, each statement run only when its table or index is absent.
std::string createIfAbsent(std::string ddl) {
  for (const std::string statement : {"CREATE TABLE ", "CREATE INDEX "}) {
    const std::string replacement = statement + "IF NOT EXISTS ";
    for (std::size_t at = ddl.find(statement); at != std::string::npos;
         at = ddl.find(statement, at + replacement.size()))
      ddl.replace(at, statement.size(), replacement);
  }
  return ddl;
}

struct Table {
  std::string name;    // unquoted, as reported: "contacts", "event_purchase"
  std::string quoted;  // with the prefix, quoted
  std::string columns; // quoted, comma-separated
  std::size_t rows = 0;
  std::int64_t event = -1; // the store's event index; -1: contacts
};

std::vector<Table> tablesOf(const runtime::Store& store, const sql::TableNames& names) {
  std::vector<Table> tables;
  std::string columns;
  for (const runtime::ColumnSpec& field : store.schema.contactFields)
    columns += (columns.empty() ? "" : ", ") + sql::quoteIdentifier(field.name);
  tables.push_back({"contacts", names.contacts(), columns, store.contacts.rows, -1});
  for (std::size_t e = 0; e < store.schema.events.size(); ++e) {
    columns = "contact_key";
    for (const runtime::ColumnSpec& property : store.schema.events[e].properties)
      columns += ", " + sql::quoteIdentifier(property.name);
    tables.push_back({"event_" + store.schema.events[e].name,
                      names.event(store.schema.events[e].name), columns, store.events[e].rows,
                      static_cast<std::int64_t>(e)});
  }
  return tables;
}

std::optional<std::string> copyTable(warehouse::Session& session, const runtime::Store& store,
                                     const Table& table) {
  std::size_t next = 0;
  return session.copyIn(
      fmt::format("COPY {} ({}) FROM STDIN", table.quoted, table.columns), [&](std::string& out) {
        std::size_t end = std::min(table.rows, next + kRowsPerChunk);
        if (table.event < 0)
          warehouse::appendContactRows(out, store, next, end);
        else
          warehouse::appendEventRows(out, store, static_cast<std::size_t>(table.event), next, end);
        next = end;
        return next < table.rows;
      });
}

} // namespace

int runExport(const ExportOptions& options) {
  if (!warehouse::isPostgresDsn(options.to)) {
    fmt::print(stderr, "seg export: --to: '{}' is not a postgres://USER@HOST:PORT/DB address\n",
               options.to);
    return 2;
  }
  // The schema file, when given, must be the snapshot's schema; it makes the DDL.
  std::optional<Compilation> compilation;
  std::optional<runtime::StoreSchema> expected;
  if (!options.schemaFiles.empty()) {
    compilation = compile(inputsFrom(options.schemaFiles));
    printDiagnostics(*compilation, options.color);
    if (!compilation->ok()) return 1;
    if (!compilation->program->schema.declared) {
      fmt::print(stderr, "seg export: --schema-file declares no schema\n");
      return 1;
    }
    expected = runtime::storeSchemaOf(compilation->program->schema);
  }
  runtime::OpenedData data =
      runtime::openData({options.data, 0, 0, false}, expected ? &*expected : nullptr);
  if (data.loadReport) std::fputs(data.loadReport->render().c_str(), stderr);
  if (!data.store) {
    fmt::print(stderr, "seg export: {}\n", data.error);
    return 1;
  }
  const runtime::Store& store = *data.store;
  if (store.schema.keyField < 0) {
    fmt::print(stderr, "seg export: the data has no contact key\n");
    return 1;
  }

  std::string error;
  std::optional<warehouse::Session> session = warehouse::Session::connect(options.to, error);
  if (!session) {
    fmt::print(stderr, "seg export: cannot connect to the server: {}\n", error);
    return 1;
  }
  sql::TableNames names{options.tablePrefix};
  std::vector<Table> tables = tablesOf(store, names);
  // Any failure below ends the session without COMMIT: the server rolls everything back.
  auto failed = [&](const std::string& what, const std::string& message) {
    fmt::print(stderr, "seg export: {}: {}\n", what, message);
    fmt::print(stderr, "seg export: nothing was written (the transaction was rolled back)\n");
    return 1;
  };
  if (warehouse::Reply begin = session->exec("BEGIN"); !begin.ok())
    return failed("BEGIN", begin.error);
  if (compilation) {
    std::string ddl =
        createIfAbsent(sql::schemaDdl(compilation->program->schema, sql::Dialect::Postgres, names));
    if (warehouse::Reply created = session->exec(ddl); !created.ok())
      return failed("creating the tables", created.error);
  } else {
    for (const Table& table : tables) {
      warehouse::Reply found = session->exec(fmt::format(
          "SELECT to_regclass({})", sql::quoteString(sql::Dialect::Postgres, table.quoted)));
      if (!found.ok()) return failed(table.name, found.error);
      if (found.rows() != 1 || found.isNull(0, 0))
        return failed(table.name,
                      fmt::format("the table {} does not exist; pass --schema-file to create it",
                                  table.quoted));
    }
  }
  // A second export replaces the rows of the first.
  std::string all;
  for (const Table& table : tables)
    all += (all.empty() ? "" : ", ") + table.quoted;
  if (warehouse::Reply emptied = session->exec("TRUNCATE " + all); !emptied.ok())
    return failed("emptying the tables", emptied.error);
  for (const Table& table : tables)
    if (std::optional<std::string> copyError = copyTable(*session, store, table))
      return failed(fmt::format("writing {}", table.quoted), *copyError);
  if (warehouse::Reply committed = session->exec("COMMIT"); !committed.ok())
    return failed("COMMIT", committed.error);

  std::size_t total = 0, width = 0;
  for (const Table& table : tables) {
    total += table.rows;
    width = std::max(width, names.prefix.size() + table.name.size());
  }
  fmt::print("seg export: wrote {} rows in one transaction\n",
             report::groupedInteger(static_cast<std::int64_t>(total)));
  for (const Table& table : tables)
    fmt::print("  {:<{}}  {:>10} row{}\n", names.prefix + table.name, width + 1,
               report::groupedInteger(static_cast<std::int64_t>(table.rows)),
               table.rows == 1 ? "" : "s");
  return 0;
}

} // namespace seg::cli

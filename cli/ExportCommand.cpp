// `seg export --to postgres://… | clickhouse://…`: the arguments, the data (a snapshot, or a
// folder loaded against the schema file), and the report of what was written; the writing
// itself, all or nothing, is runtime/warehouse/Export.h.
#include "Commands.h"
#include "Inputs.h"
#include "report/NumberFormat.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/DataSource.h"
#include "sql/SqlDdl.h"
#include "warehouse/Export.h"
#include "warehouse/PgSession.h"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runExport(const ExportOptions& options) {
  const bool postgres = warehouse::isPostgresDsn(options.to);
  std::optional<warehouse::ChAddress> clickhouse;
  if (!postgres) {
    std::string error;
    if (options.to.rfind("clickhouse://", 0) == 0)
      clickhouse = warehouse::parseChAddress(options.to, error);
    if (!clickhouse) {
      fmt::print(stderr,
                 "seg export: --to: '{}' is not a postgres://USER@HOST:PORT/DB or "
                 "clickhouse://HOST:PORT/DB address{}\n",
                 options.to, error.empty() ? "" : " (" + error + ")");
      return 2;
    }
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
    expected = storeSchemaOf(compilation->program->schema);
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
  const sql::Dialect dialect = postgres ? sql::Dialect::Postgres : sql::Dialect::ClickHouse;
  const std::string ddl = compilation ? sql::schemaDdl(compilation->program->schema, dialect,
                                                       sql::TableNames{options.tablePrefix})
                                      : std::string();
  warehouse::ExportResult result =
      postgres ? warehouse::exportToPostgres(store, options.to, options.tablePrefix, ddl)
               : warehouse::exportToClickHouse(store, *clickhouse, options.tablePrefix, ddl);
  if (!result.ok()) {
    fmt::print(stderr, "seg export: {}\n", result.error);
    if (result.connected)
      fmt::print(stderr, "seg export: nothing was written ({})\n",
                 postgres ? "the transaction was rolled back"
                          : "the staging tables were dropped; the tables are as they were");
    return 1;
  }
  std::size_t total = 0, width = 0;
  for (const warehouse::ExportedTable& table : result.tables) {
    total += table.rows;
    width = std::max(width, table.name.size());
  }
  fmt::print("seg export: wrote {} rows {}\n",
             report::groupedInteger(static_cast<std::int64_t>(total)),
             postgres         ? "in one transaction"
             : result.inPlace ? "(into Distributed tables, through them to their shards)"
                              : "(each table filled aside, then renamed in)");
  for (const warehouse::ExportedTable& table : result.tables)
    fmt::print("  {:<{}}  {:>10} row{}\n", table.name, width + 1,
               report::groupedInteger(static_cast<std::int64_t>(table.rows)),
               table.rows == 1 ? "" : "s");
  return 0;
}

} // namespace seg::cli

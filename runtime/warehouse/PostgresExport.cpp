// `seg export --to postgres://…`: in one transaction, the tables are created when the DDL is
// given and they are absent, emptied, then filled with COPY FROM STDIN (text). Any error
// ends the session without COMMIT, so the server rolls everything back.
#include "sql/SqlDialect.h"
#include "warehouse/CopyRows.h"
#include "warehouse/Export.h"
#include "warehouse/ExportTables.h"
#include "warehouse/PgSession.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg::warehouse {
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

std::optional<std::string> copyTable(Session& session, const runtime::Store& store,
                                     const ExportTable& table) {
  std::size_t next = 0;
  return session.copyIn(
      fmt::format("COPY {} ({}) FROM STDIN", table.quoted, fmt::join(table.columns, ", ")),
      [&](std::string& out) {
        std::size_t end = std::min(table.rows, next + kRowsPerChunk);
        if (table.event < 0)
          appendContactRows(out, store, next, end);
        else
          appendEventRows(out, store, static_cast<std::size_t>(table.event), next, end);
        next = end;
        return next < table.rows;
      });
}

} // namespace

ExportResult exportToPostgres(const runtime::Store& store, const std::string& dsn,
                              const std::string& prefix, const std::string& ddl) {
  ExportResult result;
  std::string error;
  std::optional<Session> session = Session::connect(dsn, error);
  if (!session) {
    result.error = "cannot connect to the server: " + error;
    return result;
  }
  result.connected = true;
  std::vector<ExportTable> tables = exportTables(store, prefix);
  auto failed = [&](const std::string& what, const std::string& message) {
    result.error = what + ": " + message;
    return result;
  };
  if (Reply begin = session->exec("BEGIN"); !begin.ok()) return failed("BEGIN", begin.error);
  if (!ddl.empty()) {
    if (Reply created = session->exec(createIfAbsent(ddl)); !created.ok())
      return failed("creating the tables", created.error);
  } else {
    for (const ExportTable& table : tables) {
      Reply found = session->exec(fmt::format(
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
  for (const ExportTable& table : tables)
    all += (all.empty() ? "" : ", ") + table.quoted;
  if (Reply emptied = session->exec("TRUNCATE " + all); !emptied.ok())
    return failed("emptying the tables", emptied.error);
  for (const ExportTable& table : tables)
    if (std::optional<std::string> copyError = copyTable(*session, store, table))
      return failed(fmt::format("writing {}", table.quoted), *copyError);
  if (Reply committed = session->exec("COMMIT"); !committed.ok())
    return failed("COMMIT", committed.error);
  for (const ExportTable& table : tables)
    result.tables.push_back({table.name, table.rows});
  return result;
}

} // namespace seg::warehouse

// Copies PostgreSQL tables out as CSV files for the loader (see PostgresImport.h). Values
// are left as the server writes them, except what the loader's rules would misread:
// booleans ('t'/'f' in COPY) and time zones (the session is in UTC, so a TIMESTAMPTZ reads
// "2026-10-30 10:00:00+00").
#include "warehouse/PostgresImport.h"

#include "sql/SqlDialect.h"
#include "warehouse/PgSession.h"

#include <cstdio>
#include <fmt/format.h>
#include <memory>

namespace seg::warehouse {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// COPY (SELECT …) of every column of `table`, or the error.
// Rows in `order` (key order for contacts, (contact_key, at) for events): the same bytes,
// line numbers and tie order on every import of the same tables.
std::optional<std::string> copyTable(Session& session, const std::string& table,
                                     const std::string& order, const std::string& path) {
  Reply columns = session.exec(fmt::format(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
      "current_schema() AND table_name = {} ORDER BY ordinal_position",
      sql::quoteString(sql::Dialect::Postgres, table)));
  if (!columns.ok()) return table + ": " + columns.error;
  if (columns.rows() == 0) return fmt::format("the table {} does not exist", table);
  std::string select;
  for (int c = 0; c < columns.rows(); ++c) {
    const std::string name = sql::quoteIdentifier(columns.text(c, 0));
    std::string value = name;
    if (columns.text(c, 1) == "boolean")
      value = fmt::format("CASE WHEN {0} THEN 'true' WHEN NOT {0} THEN 'false' END", name);
    select += fmt::format("{}{} AS {}", c ? ", " : "", value, name);
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (!file) return fmt::format("cannot write {}", path);
  std::optional<std::string> error = session.copyOut(
      fmt::format("COPY (SELECT {} FROM {} ORDER BY {}) TO STDOUT WITH (FORMAT csv, HEADER true)",
                  select, sql::quoteIdentifier(table), order),
      [&](std::string_view bytes) {
        return std::fwrite(bytes.data(), 1, bytes.size(), file.get()) == bytes.size();
      });
  if (error) return fmt::format("reading {}: {}", table, *error);
  if (std::fclose(file.release()) != 0) return fmt::format("cannot write {}", path);
  return std::nullopt;
}

} // namespace

std::optional<std::string> copyPostgresTables(const std::string& dsn,
                                              const runtime::StoreSchema& schema,
                                              const PostgresTables& tables, const std::string& dir,
                                              runtime::LoadOptions& load) {
  std::string error;
  std::optional<Session> session = Session::connect(dsn, error);
  if (!session) return "cannot connect to the server: " + error;
  // One snapshot of every table, in UTC.
  for (const char* statement : {"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                "SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO'"})
    if (Reply reply = session->exec(statement); !reply.ok()) return reply.error;
  load.contactsPath = dir + "/" + tables.contacts + ".csv";
  const std::string key = sql::quoteIdentifier(schema.contactFields[schema.keyField].name);
  if (auto failed = copyTable(*session, tables.contacts, key, load.contactsPath)) return failed;
  for (const runtime::EventSpec& event : schema.events) {
    const std::string table = tables.eventPrefix + event.name;
    const std::string path = dir + "/" + table + ".csv";
    if (auto failed =
            copyTable(*session, table, "contact_key, " + sql::quoteIdentifier("at"), path))
      return failed;
    load.events.push_back({path, event.name});
  }
  load.columns.contactId = "contact_key";
  session->exec("COMMIT");
  return std::nullopt;
}

} // namespace seg::warehouse

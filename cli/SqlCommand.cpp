// `seg sql`: the program as SQL: CREATE TABLE statements for its schema (--ddl).
#include "Commands.h"
#include "Inputs.h"
#include "load/ValueParser.h"
#include "sql/SqlDdl.h"

#include <cstdio>
#include <fmt/format.h>

namespace seg::cli {

int runSql(const SqlOptions& options) {
  std::optional<sql::Dialect> dialect = sql::dialectNamed(options.dialect);
  if (!dialect) {
    fmt::print(stderr, "seg sql: --dialect: '{}' is not a dialect (postgres, clickhouse, duckdb)\n",
               options.dialect);
    return 2;
  }
  std::optional<std::int64_t> now;
  if (!options.now.empty()) {
    runtime::Parsed<std::int64_t> parsed = runtime::parseTimestamp(options.now);
    if (!parsed.ok()) {
      fmt::print(stderr, "seg sql: --now: value '{}' {} (write e.g. 2026-11-01T00:00:00Z)\n",
                 options.now, runtime::errorFragment(parsed.error));
      return 2;
    }
    now = parsed.value;
  }
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (!compilation.ok()) return 1;
  const CheckedSchema& schema = compilation.program->schema;
  sql::TableNames names{options.tablePrefix};
  if (options.ddl) {
    fmt::print("{}", sql::schemaDdl(schema, *dialect, names));
    return 0;
  }

  fmt::print(stderr, "seg sql: only --ddl is written so far\n");
  return 1;
}

} // namespace seg::cli

// The SQL dialects Seg's SQL back end writes (PostgreSQL, ClickHouse, DuckDB): their names,
// identifier quoting and the column types a schema's fields map to.
#pragma once

#include "plan/FunctionRegistry.h"
#include "types/Type.h"

#include <optional>
#include <string>
#include <string_view>

namespace seg::sql {

enum class Dialect { Postgres, ClickHouse, DuckDb };

// "postgres", "clickhouse", "duckdb" (case-sensitive); nullopt for anything else.
std::optional<Dialect> dialectNamed(std::string_view name);
std::string_view dialectName(Dialect dialect);
// The dialect as the function registry names it.
plan::Engine dialectEngine(Dialect dialect);

// `name` as an identifier: unchanged when it is a plain lower-case word that no dialect
// reserves, double-quoted (quotes doubled) otherwise; DuckDB's reserved `at` is quoted
// everywhere, so the same name reads the same in every dialect.
std::string quoteIdentifier(std::string_view name);

// A string literal: single-quoted, quotes doubled (standard_conforming_strings; ClickHouse
// also escapes backslashes).
std::string quoteString(Dialect dialect, std::string_view text);

// The column type of a field of `type` (without nullability or constraints).
std::string columnType(Dialect dialect, const Type& type);

} // namespace seg::sql

// Dialect names, identifier and string quoting, and the type mapping of the SQL back end.
#include "sql/SqlDialect.h"

#include <algorithm>
#include <array>

namespace seg::sql {

std::optional<Dialect> dialectNamed(std::string_view name) {
  if (name == "postgres") return Dialect::Postgres;
  if (name == "clickhouse") return Dialect::ClickHouse;
  if (name == "duckdb") return Dialect::DuckDb;
  return std::nullopt;
}

plan::Engine dialectEngine(Dialect dialect) {
  switch (dialect) {
  case Dialect::Postgres:
    return plan::Engine::Postgres;
  case Dialect::ClickHouse:
    return plan::Engine::ClickHouse;
  case Dialect::DuckDb:
    return plan::Engine::DuckDb;
  }
  return plan::Engine::Postgres;
}

std::string_view dialectName(Dialect dialect) {
  switch (dialect) {
  case Dialect::Postgres:
    return "postgres";
  case Dialect::ClickHouse:
    return "clickhouse";
  case Dialect::DuckDb:
    return "duckdb";
  }
  return "?";
}

namespace {

// Words reserved (or treated specially) by at least one of the three dialects, sorted.
constexpr std::array<std::string_view, 73> kReserved = {
    "all",          "analyse",      "analyze",
    "and",          "any",          "array",
    "as",           "asc",          "asymmetric",
    "at",           "both",         "case",
    "cast",         "check",        "collate",
    "column",       "constraint",   "create",
    "current_date", "current_time", "current_timestamp",
    "current_user", "default",      "deferrable",
    "desc",         "distinct",     "do",
    "else",         "end",          "except",
    "false",        "fetch",        "for",
    "foreign",      "from",         "grant",
    "group",        "having",       "in",
    "initially",    "intersect",    "into",
    "join",         "lateral",      "leading",
    "limit",        "localtime",    "not",
    "null",         "offset",       "on",
    "only",         "or",           "order",
    "placing",      "primary",      "references",
    "returning",    "select",       "session_user",
    "some",         "symmetric",    "table",
    "then",         "to",           "trailing",
    "true",         "union",        "unique",
    "user",         "using",        "when",
    "where"};

bool plainWord(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

} // namespace

std::string quoteIdentifier(std::string_view name) {
  if (plainWord(name) && !std::binary_search(kReserved.begin(), kReserved.end(), name))
    return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quoteString(Dialect dialect, std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\\' && dialect == Dialect::ClickHouse) out += '\\';
    out += c;
  }
  return out + "'";
}

std::string columnType(Dialect dialect, const Type& type) {
  const bool ch = dialect == Dialect::ClickHouse;
  switch (type.kind) {
  case TypeKind::Int:
  case TypeKind::Duration:
    return ch ? "Int64" : "BIGINT";
  case TypeKind::Float:
    return ch ? "Float64" : dialect == Dialect::Postgres ? "DOUBLE PRECISION" : "DOUBLE";
  case TypeKind::Bool: // ClickHouse 18.16 (Debian 12's) has no Bool type
    return ch ? "UInt8" : "BOOLEAN";
  case TypeKind::String:
    // PostgreSQL: the "C" collation compares bytes, as Seg does.
    return ch ? "String" : dialect == Dialect::Postgres ? "TEXT COLLATE \"C\"" : "VARCHAR";
  case TypeKind::Timestamp:
    // ClickHouse 18.16 has no DateTime64, and DateTime holds whole seconds of 1970 to 2105:
    // microseconds since 1970 (UTC) in an Int64 are exact over Seg's whole range.
    return ch ? "Int64" : "TIMESTAMPTZ";
  case TypeKind::Enum: {
    if (!ch) return dialect == Dialect::Postgres ? "TEXT COLLATE \"C\"" : "VARCHAR";
    const bool wide = type.enumType != nullptr && type.enumType->values.size() > 127;
    std::string out = wide ? "Enum16(" : "Enum8(";
    for (std::size_t i = 0; type.enumType != nullptr && i < type.enumType->values.size(); ++i)
      out += (i ? ", " : "") + quoteString(dialect, type.enumType->values[i]) + " = " +
             std::to_string(i + 1);
    return out + ")";
  }
  case TypeKind::Error:
    break;
  }
  return "TEXT";
}

} // namespace seg::sql

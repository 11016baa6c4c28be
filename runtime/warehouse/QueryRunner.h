// One interface over the servers a run's queries go to (PostgreSQL through libpq, ClickHouse
// over HTTP): a query's rows as text (nullopt for NULL), or the server's error.
#pragma once

#include "warehouse/ChSession.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seg::warehouse {

struct QueryRows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::string error;
  bool ok() const { return error.empty(); }
};

class QueryRunner {
public:
  virtual ~QueryRunner() = default;
  virtual QueryRows run(const std::string& sql) = 0;
};

// A connected PostgreSQL runner, or nullptr with the reason in `error`.
std::unique_ptr<QueryRunner> connectPostgres(const std::string& dsn, std::string& error);
// A ClickHouse runner whose server answered `SELECT 1`, or nullptr with the reason.
std::unique_ptr<QueryRunner> connectClickHouse(const ChAddress& address, std::string& error);

} // namespace seg::warehouse

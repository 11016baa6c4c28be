// The two runners: libpq replies and ClickHouse's TabSeparated answers as the same rows.
#include "warehouse/QueryRunner.h"

#include "warehouse/PgSession.h"

namespace seg::warehouse {
namespace {

class PostgresRunner final : public QueryRunner {
public:
  explicit PostgresRunner(Session session) : session_(std::move(session)) {}
  QueryRows run(const std::string& sql) override {
    Reply reply = session_.exec(sql);
    QueryRows out;
    out.error = reply.error;
    if (!reply.ok()) return out;
    for (int r = 0; r < reply.rows(); ++r) {
      auto& row = out.rows.emplace_back();
      for (int c = 0; c < reply.columns(); ++c)
        row.push_back(reply.isNull(r, c) ? std::nullopt
                                         : std::optional<std::string>(reply.text(r, c)));
    }
    return out;
  }

private:
  Session session_;
};

class ClickHouseRunner final : public QueryRunner {
public:
  explicit ClickHouseRunner(ChAddress address) : session_(std::move(address)) {}
  QueryRows run(const std::string& sql) override {
    ChReply reply = session_.exec(sql);
    return QueryRows{std::move(reply.rows), std::move(reply.error)};
  }

private:
  ChSession session_;
};

} // namespace

std::unique_ptr<QueryRunner> connectPostgres(const std::string& dsn, std::string& error) {
  std::optional<Session> session = Session::connect(dsn, error);
  if (!session) return nullptr;
  return std::make_unique<PostgresRunner>(std::move(*session));
}

std::unique_ptr<QueryRunner> connectClickHouse(const ChAddress& address, std::string& error) {
  auto runner = std::make_unique<ClickHouseRunner>(address);
  QueryRows ping = runner->run("SELECT 1");
  if (!ping.ok()) {
    error = ping.error;
    return nullptr;
  }
  return runner;
}

} // namespace seg::warehouse

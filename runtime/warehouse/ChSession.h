// A ClickHouse server over its HTTP interface (runtime/http's module): a statement's tab-separated
// answer or the server's message as a value, with timeouts on every call, so a closed port,
// a wrong password or an unknown table is one clear message, never a hang or a crash.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace seg::warehouse {

struct ChAddress {
  std::string host;
  int port = 8123;
  std::string database = "default";
  std::string user;
  std::string password;
};

// http://[USER[:PASSWORD]@]HOST[:PORT][/DB] or clickhouse://… (the same HTTP interface);
// nullopt with the reason in `error` for anything else.
std::optional<ChAddress> parseChAddress(const std::string& url, std::string& error);
bool isChUrl(const std::string& url); // starts with http:// or clickhouse://

// A reply's rows (TabSeparated, unescaped; \N is a null), or the server's error.
struct ChReply {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::string error;
  bool ok() const { return error.empty(); }
};

class ChSession {
public:
  explicit ChSession(ChAddress address, int readTimeoutSeconds = 600)
      : address_(std::move(address)), readTimeout_(readTimeoutSeconds) {}

  // Runs `sql` (in the session's database, join_use_nulls on); SELECT answers are parsed.
  ChReply exec(const std::string& sql) const;
  // `INSERT INTO table FORMAT RowBinary` with `body` as the data; the error, if any.
  std::optional<std::string> insert(const std::string& table, const std::string& body) const;

private:
  ChReply post(const std::string& query, const std::string& body) const;

  ChAddress address_;
  int readTimeout_;
};

// "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., …" →
// "Table default.x doesn't exist. (code 60)".
std::string tidyChMessage(const std::string& body);

} // namespace seg::warehouse

// A connection to a PostgreSQL server through libpq, owned RAII-style: statements return the
// server's reply or its error message as a value, and COPY FROM STDIN streams text chunks.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace seg::warehouse {

struct ConnectionCloser {
  void operator()(pg_conn* connection) const;
};
struct ResultClearer {
  void operator()(pg_result* result) const;
};
using ConnectionPtr = std::unique_ptr<pg_conn, ConnectionCloser>;
using ResultPtr = std::unique_ptr<pg_result, ResultClearer>;

// A statement's outcome: rows (or none), or the server's message ("ERROR:  relation …").
struct Reply {
  ResultPtr result;
  std::string error;

  bool ok() const { return error.empty(); }
  int rows() const;
  int columns() const;
  bool isNull(int row, int column) const;
  std::string text(int row, int column) const;
};

class Session {
public:
  // `dsn` is a postgres:// URI or a libpq connection string. Returns the session, or the
  // reason it could not connect (the library's or the server's words) in `error`.
  static std::optional<Session> connect(const std::string& dsn, std::string& error);

  Reply exec(const std::string& sql);
  // Runs `copySql` (a COPY … FROM STDIN) and sends what `produce` appends to its buffer,
  // chunk by chunk, until it returns false. Returns the error, if any.
  std::optional<std::string> copyIn(const std::string& copySql,
                                    const std::function<bool(std::string&)>& produce);

  // Runs `copySql` (a COPY … TO STDOUT) and hands each row's bytes to `consume`, which
  // returns false when it cannot keep them. Returns the error, if any.
  std::optional<std::string> copyOut(const std::string& copySql,
                                     const std::function<bool(std::string_view)>& consume);

private:
  explicit Session(ConnectionPtr connection) : connection_(std::move(connection)) {}
  std::string lastError() const;

  ConnectionPtr connection_;
};

// "postgres://…" or "postgresql://…": the only DSNs the commands take, so a file path given
// by mistake is not read as a connection string.
bool isPostgresDsn(const std::string& dsn);

// The DSN as printed: a password in it ("postgres://u:secret@h/db") becomes "***".
std::string withoutPassword(const std::string& dsn);

// The message without "ERROR:  " and trailing line breaks, its lines joined by "; ".
std::string tidyMessage(std::string message);

} // namespace seg::warehouse

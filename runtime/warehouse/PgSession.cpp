// libpq behind the Session class: connection, statements, COPY FROM STDIN.
#include "warehouse/PgSession.h"

#include "warehouse/LibPq.h"

namespace seg::warehouse {

void ConnectionCloser::operator()(pg_conn* connection) const {
  pq().PQfinish(connection);
}

void ResultClearer::operator()(pg_result* result) const {
  pq().PQclear(result);
}

int Reply::rows() const {
  return result ? pq().PQntuples(result.get()) : 0;
}

int Reply::columns() const {
  return result ? pq().PQnfields(result.get()) : 0;
}

bool Reply::isNull(int row, int column) const {
  return pq().PQgetisnull(result.get(), row, column) != 0;
}

std::string Reply::text(int row, int column) const {
  return std::string(pq().PQgetvalue(result.get(), row, column),
                     static_cast<std::size_t>(pq().PQgetlength(result.get(), row, column)));
}

bool isPostgresDsn(const std::string& dsn) {
  return dsn.starts_with("postgres://") || dsn.starts_with("postgresql://");
}

std::string withoutPassword(const std::string& dsn) {
  std::size_t scheme = dsn.find("://");
  if (scheme == std::string::npos) return dsn;
  std::size_t begin = scheme + 3;
  std::size_t at = dsn.find('@', begin);
  std::size_t slash = dsn.find('/', begin);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return dsn;
  std::size_t colon = dsn.find(':', begin);
  if (colon == std::string::npos || colon > at) return dsn;
  return dsn.substr(0, colon + 1) + "***" + dsn.substr(at);
}

std::string tidyMessage(std::string message) {
  for (const char* prefix : {"ERROR:  ", "FATAL:  "})
    if (message.starts_with(prefix)) message.erase(0, std::string(prefix).size());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  std::string out;
  for (char c : message) {
    if (c == '\n')
      out += "; ";
    else if (c != '\t')
      out += c;
  }
  return out;
}

std::optional<Session> Session::connect(const std::string& dsn, std::string& error) {
  // The URI first (expanded), then defaults it may not set: later keywords override it.
  const char* keywords[] = {"dbname", "connect_timeout", "fallback_application_name", nullptr};
  const char* values[] = {dsn.c_str(), "10", "seg", nullptr};
  if (loadLibPq(error) == nullptr) return std::nullopt;
  ConnectionPtr connection(pq().PQconnectdbParams(keywords, values, 1));
  if (!connection) {
    error = "out of memory";
    return std::nullopt;
  }
  if (pq().PQstatus(connection.get()) != CONNECTION_OK) {
    error = tidyMessage(pq().PQerrorMessage(connection.get()));
    return std::nullopt;
  }
  // Notices ("relation … already exists, skipping") are not the user's concern.
  pq().PQsetNoticeProcessor(
      connection.get(), [](void*, const char*) {}, nullptr);
  return Session(std::move(connection));
}

std::string Session::lastError() const {
  return tidyMessage(pq().PQerrorMessage(connection_.get()));
}

Reply Session::exec(const std::string& sql) {
  Reply reply{ResultPtr(pq().PQexec(connection_.get(), sql.c_str())), {}};
  ExecStatusType status =
      reply.result ? pq().PQresultStatus(reply.result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    reply.error =
        reply.result ? tidyMessage(pq().PQresultErrorMessage(reply.result.get())) : lastError();
  return reply;
}

std::optional<std::string> Session::copyIn(const std::string& copySql,
                                           const std::function<bool(std::string&)>& produce) {
  ResultPtr start(pq().PQexec(connection_.get(), copySql.c_str()));
  if (!start || pq().PQresultStatus(start.get()) != PGRES_COPY_IN)
    return start ? tidyMessage(pq().PQresultErrorMessage(start.get())) : lastError();
  std::string buffer;
  std::optional<std::string> failure;
  bool more = true;
  while (more) {
    buffer.clear();
    more = produce(buffer);
    if (!buffer.empty() && pq().PQputCopyData(connection_.get(), buffer.data(),
                                              static_cast<int>(buffer.size())) != 1) {
      failure = lastError();
      break;
    }
  }
  if (pq().PQputCopyEnd(connection_.get(), failure ? "seg export stopped" : nullptr) != 1 &&
      !failure)
    failure = lastError();
  // Every result of the COPY, so the connection is ready for the next statement.
  while (ResultPtr result{pq().PQgetResult(connection_.get())}) {
    if (pq().PQresultStatus(result.get()) != PGRES_COMMAND_OK && !failure)
      failure = tidyMessage(pq().PQresultErrorMessage(result.get()));
  }
  return failure;
}

std::optional<std::string> Session::copyOut(const std::string& copySql,
                                            const std::function<bool(std::string_view)>& consume) {
  ResultPtr start(pq().PQexec(connection_.get(), copySql.c_str()));
  if (!start || pq().PQresultStatus(start.get()) != PGRES_COPY_OUT)
    return start ? tidyMessage(pq().PQresultErrorMessage(start.get())) : lastError();
  std::optional<std::string> failure;
  for (;;) {
    char* data = nullptr;
    const int length = pq().PQgetCopyData(connection_.get(), &data, 0);
    if (length < 0) {
      if (length == -2 && !failure) failure = lastError();
      break;
    }
    const bool kept = failure || consume(std::string_view(data, static_cast<std::size_t>(length)));
    pq().PQfreemem(data);
    if (!kept && !failure) failure = "the rows could not be written";
  }
  while (ResultPtr result{pq().PQgetResult(connection_.get())}) {
    if (pq().PQresultStatus(result.get()) != PGRES_COMMAND_OK && !failure)
      failure = tidyMessage(pq().PQresultErrorMessage(result.get()));
  }
  return failure;
}

} // namespace seg::warehouse

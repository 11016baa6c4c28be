// The HTTP calls to a ClickHouse server and the parsing of its TabSeparated answers.
#include "warehouse/ChSession.h"

#include "http/HttpModule.h"

#include <charconv>
#include <fmt/format.h>

namespace seg::warehouse {
namespace {

std::string unescapeTsv(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    switch (char c = field[++i]) {
    case 't':
      out += '\t';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case '0':
      out += '\0';
      break;
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    default:
      out += c; // \\ and \'
    }
  }
  return out;
}

std::vector<std::vector<std::optional<std::string>>> parseTsv(std::string_view text) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    std::vector<std::optional<std::string>> row;
    for (std::size_t f = 0;;) {
      std::size_t tab = line.find('\t', f);
      std::string_view field = line.substr(f, tab == std::string_view::npos ? line.npos : tab - f);
      if (field == "\\N")
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(unescapeTsv(field));
      if (tab == std::string_view::npos) break;
      f = tab + 1;
    }
    rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

// What went wrong on the way, in words.
std::string transportError(const http::ClientReply& reply) {
  switch (reply.transport) {
  case http::Transport::Connection:
    return "connection refused or host unreachable (is the server running, is it the HTTP port?)";
  case http::Transport::ConnectionTimeout:
    return "no connection within 10 s";
  case http::Transport::Read:
    return "the server closed the connection or sent no answer in time";
  case http::Transport::Write:
    return "the request could not be sent (the connection was closed)";
  default:
    return reply.transportText;
  }
}

} // namespace

bool isChUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("clickhouse://", 0) == 0;
}

std::optional<ChAddress> parseChAddress(const std::string& url, std::string& error) {
  std::string_view rest = url;
  if (rest.rfind("http://", 0) == 0)
    rest.remove_prefix(7);
  else if (rest.rfind("clickhouse://", 0) == 0)
    rest.remove_prefix(13);
  else {
    error =
        fmt::format("'{}' is not an http://HOST:PORT/DB or clickhouse://HOST:PORT/DB address", url);
    return std::nullopt;
  }
  ChAddress address;
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos && slash + 1 < rest.size())
    address.database = std::string(rest.substr(slash + 1));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    std::size_t colon = credentials.find(':');
    address.user = std::string(credentials.substr(0, colon));
    if (colon != std::string_view::npos)
      address.password = std::string(credentials.substr(colon + 1));
  }
  std::size_t colon = authority.rfind(':');
  address.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (std::from_chars(port.data(), port.data() + port.size(), address.port).ec != std::errc() ||
        address.port <= 0 || address.port > 65535) {
      error = fmt::format("'{}': the port '{}' is not a number from 1 to 65535", url, port);
      return std::nullopt;
    }
  }
  if (address.host.empty() || address.database.find_first_of("/?#") != std::string::npos) {
    error = fmt::format("'{}' is not an http://HOST:PORT/DB address", url);
    return std::nullopt;
  }
  return address;
}

std::string tidyChMessage(const std::string& body) {
  std::string text = body;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  const std::string marker = "e.displayText() = DB::Exception: ";
  std::size_t at = text.find(marker);
  if (at == std::string::npos) return text;
  std::string code;
  if (text.rfind("Code: ", 0) == 0) code = text.substr(6, text.find(',') - 6);
  std::string message = text.substr(at + marker.size());
  if (std::size_t what = message.find(", e.what() = "); what != std::string::npos)
    message.resize(what);
  return code.empty() ? message : fmt::format("{} (code {})", message, code);
}

ChReply ChSession::post(const std::string& query, const std::string& body) const {
  ChReply reply;
  std::string error;
  const http::Module* transport = http::module(error);
  if (transport == nullptr) {
    reply.error = error;
    return reply;
  }
  http::ClientRequest request;
  request.host = address_.host;
  request.port = address_.port;
  request.readTimeoutSeconds = readTimeout_;
  request.user = address_.user;
  request.password = address_.password;
  // join_use_nulls: a LEFT JOIN's missing rows are NULL, as Seg's queries expect; over a
  // cluster, a subquery on a Distributed table is computed once (GLOBAL) and rows inserted
  // into one reach their shards before the INSERT returns.
  request.params = {{"database", address_.database},
                    {"join_use_nulls", "1"},
                    {"distributed_product_mode", "global"},
                    {"insert_distributed_sync", "1"}};
  if (!query.empty()) request.params.emplace_back("query", query);
  request.body = body;
  http::ClientReply answer = transport->post(request);
  if (answer.transport != http::Transport::Ok) {
    reply.error = fmt::format("cannot reach the ClickHouse server at {}:{}: {}", address_.host,
                              address_.port, transportError(answer));
    return reply;
  }
  if (answer.status != 200) {
    reply.error = tidyChMessage(answer.body);
    if (reply.error.empty()) reply.error = fmt::format("HTTP status {}", answer.status);
    return reply;
  }
  reply.rows = parseTsv(answer.body);
  return reply;
}

ChReply ChSession::exec(const std::string& sql) const {
  return post({}, sql);
}

std::optional<std::string> ChSession::insert(const std::string& table,
                                             const std::string& body) const {
  ChReply reply = post(fmt::format("INSERT INTO {} FORMAT RowBinary", table), body);
  if (!reply.ok()) return reply.error;
  return std::nullopt;
}

} // namespace seg::warehouse

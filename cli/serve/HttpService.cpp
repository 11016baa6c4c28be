#include "HttpService.h"

#include "http/HttpModule.h"

#include <fmt/format.h>
#include <regex>

namespace seg::serve {
namespace {

std::string errorBody(const std::string& message) {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return fmt::format("{{\"error\":\"{}\"}}\n", escaped);
}

http::ServerReply send(const Reply& reply) {
  return {reply.status, reply.body, {}};
}

// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
bool sameToken(const std::string& given, const std::string& expected) {
  if (given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

const std::string* parameter(const http::ServerRequest& request, const char* name) {
  for (const auto& [key, value] : request.params)
    if (key == name) return &value;
  return nullptr;
}

std::size_t numberParameter(const http::ServerRequest& request, const char* name,
                            std::size_t fallback, bool& bad) {
  const std::string* text = parameter(request, name);
  if (text == nullptr) return fallback;
  if (text->empty() || text->find_first_not_of("0123456789") != std::string::npos ||
      text->size() > 18) {
    bad = true;
    return fallback;
  }
  return std::stoull(*text);
}

// The routes of docs/live.md.
http::ServerReply route(LiveService& service, const http::ServerRequest& request) {
  static const std::regex kMembers(R"(/segments/([^/]+)/members)");
  static const std::regex kContact(R"(/contacts/([^/]+)/segments)");
  const bool get = request.method == "GET";
  std::smatch match;
  if (!get && request.path == "/events")
    return send(service.ingest(ChangeKind::Events, request.body));
  if (!get && request.path == "/contacts")
    return send(service.ingest(ChangeKind::Contacts, request.body));
  if (get && request.path == "/segments") return send(service.segments());
  if (get && std::regex_match(request.path, match, kMembers)) {
    bool bad = false;
    std::size_t offset = numberParameter(request, "offset", 0, bad);
    std::size_t limit = numberParameter(request, "limit", 1000, bad);
    if (bad) return {400, errorBody("offset and limit are whole numbers"), {}};
    return send(service.members(match[1], offset, limit));
  }
  if (get && std::regex_match(request.path, match, kContact))
    return send(service.contactSegments(match[1]));
  if (get && request.path == "/deltas") {
    bool bad = false;
    std::size_t since = numberParameter(request, "since", 0, bad);
    std::size_t limit = numberParameter(request, "limit", 100, bad);
    if (bad) return {400, errorBody("since and limit are whole numbers"), {}};
    return send(service.deltas(since, limit));
  }
  if (!get && request.path == "/advance") {
    std::optional<std::string> now;
    if (const std::string* given = parameter(request, "now")) now = *given;
    return send(service.advance(now));
  }
  if (get && request.path == "/stats") return send(service.stats());
  return {404, errorBody("no such resource; see docs/live.md"), {}};
}

} // namespace

std::string serveHttp(LiveService& service, const HttpOptions& options,
                      const std::function<void(int port)>& ready,
                      const std::function<void(const std::function<void()>& stop)>& onStop) {
  std::string error;
  const http::Module* transport = http::module(error);
  if (transport == nullptr) return error;
  const std::string expected = "Bearer " + options.token;
  http::ServerConfig config;
  config.host = options.host;
  config.port = options.port;
  config.maxBodyBytes = options.maxBodyBytes;
  config.threads = options.threads;
  auto handler = [&](const http::ServerRequest& request) -> http::ServerReply {
    if (!sameToken(request.authorization, expected))
      return {
          401,
          errorBody(request.hasAuthorization
                        ? "wrong token"
                        : "missing \"Authorization: Bearer TOKEN\" (the token of --token-file)"),
          {{"WWW-Authenticate", "Bearer"}}};
    return route(service, request);
  };
  return transport->serve(config, handler, ready, onStop);
}

} // namespace seg::serve

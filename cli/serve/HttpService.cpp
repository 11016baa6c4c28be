#include "HttpService.h"

#include <fmt/format.h>
#include <httplib.h>

namespace seg::serve {
namespace {

void send(httplib::Response& response, const Reply& reply) {
  response.status = reply.status;
  response.set_content(reply.body, "application/json");
}

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

// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
bool sameToken(const std::string& given, const std::string& expected) {
  if (given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

std::size_t numberParameter(const httplib::Request& request, const char* name,
                            std::size_t fallback, bool& bad) {
  if (!request.has_param(name)) return fallback;
  const std::string text = request.get_param_value(name);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 18) {
    bad = true;
    return fallback;
  }
  return std::stoull(text);
}

} // namespace

std::string serveHttp(LiveService& service, const HttpOptions& options,
                      const std::function<void(int port)>& ready,
                      const std::function<void(const std::function<void()>& stop)>& onStop) {
  httplib::Server server;
  server.set_payload_max_length(options.maxBodyBytes);
  server.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(30, 0);
  server.set_write_timeout(30, 0);
  const std::string expected = "Bearer " + options.token;
  server.set_pre_routing_handler([&](const httplib::Request& request, httplib::Response& response) {
    if (sameToken(request.get_header_value("Authorization"), expected))
      return httplib::Server::HandlerResponse::Unhandled;
    response.status = 401;
    response.set_header("WWW-Authenticate", "Bearer");
    response.set_content(
        errorBody(request.has_header("Authorization")
                      ? "wrong token"
                      : "missing \"Authorization: Bearer TOKEN\" (the token of --token-file)"),
        "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    const char* message = response.status == 413 ? "the request body is larger than --max-body"
                          : response.status == 404 ? "no such resource; see docs/live.md"
                                                   : "bad request";
    response.set_content(errorBody(message), "application/json");
  });

  server.Post("/events", [&](const httplib::Request& request, httplib::Response& response) {
    send(response, service.ingest(ChangeKind::Events, request.body));
  });
  server.Post("/contacts", [&](const httplib::Request& request, httplib::Response& response) {
    send(response, service.ingest(ChangeKind::Contacts, request.body));
  });
  server.Get("/segments", [&](const httplib::Request&, httplib::Response& response) {
    send(response, service.segments());
  });
  server.Get(R"(/segments/([^/]+)/members)",
             [&](const httplib::Request& request, httplib::Response& response) {
               bool bad = false;
               std::size_t offset = numberParameter(request, "offset", 0, bad);
               std::size_t limit = numberParameter(request, "limit", 1000, bad);
               if (bad) {
                 send(response, {400, errorBody("offset and limit are whole numbers")});
                 return;
               }
               send(response, service.members(request.matches[1], offset, limit));
             });
  server.Get(R"(/contacts/([^/]+)/segments)",
             [&](const httplib::Request& request, httplib::Response& response) {
               send(response, service.contactSegments(request.matches[1]));
             });
  server.Get("/deltas", [&](const httplib::Request& request, httplib::Response& response) {
    bool bad = false;
    std::size_t since = numberParameter(request, "since", 0, bad);
    std::size_t limit = numberParameter(request, "limit", 100, bad);
    if (bad) {
      send(response, {400, errorBody("since and limit are whole numbers")});
      return;
    }
    send(response, service.deltas(since, limit));
  });
  server.Post("/advance", [&](const httplib::Request& request, httplib::Response& response) {
    std::optional<std::string> now;
    if (request.has_param("now")) now = request.get_param_value("now");
    send(response, service.advance(now));
  });
  server.Get("/stats", [&](const httplib::Request&, httplib::Response& response) {
    send(response, service.stats());
  });

  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                     : (server.bind_to_port(options.host, options.port)
                                            ? options.port
                                            : -1);
  if (port < 0) return fmt::format("cannot listen on {}:{}", options.host, options.port);
  onStop([&server] { server.stop(); });
  ready(port);
  if (!server.listen_after_bind()) return "the server stopped with an error";
  return "";
}

} // namespace seg::serve

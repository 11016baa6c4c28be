// libseg_http.so: the HTTP client and server of HttpModule.h over cpp-httplib. Only
// `seg_http_module` is exported.
#include "HttpModule.h"

#include <httplib.h>

namespace seg::http {
namespace {

ClientReply post(const ClientRequest& request) {
  httplib::Client client(request.host, request.port);
  client.set_connection_timeout(request.connectTimeoutSeconds, 0);
  client.set_tcp_nodelay(true); // as the server: no wait for a delayed ACK per request
  client.set_read_timeout(request.readTimeoutSeconds, 0);
  client.set_write_timeout(request.readTimeoutSeconds, 0);
  if (!request.user.empty()) client.set_basic_auth(request.user, request.password);
  httplib::Params params;
  for (const auto& [key, value] : request.params)
    params.emplace(key, value);
  const std::string path = httplib::append_query_params(request.path, params);
  httplib::Result result = client.Post(path, request.body, request.contentType.c_str());
  ClientReply reply;
  if (!result) {
    switch (result.error()) {
    case httplib::Error::Connection:
      reply.transport = Transport::Connection;
      break;
    case httplib::Error::ConnectionTimeout:
      reply.transport = Transport::ConnectionTimeout;
      break;
    case httplib::Error::Read:
      reply.transport = Transport::Read;
      break;
    case httplib::Error::Write:
      reply.transport = Transport::Write;
      break;
    default:
      reply.transport = Transport::Other;
      break;
    }
    reply.transportText = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  return reply;
}

std::string errorBody(const std::string& message) {
  return "{\"error\":\"" + message + "\"}\n";
}

std::string serve(const ServerConfig& config, const Handler& handler,
                  const std::function<void(int port)>& ready,
                  const std::function<void(const std::function<void()>& stop)>& onStop) {
  httplib::Server server;
  server.set_payload_max_length(config.maxBodyBytes);
  // Replies go out at once: with Nagle's algorithm a reply written in two parts waits for the
  // client's delayed ACK, 40 ms per request on a kept-alive connection.
  server.set_tcp_nodelay(true);
  server.new_task_queue = [threads = config.threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(config.timeoutSeconds, 0);
  server.set_write_timeout(config.timeoutSeconds, 0);
  auto route = [&handler](const char* method) {
    return [&handler, method](const httplib::Request& request, httplib::Response& response) {
      ServerRequest in;
      in.method = method;
      in.path = request.path;
      in.hasAuthorization = request.has_header("Authorization");
      in.authorization = request.get_header_value("Authorization");
      for (const auto& [key, value] : request.params)
        in.params.emplace_back(key, value);
      in.body = request.body;
      ServerReply out = handler(in);
      response.status = out.status;
      for (const auto& [key, value] : out.headers)
        response.set_header(key, value);
      response.set_content(out.body, "application/json");
    };
  };
  server.Get(".*", route("GET"));
  server.Post(".*", route("POST"));
  server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    const char* message = response.status == 413   ? "the request body is larger than --max-body"
                          : response.status == 404 ? "no such resource; see docs/live.md"
                                                   : "bad request";
    response.set_content(errorBody(message), "application/json");
  });
  const int port = config.port == 0
                       ? server.bind_to_any_port(config.host)
                       : (server.bind_to_port(config.host, config.port) ? config.port : -1);
  if (port < 0) return "cannot listen on " + config.host + ":" + std::to_string(config.port);
  onStop([&server] { server.stop(); });
  ready(port);
  if (!server.listen_after_bind()) return "the server stopped with an error";
  return "";
}

constexpr Module kModule{&post, &serve};

} // namespace
} // namespace seg::http

extern "C" __attribute__((visibility("default"))) const seg::http::Module* seg_http_module() {
  return &seg::http::kModule;
}

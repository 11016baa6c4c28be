// HTTP for the few commands that speak it (seg serve, ClickHouse): cpp-httplib lives in a
// module loaded on first use (libseg_http.so), so that no other `seg` process maps httplib
// and the TLS and compression libraries it links. Plain types only cross the boundary.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace seg::http {

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct ClientRequest {
  std::string host;
  int port = 80;
  std::string path = "/";
  Pairs params; // query parameters, encoded by the module
  std::string body;
  std::string contentType = "application/octet-stream";
  std::string user, password; // basic authentication when user is not empty
  int connectTimeoutSeconds = 10;
  int readTimeoutSeconds = 600;
};

enum class Transport { Ok, Connection, ConnectionTimeout, Read, Write, Other };

struct ClientReply {
  Transport transport = Transport::Ok; // not Ok: no HTTP answer came
  std::string transportText;
  int status = 0;
  std::string body;
};

struct ServerRequest {
  std::string method; // "GET", "POST"
  std::string path;
  std::string authorization;
  bool hasAuthorization = false;
  Pairs params;
  std::string body;
};

struct ServerReply {
  int status = 200;
  std::string body;
  Pairs headers;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 0; // 0: any free port
  std::size_t maxBodyBytes = 64u << 20;
  unsigned threads = 8;
  int timeoutSeconds = 30;
};

using Handler = std::function<ServerReply(const ServerRequest&)>;

struct Module {
  ClientReply (*post)(const ClientRequest& request);
  // Serves GET and POST on every path with `handler` until the function given to `onStop`
  // is called; `ready` gets the bound port. Bodies over the limit get 413, bad requests 400
  // (JSON bodies). Returns an error message when it cannot listen.
  std::string (*serve)(const ServerConfig& config, const Handler& handler,
                       const std::function<void(int port)>& ready,
                       const std::function<void(const std::function<void()>& stop)>& onStop);
};

// The module, loaded on first use; null with the reason in `error` when it cannot be.
const Module* module(std::string& error);

} // namespace seg::http

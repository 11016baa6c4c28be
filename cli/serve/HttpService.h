// The HTTP/JSON face of a LiveService (cpp-httplib, through runtime/http's module): routes,
// the bearer token on every call, bounded request bodies, and clear 4xx errors.
#pragma once

#include "LiveService.h"

#include <functional>
#include <string>

namespace seg::serve {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string token;                    // required on every call: "Authorization: Bearer …"
  std::size_t maxBodyBytes = 64u << 20; // larger bodies get 413
  unsigned threads = 8;                 // request handler threads
};

// Serves until `stop` is called (from a signal watcher, say); `ready` gets the bound port.
// Returns an error message when it cannot listen.
std::string serveHttp(LiveService& service, const HttpOptions& options,
                      const std::function<void(int port)>& ready,
                      const std::function<void(const std::function<void()>& stop)>& onStop);

} // namespace seg::serve

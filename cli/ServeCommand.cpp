// `seg serve`: the live data set as an HTTP/JSON service (cli/serve/): events and contacts
// in, durable before acknowledged; sizes, members, a contact's segments and numbered deltas
// out; a bearer token on every call. Stops cleanly on SIGINT/SIGTERM.
#include "Commands.h"
#include "serve/HttpService.h"

#include <csignal>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <sstream>
#include <thread>

namespace seg::cli {

int runServe(const ServeOptions& options) {
  auto fail = [](const std::string& message) {
    std::cerr << "seg serve: " << message << (message.ends_with('\n') ? "" : "\n");
    return 1;
  };
  std::ifstream tokenFile(options.tokenFile);
  if (!tokenFile) return fail(fmt::format("cannot read the token file '{}'", options.tokenFile));
  std::stringstream tokenText;
  tokenText << tokenFile.rdbuf();
  std::string token = tokenText.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
    token.pop_back();
  if (token.size() < 16)
    return fail(fmt::format("the token in '{}' is {} characters; use at least 16 (e.g. `head -c "
                            "24 /dev/urandom | base64 > {}`)",
                            options.tokenFile, token.size(), options.tokenFile));
  serve::HttpOptions http;
  http.token = token;
  http.maxBodyBytes = options.maxBodyBytes;
  const std::size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos)
    return fail(fmt::format("--listen '{}': expected HOST:PORT, e.g. 127.0.0.1:8080", options.listen));
  http.host = options.listen.substr(0, colon);
  try {
    http.port = std::stoi(options.listen.substr(colon + 1));
  } catch (...) {
    return fail(fmt::format("--listen '{}': the port is not a number", options.listen));
  }

  serve::ServiceOptions service;
  service.data = options.data;
  service.files = options.files;
  if (!options.now.empty()) service.now = options.now;
  service.allowPii = options.allowPii;
  service.evaluateAfterSeconds = options.evaluateAfterSeconds;
  service.tickSeconds = options.tickSeconds;
  service.engine = options.engine == "interp" ? Engine::Interpreter
                   : options.engine == "auto" ? Engine::Auto
                                              : Engine::Jit;

  // Signals are taken by one thread with sigwait; every other thread has them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Expected<std::unique_ptr<serve::LiveService>> started = serve::LiveService::start(service);
  if (!started) return fail(started.error().message());
  std::function<void()> stopServer;
  std::mutex stopMutex;
  std::thread watcher([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::lock_guard lock(stopMutex);
    if (stopServer) stopServer();
  });
  std::string error = serve::serveHttp(
      **started, http,
      [&](int port) {
        std::cerr << fmt::format("seg serve: listening on http://{}:{}\n", http.host, port)
                  << std::flush;
      },
      [&](const std::function<void()>& stop) {
        std::lock_guard lock(stopMutex);
        stopServer = stop;
      });
  {
    std::lock_guard lock(stopMutex);
    stopServer = nullptr;
  }
  pthread_kill(watcher.native_handle(), SIGTERM); // ends the watcher if no signal came
  watcher.join();
  if (!error.empty()) return fail(error);
  std::cerr << "seg serve: stopped\n";
  return 0;
}

} // namespace seg::cli

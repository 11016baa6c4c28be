// `seg repl`: opens the data, loads the FILE arguments, then answers line after line — from
// a terminal with line editing and history, or from standard input and `-c` without prompts.
#include "ApiData.h"
#include "Commands.h"
#include "repl/Answers.h"
#include "repl/LineInput.h"
#include "repl/ReplSession.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace seg::cli {
namespace {

// Set by SIGINT (only this: a handler may do nothing else safely); a watcher thread turns
// it into a stop request for the evaluation running.
std::atomic<bool> interrupted{false}; // NOLINT: written by a signal handler

extern "C" void onInterrupt(int) {
  interrupted.store(true);
}

Expected<Dataset> openData(const ReplOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.data, ec)) return Dataset::open(options.data);
  if (options.files.empty())
    return Error(ErrorCode::InvalidArgument,
                 "a folder of data files is loaded against a schema: name the .seg file that "
                 "declares it (seg repl --data DIR crm.schema.seg)");
  Expected<Schema> schema = Schema::compileFiles(options.files);
  if (!schema) return schema.error();
  return openDataset(options.data, *schema);
}

} // namespace

int runRepl(const ReplOptions& options) {
  Expected<Dataset> data = openData(options);
  if (!data) {
    std::cerr << "seg repl: " << data.error().message() << "\n";
    return 1;
  }
  bool interactive = options.commands.empty() && isatty(STDIN_FILENO) != 0;
  Engine engine = options.engine == "jit"      ? Engine::Jit
                  : options.engine == "interp" ? Engine::Interpreter
                                               : Engine::Auto;
  repl::ReplSession session(*data, options.files, options.now, interactive, engine);
  if (!session.start(std::cerr)) return 1;
  if (!options.commands.empty()) {
    for (const std::string& line : options.commands)
      if (!session.handle(line, std::cout, std::cerr)) break;
    return session.hadErrors() ? 1 : 0;
  }
  if (interactive)
    std::cout << "seg repl: " << repl::withCommas(data->contactCount())
              << " contacts; :help for help, Ctrl-D to quit\n";

  std::stop_source stop;
  std::mutex stopMutex; // `stop` is replaced per answer while the watcher may use it
  std::atomic<bool> running{true};
  std::jthread watcher;
  if (interactive) {
    std::signal(SIGINT, onInterrupt);
    watcher = std::jthread([&] {
      while (running.load()) {
        {
          // Under the lock, so the main thread sees either the flag or the request.
          std::lock_guard lock(stopMutex);
          if (interrupted.exchange(false)) stop.request_stop();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  repl::LineInput input(interactive);
  input.setCompleter([&session](const std::string& beforeCursor) {
    return repl::completionsFor(beforeCursor, session.completionContext());
  });
  // Whether Ctrl-C was pressed since the last fresh stop source.
  auto takeInterrupt = [&] {
    std::lock_guard lock(stopMutex);
    bool pressed = interrupted.exchange(false) || stop.stop_requested();
    stop = std::stop_source();
    return pressed;
  };
  for (;;) {
    std::optional<std::string> line = input.next();
    if (!line) {
      // Ctrl-C at the prompt drops the line typed, as in a shell; only Ctrl-D ends.
      if (interactive && takeInterrupt()) {
        std::cout << "\n";
        continue;
      }
      break;
    }
    std::stop_token token;
    {
      std::lock_guard lock(stopMutex);
      interrupted.store(false);
      stop = std::stop_source(); // a fresh one per answer
      token = stop.get_token();
    }
    bool more = session.handle(*line, std::cout, std::cerr, token);
    std::cout.flush();
    (void)takeInterrupt(); // a Ctrl-C of this answer is spent
    if (!more) break;
  }
  running.store(false);
  // A script learns that a line failed, as from `seg check`.
  return !interactive && session.hadErrors() ? 1 : 0;
}

} // namespace seg::cli

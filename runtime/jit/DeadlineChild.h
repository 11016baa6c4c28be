// Runs a piece of work in a forked child process under a deadline and brings back the
// bytes it produced. The JIT compiles this way: an LLVM code generator that loops or
// crashes on some input costs one compile (killed at the deadline), never the process.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace seg::jit {

struct ChildResult {
  enum class Status {
    Finished, // `output` holds what the work returned
    TimedOut, // killed at the deadline
    Crashed,  // ended by a signal or without an answer (`detail` says how)
    NoChild,  // no process could be started (`detail`); run the work here instead
  };
  Status status = Status::NoChild;
  std::string output;
  std::string detail;
};

// `work` runs in the child, which then ends without running the parent's exit handlers.
ChildResult runInChild(const std::function<std::string()>& work,
                       std::chrono::milliseconds deadline);

} // namespace seg::jit

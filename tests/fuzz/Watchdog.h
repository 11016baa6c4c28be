// Turns a hang into an actionable failure: if the guarded scope has not finished after
// the deadline, prints what it was doing and aborts (a hung engine cannot be recovered).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace seg::fuzz {

class Watchdog {
public:
  Watchdog(std::chrono::seconds deadline, std::string message)
      : thread_([this, deadline, message = std::move(message)] {
          std::unique_lock lock(mutex_);
          if (!done_.wait_for(lock, deadline, [this] { return finished_; })) {
            std::fprintf(stderr, "\nFUZZ WATCHDOG: not finished after %lld s, aborting.\n%s\n",
                         static_cast<long long>(deadline.count()), message.c_str());
            std::fflush(stderr);
            std::abort();
          }
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    done_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread thread_; // last: starts after the members it uses
};

} // namespace seg::fuzz

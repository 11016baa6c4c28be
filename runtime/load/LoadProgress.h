// A progress line on stderr during long loads, only when stderr is a terminal.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace seg::runtime {

class LoadProgress {
public:
  explicit LoadProgress(bool enabled) : enabled_(enabled) {}
  ~LoadProgress() { clear(); }

  void start(std::string label, std::uint64_t totalBytes);
  // Called by any thread as bytes are consumed; prints at most a few times a second.
  void advance(std::uint64_t bytes);
  void clear();

private:
  bool enabled_;
  std::string label_;
  std::uint64_t total_ = 0;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::int64_t> lastPrintMs_{0};
  std::atomic<bool> printed_{false};
  std::chrono::steady_clock::time_point started_{};
};

} // namespace seg::runtime

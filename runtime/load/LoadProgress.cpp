#include "LoadProgress.h"

#include <cstdio>
#include <fmt/format.h>

namespace seg::runtime {

void LoadProgress::start(std::string label, std::uint64_t totalBytes) {
  clear();
  label_ = std::move(label);
  total_ = totalBytes;
  done_ = 0;
  started_ = std::chrono::steady_clock::now();
}

void LoadProgress::advance(std::uint64_t bytes) {
  if (!enabled_) return;
  std::uint64_t done = done_ += bytes;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - started_)
                 .count();
  std::int64_t last = lastPrintMs_.load();
  if (now - last < 250 || !lastPrintMs_.compare_exchange_strong(last, now)) return;
  double percent = total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done) / total_;
  std::fputs(fmt::format("\r{}: {:5.1f}% ({:.0f} of {:.0f} MB)\x1b[K", label_, percent, done / 1e6,
                         total_ / 1e6)
                 .c_str(),
             stderr);
  printed_ = true;
}

void LoadProgress::clear() {
  if (enabled_ && printed_.exchange(false)) std::fputs("\r\x1b[K", stderr);
}

} // namespace seg::runtime

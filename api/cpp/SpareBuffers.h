// Spare buffers of kept ranks: every patch makes a new input column and key array as large
// as the last ones, and those of two evaluations back are free by then. Reusing them skips
// the kernel's zeroing of fresh pages, which otherwise costs as much as the patch itself.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

namespace seg::detail {

template <class T> class SpareBuffers {
public:
  // The process's spares of T. Never destroyed: a buffer may come back during exit.
  static SpareBuffers& instance() {
    static auto* spares = new SpareBuffers; // NOLINT(cppcoreguidelines-owning-memory)
    return *spares;
  }

  // A spare for which `fits` holds, or null; shared, it comes back here when released.
  template <class Fits> std::shared_ptr<T> take(Fits fits) {
    std::unique_ptr<T> found;
    {
      std::lock_guard lock(mutex_);
      for (auto it = spares_.begin(); it != spares_.end(); ++it)
        if (fits(**it)) {
          found = std::move(*it);
          spares_.erase(it);
          break;
        }
    }
    return found ? adopt(std::move(found)) : nullptr;
  }

  // `fresh` shared so that it comes back here when released.
  std::shared_ptr<T> adopt(std::unique_ptr<T> fresh) {
    return std::shared_ptr<T>(fresh.release(), [this](T* released) { giveBack(released); });
  }

private:
  // A few per rank input are enough: the last evaluation's and the one being made.
  static constexpr std::size_t kKept = 16;

  void giveBack(T* released) {
    std::unique_ptr<T> buffer(released);
    std::lock_guard lock(mutex_);
    if (spares_.size() < kKept) spares_.push_back(std::move(buffer));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> spares_;
};

} // namespace seg::detail

// A fixed pool of worker threads that runs "for each index in [0, count)" jobs, the
// calling thread working alongside. Which thread runs which index is left to chance, so
// callers make each index's work independent of the others.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace seg::exec {

class ThreadPool {
public:
  // `threads` counts the caller: 1 runs everything on the calling thread.
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Runs task(i) for every i in [0, count) and returns when all are done. The first
  // exception a task throws is rethrown here (the remaining indices are skipped).
  void forEach(std::size_t count, const std::function<void(std::size_t)>& task);
  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  // The thread count a run uses: `requested`, or one per core when 0.
  static unsigned resolve(unsigned requested);

private:
  struct Job;
  void work();
  static void drain(Job& job);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
  Job* job_ = nullptr;
  unsigned busy_ = 0;
  std::vector<std::thread> workers_;
};

} // namespace seg::exec

// Workers sleep until a job is posted, take indices from a shared counter, and report
// back when they leave the job; the poster waits for all of them before returning.
#include "ThreadPool.h"

#include <atomic>
#include <exception>

namespace seg::exec {

struct ThreadPool::Job {
  const std::function<void(std::size_t)>* task = nullptr;
  std::size_t count = 0;
  std::atomic<std::size_t> next{0};
  std::mutex errorMutex;
  std::exception_ptr error;
};

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 1; i < threads; ++i)
    workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_)
    worker.join();
}

unsigned ThreadPool::resolve(unsigned requested) {
  if (requested != 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

void ThreadPool::drain(Job& job) {
  for (std::size_t i = job.next++; i < job.count; i = job.next++) {
    try {
      (*job.task)(i);
    } catch (...) {
      std::lock_guard lock(job.errorMutex);
      if (!job.error) job.error = std::current_exception();
      job.next = job.count;
    }
  }
}

void ThreadPool::work() {
  std::uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    // The poster clears job_ (under the lock) once nobody is busy: a worker that wakes
    // late finds no job rather than a finished one.
    Job* job = job_;
    if (job == nullptr) continue;
    ++busy_;
    lock.unlock();
    drain(*job);
    lock.lock();
    if (--busy_ == 0) done_.notify_all();
  }
}

void ThreadPool::forEach(std::size_t count, const std::function<void(std::size_t)>& task) {
  Job job;
  job.task = &task;
  job.count = count;
  if (!workers_.empty() && count > 1) {
    {
      std::lock_guard lock(mutex_);
      job_ = &job;
      ++generation_;
    }
    wake_.notify_all();
  }
  drain(job);
  {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return busy_ == 0; });
    job_ = nullptr;
  }
  if (job.error) std::rethrow_exception(job.error);
}

} // namespace seg::exec

// The state behind `seg serve`: one live data set and one program. Ingests change batches
// (durable before they are acknowledged), evaluates when data changed or time passed,
// answers membership queries, and keeps every evaluation's deltas, numbered, in a durable
// history (X.segdb.deltas) so a consumer that reconnects with `since` misses nothing.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <seg/seg.hpp>
#include <string>
#include <thread>
#include <vector>

namespace seg::serve {

struct ServiceOptions {
  std::string data;               // the snapshot
  std::vector<std::string> files; // the program
  std::optional<std::string> now; // fixed evaluation time (moved by POST /advance); else the clock
  double evaluateAfterSeconds = 0.2;   // changes are evaluated together, this long after the first
  double tickSeconds = 60;             // with the clock: re-evaluated this often for time alone
  std::size_t keptEvaluations = 10000; // deltas history kept for `since`
  bool allowPii = false;
  Engine engine = Engine::Jit;
  unsigned threads = 0;
  std::uint64_t compactBytes = 256ull << 20; // the change log is compacted at this size (0: never)
};

struct Reply {
  int status = 200;
  std::string body; // JSON
};

class LiveService {
public:
  static Expected<std::unique_ptr<LiveService>> start(const ServiceOptions& options);
  ~LiveService();

  Reply ingest(ChangeKind kind, std::string body);
  Reply segments();
  Reply members(const std::string& name, std::size_t offset, std::size_t limit);
  Reply contactSegments(const std::string& key);
  Reply deltas(std::uint64_t since, std::size_t limit);
  // Evaluates now (at `now`, which becomes the fixed time, if given).
  Reply advance(const std::optional<std::string>& now);
  Reply stats();

private:
  LiveService(ServiceOptions options, LiveDataset live, Program program);
  // Under `mutex_`: evaluates and records the deltas; an error reply when it failed. With the
  // clock, a tick evaluates at the time it is; changes alone at the last tick's time (so only
  // the changed contacts are re-evaluated).
  std::optional<Reply> evaluateLocked(bool clockTick);
  std::optional<Reply> ensureCurrentLocked();
  void evaluatorLoop(const std::stop_token& stop);
  void loadHistory();

  ServiceOptions options_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  LiveDataset live_;
  Program program_;
  std::optional<Deltas> last_;
  bool stale_ = true;
  std::optional<std::chrono::steady_clock::time_point> staleSince_;
  std::chrono::steady_clock::time_point lastEvaluation_{};
  struct Entry {
    std::uint64_t evaluation = 0;
    std::string json; // one line: {"evaluation": …, "now": …, "segments": {changed only}}
  };
  std::deque<Entry> history_;
  std::jthread evaluator_; // last: stopped and joined first
};

} // namespace seg::serve

// A run: bind the plan to the store (checking that every column it reads exists with the
// type it expects), then stage by stage run the kernel over batches on a thread pool,
// ranking after each stage, and finish with the metrics.
#include "Executor.h"

#include "KindMatch.h"
#include "StringTables.h"
#include "ThreadPool.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace seg::exec {
namespace {

using Clock = std::chrono::steady_clock;

double millisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Every column the plan reads must exist with the type it reads, and every event table
// must have offsets for all contacts (or none): a mismatched store is an error up front,
// never an out-of-bounds read in a kernel. Returns the first mismatch.
std::optional<std::string> checkStore(const plan::Plan& plan, const runtime::Store& store) {
  const runtime::ContactTable& contacts = store.contacts;
  auto eventTypeError = [&](std::int32_t e) -> std::optional<std::string> {
    if (e < 0 || static_cast<std::size_t>(e) >= store.events.size())
      return fmt::format("the plan reads event type {}, the store has {}", e, store.events.size());
    const runtime::EventTable& t = store.events[e];
    if (!t.offsets.empty() && t.offsets.size() != contacts.rows + 1)
      return fmt::format("event type {} has {} offsets for {} contacts", e, t.offsets.size(),
                         contacts.rows);
    if (t.rows > 0 && (t.columns.empty() || t.columns[0].kind() != runtime::ValueKind::Timestamp))
      return fmt::format("event type {} has no `at` column", e);
    return std::nullopt;
  };
  for (const plan::Node& n : plan.nodes) {
    if (n.op == plan::Op::ContactField) {
      if (n.index < 0 || static_cast<std::size_t>(n.index) >= contacts.columns.size() ||
          !kindMatches(contacts.columns[n.index].kind(), n.type))
        return fmt::format("the plan reads contact field {} as {}, which the store does not have",
                           n.index, plan::valueTypeName(n.type));
      if (contacts.columns[n.index].size() != contacts.rows)
        return fmt::format("contact field {} has {} rows, not {}", n.index,
                           contacts.columns[n.index].size(), contacts.rows);
    } else if (n.op == plan::Op::EventField) {
      if (auto error = eventTypeError(n.eventType)) return error;
      const runtime::EventTable& t = store.events[n.eventType];
      if (n.index < 0 || static_cast<std::size_t>(n.index) >= t.columns.size() ||
          !kindMatches(t.columns[n.index].kind(), n.type))
        return fmt::format("the plan reads property {} of event type {} as {}, which the store "
                           "does not have",
                           n.index, n.eventType, plan::valueTypeName(n.type));
    }
  }
  for (const plan::Aggregate& a : plan.aggregates) {
    if (auto error = eventTypeError(a.eventType)) return error;
    if (a.fn == plan::AggregateFn::Sequence)
      if (auto error = eventTypeError(a.thenEventType)) return error;
    if (a.property >= 0 &&
        static_cast<std::size_t>(a.property) >= store.events[a.eventType].columns.size())
      return fmt::format("the plan aggregates property {} of event type {}, which the store "
                         "does not have",
                         a.property, a.eventType);
  }
  for (const plan::Metric& m : plan.metrics)
    for (const plan::GroupKey& key : m.groupBy)
      if (key.contactField >= 0 &&
          (static_cast<std::size_t>(key.contactField) >= contacts.columns.size() ||
           !kindMatches(contacts.columns[key.contactField].kind(), key.type)))
        return fmt::format("metric '{}' groups by contact field {} as {}, which the store does "
                           "not have",
                           m.name, key.contactField, plan::valueTypeName(key.type));
  return std::nullopt;
}

} // namespace

base::Expected<std::shared_ptr<BoundPlan>>
bindPlan(const plan::Plan& plan, const runtime::Store& store, std::int64_t now, ThreadPool* pool) {
  if (auto error = checkStore(plan, store)) return base::Unexpected{std::move(*error)};
  auto bound = std::make_shared<BoundPlan>();
  bound->plan = &plan;
  bound->store = &store;
  bound->now = now;
  for (const plan::Slot& slot : plan.slots) {
    ContactColumn column;
    column.type = slot.type;
    column.resize(store.contacts.rows);
    bound->slots.push_back(std::move(column));
  }
  for (std::size_t r = 0; r < plan.ranks.size(); ++r) {
    ContactColumn column;
    column.type = ValueType::Int;
    column.resize(store.contacts.rows);
    bound->ranks.push_back(std::move(column));
  }
  buildStringTables(*bound, pool);
  return bound;
}

base::Expected<RunResult> execute(const plan::Plan& plan, const runtime::Store& store,
                                  const RunOptions& options, const KernelFactory& makeKernel) {
  RunResult result;
  const std::size_t rows = store.contacts.rows;
  const std::size_t batches = store.batchCount();
  // Threads beyond the batch count would only wait.
  const unsigned threads = static_cast<unsigned>(std::clamp<std::size_t>(
      ThreadPool::resolve(options.threads), 1, std::max<std::size_t>(batches, 1)));
  ThreadPool pool(threads);

  auto start = Clock::now();
  base::Expected<std::shared_ptr<BoundPlan>> bound = bindPlan(plan, store, options.now, &pool);
  if (!bound) return base::Unexpected{std::move(bound).error()};
  result.bound = std::move(*bound);
  base::Expected<MadeKernel> made = makeKernel(*result.bound);
  if (!made) return base::Unexpected{std::move(made).error()};
  const std::unique_ptr<StageKernel> kernel = std::move(made->kernel);
  result.engine = kernel->engineName();
  result.fallback = std::move(made->fallback);
  result.timings.bindMs = millisSince(start);
  for (std::int32_t stage = 0; stage < plan.stageCount; ++stage) {
    start = Clock::now();
    pool.forEach(batches, [&](std::size_t batch) {
      if (options.stop.stop_requested()) return;
      const std::size_t begin = batch * runtime::kBatchRows;
      kernel->run(stage, begin, std::min(rows, begin + runtime::kBatchRows));
    });
    result.timings.stageMs.push_back(millisSince(start));
    if (options.stop.stop_requested()) {
      result.cancelled = true;
      return result;
    }
    // Ranks of stage s + 1 read the complete columns of stage s.
    start = Clock::now();
    if (options.ranks)
      options.ranks(*result.bound, stage + 1, &pool);
    else
      computeRanks(*result.bound, stage + 1, &pool);
    result.timings.ranksMs += millisSince(start);
  }
  start = Clock::now();
  result.metrics = computeMetrics(*result.bound, &pool);
  result.timings.metricsMs = millisSince(start);
  return result;
}

} // namespace seg::exec

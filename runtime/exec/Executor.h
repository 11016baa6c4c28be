// Runs a plan over a store: binds it (string tables), then stage by stage evaluates the
// slots batch by batch on a pool of threads, computes the population ranks that later
// stages read, and finally the metrics. Results do not depend on the thread count.
#pragma once

#include "BoundPlan.h"
#include "StageKernel.h"
#include "base/Expected.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace seg::exec {

class ThreadPool;

// A metric's value for one group (or the only one when there is no `by`).
struct MetricRow {
  std::vector<std::string> groupKey; // rendered values of the `by` fields ("null" for null)
  std::optional<double> value;       // null when the metric is undefined for the group
  bool integral = false;             // print without decimals
  std::uint64_t contacts = 0;        // contacts in the group's population
};

struct MetricResult {
  std::string name;
  std::vector<std::string> groupBy;
  std::vector<MetricRow> rows; // sorted by group key
};

struct RunTimings {
  double bindMs = 0;
  std::vector<double> stageMs;
  double ranksMs = 0;
  double metricsMs = 0;
};

struct RunResult {
  std::shared_ptr<BoundPlan> bound; // slot and rank columns for every contact
  std::vector<MetricResult> metrics;
  RunTimings timings;
  bool cancelled = false; // stopped early: the columns are incomplete
  std::string engine;     // the engine whose kernel ran: "jit" or "interp"
  std::string fallback;   // MadeKernel::fallback: why that is not the engine asked for
};

// A kernel for a bound plan, and why it is not the engine the run asked for, if so: the
// JIT's code declined the bound data, and the interpreter runs in its place.
struct MadeKernel {
  // NOLINTNEXTLINE(google-explicit-constructor): a factory may return just the kernel
  MadeKernel(std::unique_ptr<StageKernel> kernel_, std::string fallback_ = {})
      : kernel(std::move(kernel_)), fallback(std::move(fallback_)) {}

  std::unique_ptr<StageKernel> kernel;
  std::string fallback;
};

// Makes the engine's kernel for a bound plan (after string tables are built), or says why
// the data does not fit it; the kernel writes the stage's slot columns of `bound`.
using KernelFactory = std::function<base::Expected<MadeKernel>(BoundPlan& bound)>;

// Fills the ranks of a stage in place of computeRanks: a live evaluation of a few contacts
// ranks them among everyone (api/cpp/LiveRanks), and may keep what a full run ranked.
using RankFiller = std::function<void(BoundPlan& bound, std::int32_t stage, ThreadPool* pool)>;

struct RunOptions {
  // A constructor rather than an aggregate, so call sites may leave the last ones out.
  RunOptions(std::int64_t now_ = 0, unsigned threads_ = 0, std::stop_token stop_ = {})
      : now(now_), threads(threads_), stop(std::move(stop_)) {}

  std::int64_t now = 0;
  unsigned threads = 0; // 0: one per core
  // Checked before every batch: a stop request ends the run within one batch per thread.
  std::stop_token stop;
  RankFiller ranks; // empty: computeRanks
};

// The run, or why the store does not fit the plan (or the kernel's engine).
base::Expected<RunResult> execute(const plan::Plan& plan, const runtime::Store& store,
                                  const RunOptions& options, const KernelFactory& makeKernel);

// Pieces of `execute`, exposed for tests and for the engines. Binding checks that every
// column the plan reads exists with the type it reads, and says which does not.
base::Expected<std::shared_ptr<BoundPlan>> bindPlan(const plan::Plan& plan,
                                                    const runtime::Store& store, std::int64_t now,
                                                    ThreadPool* pool = nullptr);
// With a pool, the ranks of the stage are computed side by side.
void computeRanks(BoundPlan& bound, std::int32_t stage, ThreadPool* pool = nullptr);
std::vector<MetricResult> computeMetrics(const BoundPlan& bound, ThreadPool* pool = nullptr);

} // namespace seg::exec

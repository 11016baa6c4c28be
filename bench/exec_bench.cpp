// Measures evaluation over a snapshot: compile latency by phase (front end, lowering, JIT
// session, code generation), whole-program run time per engine and thread count, and with
// --per-definition each segment and score alone (the definition and what it reads).
// Usage: exec_bench SNAPSHOT FILE.seg... [--now TS] [--runs N] [--per-definition]
#include "driver/Compilation.h"
#include "exec/Executor.h"
#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "load/ValueParser.h"
#include "plan/Lowering.h"
#include "plan/PlanSelection.h"
#include "snapshot/SnapshotReader.h"
#include "store/Store.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <string>
#include <thread>
#include <vector>

using namespace seg;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct Args {
  std::string snapshot;
  std::vector<CompileInput> files;
  std::int64_t now = 0;
  int runs = 5;
  bool perDefinition = false;
};

struct EngineRun {
  double totalMs = 0, bindMs = 0, stagesMs = 0, ranksMs = 0, metricsMs = 0;
};

// Median of `runs` executions after one untimed one.
EngineRun measure(const plan::Plan& plan, const runtime::Store& store, const Args& args,
                  unsigned threads, const exec::KernelFactory& factory) {
  std::vector<double> total, bind, stages, ranks, metrics;
  for (int r = 0; r <= args.runs; ++r) {
    auto start = Clock::now();
    exec::RunResult result = exec::execute(plan, store, {args.now, threads}, factory).value();
    double ms = msSince(start);
    if (r == 0) continue;
    total.push_back(ms);
    bind.push_back(result.timings.bindMs);
    double s = 0;
    for (double stage : result.timings.stageMs)
      s += stage;
    stages.push_back(s);
    ranks.push_back(result.timings.ranksMs);
    metrics.push_back(result.timings.metricsMs);
  }
  return {median(total), median(bind), median(stages), median(ranks), median(metrics)};
}

exec::KernelFactory jitFactory(const std::shared_ptr<const jit::CompiledProgram>& program) {
  return [program](exec::BoundPlan& bound) { return program->makeKernel(bound); };
}

void printRun(std::string_view what, const EngineRun& r) {
  fmt::print("{:<28} {:>9.2f} {:>8.2f} {:>9.2f} {:>8.2f} {:>8.2f}\n", what, r.totalMs, r.bindMs,
             r.stagesMs, r.ranksMs, r.metricsMs);
}

int wholeProgram(const plan::Plan& plan, const runtime::Store& store, const Args& args) {
  // Compile latency: each sample in a fresh engine, so nothing comes from the code cache.
  std::vector<double> session, generate, optimize, machine, total;
  std::shared_ptr<const jit::CompiledProgram> program;
  for (int r = 0; r < args.runs; ++r) {
    auto start = Clock::now();
    jit::JitEngine engine;
    session.push_back(msSince(start));
    if (const auto& reason = engine.unavailable()) {
      fmt::print(stderr, "the JIT is unavailable: {}\n", *reason);
      return 1;
    }
    jit::CompileResult compiled = engine.compile(plan);
    if (!compiled) {
      fmt::print(stderr, "the JIT cannot compile this program: {}\n", compiled.error());
      return 1;
    }
    program = compiled.program();
    const jit::CompileTimings& t = program->timings();
    generate.push_back(t.generateMs);
    optimize.push_back(t.optimizeMs);
    machine.push_back(t.machineCodeMs);
    total.push_back(t.totalMs);
  }
  fmt::print("jit compile (median of {} fresh engines): session {:.2f} ms, compile {:.2f} ms "
             "(generate {:.2f}, optimize {:.2f}, machine code {:.2f})\n\n",
             args.runs, median(session), median(total), median(generate), median(optimize),
             median(machine));

  {
    auto start = Clock::now();
    auto bound = exec::bindPlan(plan, store, args.now).value();
    double bindMs = msSince(start);
    start = Clock::now();
    auto kernel = program->makeKernel(*bound);
    fmt::print("bind: plan {:.2f} ms, jit kernel {:.2f} ms\n\n", bindMs, msSince(start));
  }
  fmt::print("{:<28} {:>9} {:>8} {:>9} {:>8} {:>8}\n", "whole program (ms)", "total", "bind",
             "stages", "ranks", "metrics");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned threads = 1; threads <= cores; threads *= 2) {
    printRun(fmt::format("jit, {} thread{}", threads, threads == 1 ? "" : "s"),
             measure(plan, store, args, threads, jitFactory(program)));
    printRun(fmt::format("interp, {} thread{}", threads, threads == 1 ? "" : "s"),
             measure(plan, store, args, threads, exec::makeInterpreter));
  }
  return 0;
}

// Each segment and score alone: compile (fresh engine) and run with all cores.
void perDefinition(const plan::Plan& plan, const runtime::Store& store, const Args& args) {
  const double rows = static_cast<double>(store.contacts.rows);
  fmt::print("\n{:<26} {:>8} {:>8} {:>8} {:>9} {:>8} {:>12} {:>9}\n", "definition (ms)", "compile",
             "jit run", "stages", "1 thread", "interp", "rows/s/core", "speed-up");
  for (const plan::Slot& slot : plan.slots) {
    if (slot.kind != plan::SlotKind::Segment && slot.kind != plan::SlotKind::Score) continue;
    plan::Plan one = plan::selectSlots(plan, {slot.name});
    jit::JitEngine engine;
    jit::CompileResult compiled = engine.compile(one);
    if (!compiled) {
      fmt::print("{:<26} not compiled: {}\n", slot.name, compiled.error());
      continue;
    }
    EngineRun jit = measure(one, store, args, 0, jitFactory(compiled.program()));
    EngineRun single = measure(one, store, args, 1, jitFactory(compiled.program()));
    EngineRun interp = measure(one, store, args, 0, exec::makeInterpreter);
    double rowsPerCore = single.stagesMs > 0 ? rows / (single.stagesMs / 1000.0) : 0;
    fmt::print("{:<26} {:>8.2f} {:>8.2f} {:>8.2f} {:>9.2f} {:>8.1f} {:>12} {:>8.0f}×\n", slot.name,
               compiled.program()->timings().totalMs, jit.totalMs, jit.stagesMs, single.stagesMs,
               interp.totalMs, fmt::format("{:.0f} M", rowsPerCore / 1e6),
               jit.totalMs > 0 ? interp.totalMs / jit.totalMs : 0);
  }
}

} // namespace

int main(int argc, char** argv) {
  Args args;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--now" && i + 1 < argc) {
      auto parsed = runtime::parseTimestamp(argv[++i]);
      if (!parsed.ok()) {
        fmt::print(stderr, "--now: not a timestamp: {}\n", argv[i]);
        return 2;
      }
      args.now = parsed.value;
    } else if (a == "--runs" && i + 1 < argc) {
      args.runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--per-definition") {
      args.perDefinition = true;
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() < 2) {
    fmt::print(stderr, "usage: exec_bench SNAPSHOT FILE.seg... [--now TS] [--runs N] "
                       "[--per-definition]\n");
    return 2;
  }
  args.snapshot = positional[0];
  for (std::size_t i = 1; i < positional.size(); ++i)
    args.files.push_back({positional[i], "", false});

  std::vector<double> frontEnd, lowering;
  plan::Plan plan;
  for (int r = 0; r < args.runs; ++r) {
    auto start = Clock::now();
    Compilation compilation = compile(args.files);
    frontEnd.push_back(msSince(start));
    if (!compilation.ok()) {
      fmt::print(stderr, "the program does not check (run seg check)\n");
      return 1;
    }
    start = Clock::now();
    plan = plan::lowerProgram(*compilation.program);
    lowering.push_back(msSince(start));
  }
  fmt::print("front end {:.2f} ms (first {:.2f}), lowering {:.2f} ms: {} slots, {} nodes, {} "
             "aggregates, {} stages\n",
             median(frontEnd), frontEnd.front(), median(lowering), plan.slots.size(),
             plan.nodes.size(), plan.aggregates.size(), plan.stageCount);

  auto openStart = Clock::now();
  runtime::SnapshotResult opened = runtime::openSnapshot(args.snapshot, nullptr, false);
  if (!opened.store) {
    fmt::print(stderr, "{}\n", opened.error);
    return 1;
  }
  fmt::print("snapshot: {} contacts, {} events, opened in {:.2f} ms\n", opened.store->contacts.rows,
             opened.store->eventCount(), msSince(openStart));
  if (int rc = wholeProgram(plan, *opened.store, args)) return rc;
  if (args.perDefinition) perDefinition(plan, *opened.store, args);
  return 0;
}

// Compile, open, run and report, as `seg run` does for the whole program (no --segment),
// for the commands that analyse the result.
#include "LocalRun.h"

#include "Inputs.h"
#include "jit/EngineChoice.h"
#include "jit/ObjectCache.h"
#include "load/ValueParser.h"
#include "plan/Lowering.h"
#include "sema/StoreSchemaOf.h"

#include <chrono>
#include <fmt/format.h>
#include <thread>
#include <unistd.h>

namespace seg::cli {

std::unique_ptr<LocalRun> runLocally(const LocalRunRequest& request, int& status) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  };
  std::int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  if (!request.now.empty()) {
    runtime::Parsed<std::int64_t> parsed = runtime::parseTimestamp(request.now);
    if (!parsed.ok()) {
      fmt::print(stderr, "{}: --now: value '{}' {} (write e.g. 2026-11-01T00:00:00Z)\n",
                 request.command, request.now, runtime::errorFragment(parsed.error));
      status = 2;
      return nullptr;
    }
    now = parsed.value;
  }
  auto compileStart = Clock::now();
  Compilation compilation = compile(inputsFrom(request.files));
  printDiagnostics(compilation, ColorMode::Auto);
  status = 1;
  if (!compilation.ok()) return nullptr;
  const CheckedProgram& program = *compilation.program;
  if (program.schema.keyField < 0) {
    fmt::print(stderr, "{}: the program declares no schema with a contact key\n", request.command);
    return nullptr;
  }
  auto run = std::make_unique<LocalRun>();
  run->plan = plan::lowerProgram(program);
  runtime::StoreSchema schema = storeSchemaOf(program.schema);
  jit::CompiledEngine engine =
      jit::compileEngine(request.engine == RunEngine::Interpreter ? jit::EngineKind::Interpreter
                                                                  : jit::EngineKind::Jit,
                         run->plan, jit::ObjectCache::defaultDirectory());
  if (!engine.note.empty()) fmt::print(stderr, "{}: {}\n", request.command, engine.note);
  const double compileMs = ms(compileStart);

  auto dataStart = Clock::now();
  run->data =
      runtime::openData({request.data, request.threads, 0, isatty(STDERR_FILENO) != 0}, &schema);
  if (run->data.loadReport) std::fputs(run->data.loadReport->render().c_str(), stderr);
  if (!run->data.store) {
    fmt::print(stderr, "{}: {}\n", request.command, run->data.error);
    return nullptr;
  }
  const double dataMs = ms(dataStart);
  const runtime::Store& store = *run->data.store;

  auto runStart = Clock::now();
  base::Expected<exec::RunResult> ran =
      exec::execute(run->plan, store, {now, request.threads}, jit::kernelFactory(engine));
  const double runMs = ms(runStart);
  if (!ran) {
    fmt::print(stderr, "{}: {}\n", request.command, ran.error());
    return nullptr;
  }
  run->result = std::move(*ran);
  run->report = report::buildReport(run->plan, run->result, store.contacts.rows, {});
  report::RunContext& context = run->report.context;
  context.now = now;
  context.engine = run->result.engine;
  context.threads =
      request.threads != 0 ? request.threads : std::max(1u, std::thread::hardware_concurrency());
  context.dataPath = request.data;
  context.snapshot = run->data.snapshot;
  context.dataMs = dataMs;
  context.compileMs = compileMs;
  context.runMs = runMs;
  status = 0;
  return run;
}

} // namespace seg::cli

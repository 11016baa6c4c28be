// `seg run`: compiles a program, opens its data, runs it with the chosen engine and prints
// per segment its members, per partition its branches, per score its distribution and per
// metric its values; optionally writes each segment's members to files.
#include "Commands.h"
#include "Inputs.h"
#include "MemberColumns.h"
#include "WarehouseRun.h"
#include "base/Suggest.h"
#include "jit/EngineChoice.h"
#include "jit/ObjectCache.h"
#include "load/ValueParser.h"
#include "plan/Lowering.h"
#include "plan/PlanSelection.h"
#include "report/MembersWriter.h"
#include "report/ResultFormat.h"
#include "report/RunReport.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/DataSource.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <thread>
#include <unistd.h>

namespace seg::cli {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::int64_t wallClockMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  std::optional<std::string> close = base::closestName(name, candidates);
  return close ? fmt::format("; did you mean '{}'?", *close) : "";
}

// Checks the --segment names against the program's segments and partitions.
bool checkSelection(const RunOptions& options, const plan::Plan& plan) {
  const auto [reportable, others] = plan::selectableNames(plan);
  for (const std::string& name : options.segments) {
    if (std::find(reportable.begin(), reportable.end(), name) != reportable.end()) continue;
    if (std::find(others.begin(), others.end(), name) != others.end())
      fmt::print(stderr,
                 "seg run: --segment {}: '{}' is a score or metric; --segment selects segments "
                 "and partitions\n",
                 name, name);
    else
      fmt::print(stderr,
                 "seg run: --segment {}: the program has no segment or partition named "
                 "'{}'{}\n",
                 name, name, didYouMean(name, reportable));
    return false;
  }
  return true;
}

int writeMembers(const RunOptions& options, const report::RunReport& report,
                 const runtime::Store& store, std::vector<std::size_t> fields) {
  std::error_code ec;
  std::filesystem::create_directories(options.membersDir, ec);
  if (ec) {
    fmt::print(stderr, "seg run: cannot create {}: {}\n", options.membersDir, ec.message());
    return 1;
  }
  if (!options.allowPii) notePiiMasking(store.schema, fields);
  report::MemberFileOptions files{options.membersDir, std::move(fields), options.allowPii};
  std::size_t written = 0;
  auto writeOne = [&](const std::string& name, const report::Bitmap& bits) {
    return report::writeMemberFile(store, files, name + ".csv", bits);
  };
  if (auto error = report::writeEachMemberFile(report, writeOne, written)) {
    fmt::print(stderr, "seg run: {}\n", *error);
    return 1;
  }
  fmt::print(stderr, "seg run: wrote {} member file{} to {}\n", written, written == 1 ? "" : "s",
             options.membersDir);
  return 0;
}

} // namespace

int runRun(const RunOptions& options) {
  std::int64_t now = wallClockMicros();
  if (!options.now.empty()) {
    runtime::Parsed<std::int64_t> parsed = runtime::parseTimestamp(options.now);
    if (!parsed.ok()) {
      fmt::print(stderr, "seg run: --now: value '{}' {} (write e.g. 2026-11-01T00:00:00Z)\n",
                 options.now, runtime::errorFragment(parsed.error));
      return 2;
    }
    now = parsed.value;
  }
  const bool postgres = options.engine == RunEngine::Postgres;
  const bool clickhouse = options.engine == RunEngine::ClickHouse;
  const bool onServer = postgres || clickhouse;
  if (postgres && (options.dsn.empty() || !options.data.empty() || !options.url.empty())) {
    fmt::print(stderr, "seg run: --engine postgres reads the server of --dsn "
                       "(postgres://USER@HOST:PORT/DB), not --data or --url\n");
    return 2;
  }
  if (clickhouse && (options.url.empty() || !options.data.empty() || !options.dsn.empty())) {
    fmt::print(stderr, "seg run: --engine clickhouse reads the server of --url "
                       "(http://HOST:PORT/DB), not --data or --dsn\n");
    return 2;
  }
  if (!onServer && options.data.empty()) {
    fmt::print(stderr, "seg run: --data is required (or --engine postgres --dsn …, --engine "
                       "clickhouse --url …)\n");
    return 2;
  }
  if (!onServer && (!options.dsn.empty() || !options.url.empty() || !options.tablePrefix.empty() ||
                    options.eventsNameContacts)) {
    fmt::print(stderr, "seg run: --dsn, --url, --table-prefix and --events-name-contacts go with "
                       "--engine postgres or clickhouse\n");
    return 2;
  }

  auto compileStart = Clock::now();
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (!compilation.ok()) return 1;
  const CheckedProgram& program = *compilation.program;
  if (program.schema.keyField < 0) {
    fmt::print(stderr, "seg run: the program declares no schema with a contact key\n");
    return 1;
  }
  plan::Plan plan = plan::lowerProgram(program);
  if (!checkSelection(options, plan)) return 2;
  if (onServer) return runOnWarehouse(options, program, now, millisecondsSince(compileStart));
  // Only what the report shows is evaluated.
  if (!options.segments.empty()) plan = plan::selectSlots(plan, options.segments);
  runtime::StoreSchema schema = storeSchemaOf(program.schema);
  std::optional<std::vector<std::size_t>> memberFields = memberColumns(options, schema);
  if (!memberFields) return 2;
  jit::CompiledEngine engine = jit::compileEngine(
      options.engine == RunEngine::Jit ? jit::EngineKind::Jit : jit::EngineKind::Interpreter, plan,
      jit::ObjectCache::defaultDirectory());
  if (!engine.note.empty()) fmt::print(stderr, "seg run: {}\n", engine.note);
  double compileMs = millisecondsSince(compileStart);

  auto dataStart = Clock::now();
  runtime::OpenedData data = runtime::openData(
      {options.data, options.threads, options.maxErrors, isatty(STDERR_FILENO) != 0}, &schema);
  if (data.loadReport) std::fputs(data.loadReport->render().c_str(), stderr);
  if (!data.store) {
    fmt::print(stderr, "seg run: {}\n", data.error);
    return 1;
  }
  double dataMs = millisecondsSince(dataStart);
  if (!data.changeLogNote.empty()) fmt::print(stderr, "seg run: {}\n", data.changeLogNote);
  const runtime::Store& store = *data.store;

  auto runStart = Clock::now();
  base::Expected<exec::RunResult> ran =
      exec::execute(plan, store, {now, options.threads}, jit::kernelFactory(engine));
  double runMs = millisecondsSince(runStart);
  if (!ran) {
    fmt::print(stderr, "seg run: {}\n", ran.error());
    return 1;
  }
  const exec::RunResult& result = *ran;
  if (!result.fallback.empty()) fmt::print(stderr, "seg run: {}\n", result.fallback);

  report::RunReport report = report::buildReport(
      plan, result, store.contacts.rows, options.segments,
      {.scoreStatistics = true, .findings = true, .minMembers = options.minSize});
  report::RunContext& context = report.context;
  context.now = now;
  context.engine = result.engine;
  context.threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  context.dataPath = options.data;
  context.snapshot = data.snapshot;
  context.dataMs = dataMs;
  context.compileMs = compileMs;
  context.runMs = runMs;
  context.showTimings = !options.noTimings;

  std::string text = options.format == RunFormat::Json  ? report::formatJson(report)
                     : options.format == RunFormat::Csv ? report::formatCsv(report)
                                                        : report::formatTable(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (options.format != RunFormat::Table) // the table shows them; a pipe's reader may not
    for (const report::Finding& f : report.findings)
      fmt::print(stderr, "warning: {}\n", f.message);

  if (!options.membersDir.empty()) return writeMembers(options, report, store, *memberFields);
  return 0;
}

} // namespace seg::cli

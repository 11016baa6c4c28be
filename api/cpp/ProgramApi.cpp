// seg::Program: compiling source against its schema, and running the lowered plan with
// the JIT (compiled once per selection, on first use) or the interpreter.
#include "Detail.h"
#include "RunResultBuilder.h"
#include "jit/ObjectCache.h"
#include "load/ValueParser.h"
#include "plan/Lowering.h"
#include "plan/PlanPrinter.h"
#include "plan/PlanSelection.h"
#include "sema/StoreSchemaOf.h"
#include "snapshot/SchemaDiff.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <fmt/format.h>

namespace seg {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<Definition> definitionsOf(const CheckedProgram& program) {
  std::vector<Definition> out;
  auto add = [&](const std::string& name, DefinitionKind kind, const Decl& decl) {
    Definition d{name, kind, "", 0};
    if (decl.range.valid()) {
      d.file = program.sources.file(decl.range.file).path();
      d.line = static_cast<int>(decl.range.begin.line);
    }
    out.push_back(std::move(d));
  };
  for (const Decl* decl : program.evaluationOrder) {
    if (decl->kind == DeclKind::Segment)
      add(decl->as<SegmentDecl>().name.text, DefinitionKind::Segment, *decl);
    else if (decl->kind == DeclKind::Partition)
      add(decl->as<PartitionDecl>().name.text, DefinitionKind::Partition, *decl);
    else if (decl->kind == DeclKind::Score)
      add(decl->as<ScoreDecl>().name.text, DefinitionKind::Score, *decl);
  }
  for (const MetricDecl* metric : program.metrics)
    add(metric->name.text, DefinitionKind::Metric, *metric);
  return out;
}

Expected<Program> compileInputs(const std::vector<CompileInput>& inputs,
                                const CompileOptions& options) {
  CompileSettings settings;
  settings.stdlibDir = detail::stdlibDirectory(options.stdlibDir);
  auto compilation = std::make_unique<Compilation>(compile(inputs, settings));
  if (!compilation->ok()) return detail::compileError(*compilation);
  const CheckedProgram& checked = *compilation->program;
  if (checked.schema.keyField < 0)
    return Error(ErrorCode::InvalidArgument,
                 "the program declares no schema with a contact key: import the schema file, or "
                 "compile the source with CompileOptions::schema (e.g. a dataset's schema)");
  auto data = std::make_shared<detail::ProgramData>(
      plan::lowerProgram(checked), Schema(detail::makeSchemaData(storeSchemaOf(checked.schema))));
  data->cacheDirectory = options.codeCacheDirectory ? *options.codeCacheDirectory
                                                    : jit::ObjectCache::defaultDirectory();
  data->definitions = definitionsOf(checked);
  data->warnings = detail::publicDiagnostics(*compilation, false, true);
  data->renderedWarnings = detail::renderAll(*compilation, false, true);
  data->compilation = std::move(compilation);
  return Program(std::move(data));
}

// The selection, checked against the program's segments, partitions and metrics.
std::optional<Error> checkSelection(const std::vector<std::string>& names, const plan::Plan& plan) {
  const auto [reportable, others] = plan::selectableNames(plan);
  std::vector<std::string> selectable = reportable;
  for (const plan::Metric& metric : plan.metrics)
    selectable.push_back(metric.name);
  for (const std::string& name : names) {
    if (std::find(selectable.begin(), selectable.end(), name) != selectable.end()) continue;
    if (std::find(others.begin(), others.end(), name) != others.end())
      return Error(ErrorCode::InvalidArgument,
                   fmt::format("definitions: '{}' is a score; a selection names segments, "
                               "partitions and metrics",
                               name));
    return detail::notFound("segment, partition or metric", name, selectable);
  }
  return std::nullopt;
}

std::vector<std::string> sortedSelection(std::vector<std::string> selection) {
  std::sort(selection.begin(), selection.end());
  selection.erase(std::unique(selection.begin(), selection.end()), selection.end());
  return selection;
}

struct PreparedRun {
  std::shared_ptr<const plan::Plan> plan;
  jit::CompiledEngine engine;
  double compileMs = 0; // spent now, on first use of this (engine, selection)
  // Engine::Auto before the code is ready: requested when it is, so the interpreted run
  // stops at a batch boundary and the code answers instead.
  std::optional<std::stop_source> codeReady;
  std::vector<std::string> selection; // sorted: the key the code is compiled under
};

// Runs of Engine::Auto interpret while the code is compiled, and whichever is first answers:
// a small data set is interpreted before LLVM is done, a large one waits for the code
// (compile and run beat the interpreter from 30 000–200 000 contacts, bench/README.md).
void withdraw(detail::EngineCache& cache, const std::vector<std::string>& selection,
              const std::stop_source& waiter) {
  std::lock_guard lock(cache.mutex);
  auto [begin, end] = cache.waiting.equal_range(selection);
  for (auto it = begin; it != end; ++it)
    if (it->second == waiter) {
      cache.waiting.erase(it);
      return;
    }
}

PreparedRun prepare(const std::shared_ptr<const detail::ProgramData>& program,
                    const RunOptions& options) {
  std::vector<std::string> selection = sortedSelection(options.definitions);
  bool jitRequested = options.engine != Engine::Interpreter;
  auto key = std::make_pair(jitRequested, selection);
  detail::EngineCache& cache = program->engines;
  // Compiling under the lock: runs that need this code would wait for it anyway.
  std::lock_guard lock(cache.mutex);
  PreparedRun out;
  auto start = Clock::now();
  if (selection.empty()) {
    out.plan = std::shared_ptr<const plan::Plan>(program, &program->plan);
  } else {
    // Owned by the cache, not by the program: a plan pointing back at it would never go.
    auto& selected = cache.plans[selection];
    if (!selected)
      selected = std::make_shared<const plan::Plan>(plan::selectSlots(program->plan, selection));
    out.plan = selected;
  }
  auto engine = cache.engines.find(key);
  if (engine == cache.engines.end() && options.engine == Engine::Auto) {
    // Answer now with the interpreter; the code is made beside it, for the runs after.
    if (cache.compiling.insert(selection).second)
      // The plan outlives the thread: compilers are joined first when the program goes. A
      // shared_ptr here could make the thread the program's last owner, joining itself.
      cache.compilers.emplace_back([&cache, key, plan = out.plan.get(),
                                    directory = program->cacheDirectory] {
        jit::CompiledEngine compiled = jit::compileEngine(jit::EngineKind::Jit, *plan, directory);
        bool useful = compiled.program != nullptr; // else the interpreter it would stop is it
        std::lock_guard done(cache.mutex);
        cache.engines.emplace(key, std::move(compiled));
        cache.compiling.erase(key.second);
        auto [begin, end] = cache.waiting.equal_range(key.second);
        for (auto it = begin; it != end; ++it)
          if (useful) it->second.request_stop();
        cache.waiting.erase(begin, end);
      });
    out.codeReady.emplace();
    out.selection = selection;
    cache.waiting.emplace(selection, *out.codeReady);
    out.compileMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return out; // no JIT code yet: the interpreter runs until it is ready
  }
  if (engine == cache.engines.end())
    engine = cache.engines
                 .emplace(key, jit::compileEngine(jitRequested ? jit::EngineKind::Jit
                                                               : jit::EngineKind::Interpreter,
                                                  *out.plan, program->cacheDirectory))
                 .first;
  out.engine = engine->second;
  out.compileMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

} // namespace

Program::Program(std::shared_ptr<const detail::ProgramData> data) : data_(std::move(data)) {}

Expected<Program> Program::compileFiles(const std::vector<std::string>& paths,
                                        const CompileOptions& options) {
  if (paths.empty()) return Error(ErrorCode::InvalidArgument, "no program files given");
  std::vector<CompileInput> inputs;
  for (const std::string& path : paths) {
    if (path.empty()) return Error(ErrorCode::InvalidArgument, "an empty program file path");
    inputs.push_back({path, {}, false, {}});
  }
  try {
    return compileInputs(inputs, options);
  } catch (const std::exception& e) {
    return Error(ErrorCode::Internal, fmt::format("internal error while compiling: {}", e.what()));
  }
}

Expected<Program> Program::compileSource(std::string_view text, const CompileOptions& options) {
  std::vector<CompileInput> inputs;
  if (options.schema)
    inputs.push_back({"<schema>", options.schema->toSource(), true, options.importDir});
  inputs.push_back({options.sourceName, std::string(text), true, options.importDir});
  try {
    return compileInputs(inputs, options);
  } catch (const std::exception& e) {
    return Error(ErrorCode::Internal, fmt::format("internal error while compiling: {}", e.what()));
  }
}

const Schema& Program::schema() const {
  return data_->schema;
}

const std::vector<Definition>& Program::definitions() const {
  return data_->definitions;
}

const std::vector<Diagnostic>& Program::warnings() const {
  return data_->warnings;
}

std::string Program::explain() const {
  const plan::StoreSchema names = storeSchemaOf(data_->compilation->program->schema);
  return plan::printPlan(data_->plan, &names);
}

std::string Program::explain(const std::vector<std::string>& definitions) const {
  if (definitions.empty()) return explain();
  const plan::StoreSchema names = storeSchemaOf(data_->compilation->program->schema);
  return plan::printPlan(plan::selectSlots(data_->plan, definitions), &names);
}

Expected<Result> Program::run(const Dataset& dataset, const RunOptions& options) const {
  return detail::runProgram(data_, dataset, options, {});
}

namespace detail {

Expected<Result> runProgram(const std::shared_ptr<const ProgramData>& program,
                            const Dataset& dataset, const RunOptions& options,
                            const exec::RankFiller& ranks) {
  const detail::DatasetData& data = *dataset.data();
  if (auto difference = runtime::schemaDifference(data.store.schema, program->schema.data().store))
    return Error(ErrorCode::SchemaMismatch,
                 fmt::format("the dataset's schema differs from the program's: {}", *difference));
  Expected<std::int64_t> now = detail::evaluationTime(options);
  if (!now) return now.error();
  if (auto error = checkSelection(options.definitions, program->plan)) return *error;
  try {
    auto start = Clock::now();
    PreparedRun prepared = prepare(program, options);
    auto execute = [&](std::stop_token stop) {
      exec::RunOptions run(*now, options.threads, std::move(stop));
      run.ranks = ranks;
      return exec::execute(*prepared.plan, data.store, run, jit::kernelFactory(prepared.engine));
    };
    auto answerStart = Clock::now();
    base::Expected<exec::RunResult> run = exec::RunResult{};
    if (prepared.codeReady) {
      std::stop_source codeReady = *prepared.codeReady;
      {
        std::stop_callback forward(options.stop, [&codeReady] { codeReady.request_stop(); });
        run = execute(codeReady.get_token());
      }
      withdraw(program->engines, prepared.selection, codeReady);
      if (run && run->cancelled && !options.stop.stop_requested()) {
        // The code was ready before the interpreter was done: it answers.
        prepared = prepare(program, options);
        answerStart = Clock::now();
        run = execute(options.stop);
      }
    } else {
      run = execute(options.stop);
    }
    if (!run)
      return Error(ErrorCode::Internal,
                   fmt::format("internal error while running: {}", run.error()));
    if (run->cancelled) return Error(ErrorCode::Cancelled, "the run was cancelled");
    // Compile: until the engine that answered started (for Auto, the wait for the code).
    prepared.compileMs = std::chrono::duration<double, std::milli>(answerStart - start).count();
    double runMs = std::chrono::duration<double, std::milli>(Clock::now() - answerStart).count();
    detail::RunFacts facts{*now,
                           options.threads,
                           run->fallback.empty() ? prepared.engine.note : run->fallback,
                           prepared.compileMs,
                           runMs,
                           options.definitions,
                           options.minSegmentSize};
    return Result(
        detail::buildResult(program, prepared.plan, dataset.data(), std::move(*run), facts));
  } catch (const std::exception& e) {
    return Error(ErrorCode::Internal, fmt::format("internal error while running: {}", e.what()));
  }
}

Expected<std::int64_t> evaluationTime(const RunOptions& options) {
  if (options.nowMicros) return *options.nowMicros;
  if (options.now.empty())
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  runtime::Parsed<std::int64_t> parsed = runtime::parseTimestamp(options.now);
  if (!parsed.ok()) {
    std::string_view why = runtime::errorFragment(parsed.error);
    // Most reasons show a timestamp already; the others get one.
    bool hasExample = why.find(" like ") != std::string_view::npos;
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("now: value '{}' {}{}", options.now, why,
                             hasExample ? "" : " (write e.g. 2026-11-01T00:00:00Z)"));
  }
  return parsed.value;
}

} // namespace detail

} // namespace seg

// The state behind the public handles (seg::Schema, Dataset, Program, Result): internal
// types of libseg, shared by the C++ and C API implementations, never installed.
#pragma once

#include "driver/Compilation.h"
#include "exec/Executor.h"
#include "jit/EngineChoice.h"
#include "load/ContactKeys.h"
#include "plan/Plan.h"
#include "report/RunReport.h"
#include "seg/Dataset.h"
#include "seg/Program.h"
#include "seg/Result.h"
#include "seg/Schema.h"
#include "store/Store.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <thread>

namespace seg::detail {

struct SchemaData {
  runtime::StoreSchema store;
  std::vector<Field> fields;
  std::vector<EventType> events; // properties without `at`
};

std::shared_ptr<const SchemaData> makeSchemaData(runtime::StoreSchema store);

struct DatasetData {
  Schema schema;
  runtime::Store store;
  bool snapshot = false;
  std::string loadReport;
  std::uint64_t rejectedRows = 0;
  std::vector<std::string> bindNotes;
  // Caller memory and copies the store's columns point into.
  std::vector<std::shared_ptr<const void>> keepAlive;
  // Key → row, made on the first Dataset::findContact (shared by copies of the data).
  struct ContactIndex {
    std::once_flag once;
    std::unique_ptr<runtime::ContactKeys> keys;
  };
  std::shared_ptr<ContactIndex> contactIndex = std::make_shared<ContactIndex>();
};

// One compiled engine per (engine, selection), made on first use.
struct EngineCache {
  std::mutex mutex;
  std::map<std::vector<std::string>, std::shared_ptr<const plan::Plan>> plans; // selections
  std::map<std::pair<bool, std::vector<std::string>>, jit::CompiledEngine> engines;
  // Engine::Auto: selections whose JIT code is being compiled in the background, and the
  // interpreted runs of them that stop (to run again with the code) once it is ready.
  std::set<std::vector<std::string>> compiling;
  std::multimap<std::vector<std::string>, std::stop_source> waiting;
  // Last, so they are joined before anything they use is destroyed.
  std::vector<std::jthread> compilers;
};

struct ProgramData {
  ProgramData(plan::Plan p, Schema s) : plan(std::move(p)), schema(std::move(s)) {}

  std::unique_ptr<Compilation> compilation; // the checked program: sources, schema, declarations
  plan::Plan plan;
  Schema schema;
  std::vector<Definition> definitions;
  std::vector<Diagnostic> warnings;
  std::string renderedWarnings;
  std::string cacheDirectory; // the JIT's on-disk code cache; empty: none
  mutable EngineCache engines;
};

struct ResultData {
  std::shared_ptr<const ProgramData> program; // the plan and declarations the report names
  std::shared_ptr<const plan::Plan> plan;
  std::shared_ptr<const DatasetData> dataset;
  exec::RunResult run;
  // Score statistics and findings are filled on first use (under once_flags), hence mutable.
  mutable report::RunReport report;
  std::string engineNote;
  // Members of segments, then of each partition's branches, in report order.
  struct MemberEntry {
    std::string name;
    const report::Bitmap* bits = nullptr;
    std::uint64_t count = 0;
    double percent = 0;
    mutable std::once_flag keysOnce;
    mutable std::vector<std::int64_t> intKeys;
    mutable std::once_flag rowsOnce;
    mutable std::vector<std::uint32_t> rows;
    mutable std::once_flag textOnce;
    mutable std::vector<std::string> textKeys;
  };
  std::vector<std::unique_ptr<MemberEntry>> members;
  struct ScoreEntry {
    std::string name;
    std::size_t slot = 0; // into run.bound->slots
    report::ScoreReport* report = nullptr;
    mutable std::once_flag statisticsOnce;
    mutable std::once_flag nanOnce;
    mutable std::vector<double> withNaN;
  };
  std::vector<std::unique_ptr<ScoreEntry>> scores;
  std::vector<Metric> metrics;
  std::uint64_t minSegmentSize = 0; // the too-small bound of the findings (0: the default)
  mutable std::once_flag findingsOnce;
  mutable std::vector<Finding> findings; // made on first use, with report.findings
};

// The report with every score's statistics computed (each once, whoever asks first).
const report::RunReport& completeReport(const ResultData& data);
const std::vector<Finding>& findings(const ResultData& data);
const report::ScoreReport& scoreStatistics(const ResultData& data, std::size_t score);

// Diagnostics of a compilation as public values (rendered as `seg check` renders them).
std::vector<Diagnostic> publicDiagnostics(const Compilation& compilation, bool errors,
                                          bool warnings);
std::string renderAll(const Compilation& compilation, bool errors, bool warnings);
Error compileError(const Compilation& compilation);

// Where Deltas::key reads: a store of the contacts' key column only (the other columns
// empty), current as of the evaluation.
struct DeltaKeys {
  runtime::Store store;
};

// RunOptions' evaluation time (nowMicros, else `now` parsed, else the wall clock).
Expected<std::int64_t> evaluationTime(const RunOptions& options);

// Program::run, with the ranks filled by `ranks` when it is given (live evaluations).
Expected<Result> runProgram(const std::shared_ptr<const ProgramData>& program,
                            const Dataset& dataset, const RunOptions& options,
                            const exec::RankFiller& ranks);

// The standard library folder for a compilation (see StdlibLocation.cpp).
std::string stdlibDirectory(const std::string& requested);

// The members entry or partition of `name`, with a did-you-mean NotFound error.
Error notFound(std::string_view what, std::string_view name, const std::vector<std::string>& known);

} // namespace seg::detail

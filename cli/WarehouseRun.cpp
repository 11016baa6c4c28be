// `seg run --engine postgres|clickhouse`: translates every selected segment and partition,
// and without --segment every score and metric (refusing to run anything when one does not
// translate, naming each), runs the queries on the server (runtime/warehouse/WarehouseRun.h)
// and prints the report the local engines print. Member files list the members in key order;
// a pii key is masked unless allowed.
#include "WarehouseRun.h"

#include "MemberColumns.h"
#include "plan/Lowering.h"
#include "report/MembersWriter.h"
#include "report/PiiMask.h"
#include "report/ResultFormat.h"
#include "report/RunReport.h"
#include "report/SegmentFindings.h"
#include "sema/StoreSchemaOf.h"
#include "sql/SqlMetrics.h"
#include "sql/SqlScores.h"
#include "sql/SqlSegments.h"
#include "warehouse/PgSession.h"
#include "warehouse/WarehouseRun.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <unordered_map>

namespace seg::cli {
namespace {

using Clock = std::chrono::steady_clock;

bool selected(const RunOptions& options, const std::string& name) {
  return options.segments.empty() || std::find(options.segments.begin(), options.segments.end(),
                                               name) != options.segments.end();
}

// DIR/<name>.csv holding the key (and member fields) of each member, written to a temporary
// file renamed into place like the local engines' files; personal data masked unless allowed.
std::optional<std::string> writeMemberFile(const RunOptions& options, const std::string& name,
                                           const runtime::StoreSchema& schema,
                                           const std::vector<std::size_t>& columns,
                                           const warehouse::ContactKeys& contacts,
                                           const report::Bitmap& bits) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(options.membersDir) / (name + ".csv");
  fs::path temporary = fs::path(options.membersDir) / ("." + name + ".csv.tmp");
  std::string text;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) text += ',';
    report::appendCsvField(text, schema.contactFields[columns[i]].name);
  }
  text += '\n';
  auto append = [&](const runtime::ColumnSpec& spec, const std::string& value) {
    report::appendCsvField(text, spec.isPii && !options.allowPii ? report::maskPii(value, spec.kind)
                                                                 : value);
  };
  for (std::size_t word = 0; word < bits.size(); ++word)
    for (std::uint64_t w = bits[word]; w != 0; w &= w - 1) {
      std::size_t row = word * 64 + static_cast<std::size_t>(__builtin_ctzll(w));
      append(schema.contactFields[columns[0]], contacts.keys[row]);
      for (std::size_t i = 1; i < columns.size(); ++i) {
        text += ',';
        const std::optional<std::string>& value = contacts.fields[row][i - 1];
        if (value) append(schema.contactFields[columns[i]], *value); // null: an empty field
      }
      text += '\n';
    }
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  bool ok = file != nullptr && std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (file != nullptr && std::fclose(file) != 0) ok = false;
  std::error_code ec;
  if (ok) fs::rename(temporary, target, ec);
  if (!ok || ec) {
    fs::remove(temporary, ec);
    return fmt::format("cannot write {}", target.string());
  }
  return std::nullopt;
}

int writeMembers(const RunOptions& options, const report::RunReport& report,
                 const warehouse::ContactKeys& contacts, const runtime::StoreSchema& schema,
                 const std::vector<std::size_t>& columns) {
  std::error_code ec;
  std::filesystem::create_directories(options.membersDir, ec);
  if (ec) {
    fmt::print(stderr, "seg run: cannot create {}: {}\n", options.membersDir, ec.message());
    return 1;
  }
  if (!options.allowPii) notePiiMasking(schema, columns);
  std::size_t written = 0;
  auto writeOne = [&](const std::string& name, const report::Bitmap& bits) {
    return writeMemberFile(options, name, schema, columns, contacts, bits);
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

int runOnWarehouse(const RunOptions& options, const CheckedProgram& program, std::int64_t now,
                   double compileMs) {
  const bool clickhouse = options.engine == RunEngine::ClickHouse;
  const char* engine = clickhouse ? "clickhouse" : "postgres";
  const runtime::StoreSchema schema = storeSchemaOf(program.schema);
  std::optional<std::vector<std::size_t>> memberColumns = seg::cli::memberColumns(options, schema);
  if (!memberColumns) return 2;
  auto compileStart = Clock::now();
  // Strings stay text operations: SQL evaluates them itself, no lookup tables.
  plan::Plan plan = plan::lowerProgram(program, plan::LoweringOptions{false});
  sql::QueryContext context{plan,
                            program.schema,
                            clickhouse ? sql::Dialect::ClickHouse : sql::Dialect::Postgres,
                            sql::TableNames{options.tablePrefix},
                            now,
                            options.eventsNameContacts};
  std::vector<sql::SegmentQuery> queries;
  std::vector<std::int32_t> slots;
  bool untranslated = false;
  auto refuse = [&](const std::string& error) {
    if (error.empty()) return false;
    fmt::print(stderr, "seg run: {}\n", error);
    untranslated = true;
    return true;
  };
  for (std::size_t i = 0; i < plan.slots.size(); ++i) {
    const plan::Slot& slot = plan.slots[i];
    if (!slot.definition) continue;
    if (slot.kind != plan::SlotKind::Segment && slot.kind != plan::SlotKind::Partition) continue;
    if (!selected(options, slot.name)) continue;
    queries.push_back(sql::segmentQuery(context, static_cast<std::int32_t>(i)));
    slots.push_back(static_cast<std::int32_t>(i));
    refuse(queries.back().error);
  }
  // Scores and metrics are reported without --segment only, as by the local engines.
  std::vector<sql::ScoreQuery> scores;
  std::vector<sql::MetricQuery> metrics;
  if (options.segments.empty()) {
    for (sql::ScoreQuery& score : sql::scoreQueries(context))
      if (!refuse(score.error)) scores.push_back(std::move(score));
    for (sql::MetricQuery& metric : sql::metricQueries(context))
      if (!refuse(metric.error)) metrics.push_back(std::move(metric));
  }
  if (untranslated) {
    fmt::print(stderr,
               "seg run: --engine {} runs nothing when a definition does not translate; pass "
               "--segment to run the others\n",
               engine);
    return 1;
  }
  compileMs += std::chrono::duration<double, std::milli>(Clock::now() - compileStart).count();

  std::string error;
  std::unique_ptr<warehouse::QueryRunner> runner;
  if (clickhouse) {
    if (std::optional<warehouse::ChAddress> address = warehouse::parseChAddress(options.url, error))
      runner = warehouse::connectClickHouse(*address, error);
  } else {
    runner = warehouse::connectPostgres(options.dsn, error);
  }
  if (!runner) {
    fmt::print(stderr, "seg run: cannot connect to the server: {}\n", error);
    return 1;
  }
  const runtime::ColumnSpec& key = schema.contactFields[schema.keyField];
  std::vector<const runtime::ColumnSpec*> fieldSpecs;
  for (std::size_t i = 1; i < memberColumns->size(); ++i)
    fieldSpecs.push_back(&schema.contactFields[(*memberColumns)[i]]);
  auto runStart = Clock::now();
  warehouse::WarehouseRun run = warehouse::runQueries(
      *runner, plan, queries, slots, scores, metrics, context.names.contacts(),
      sql::quoteIdentifier(key.name), options.minSize, context.dialect, fieldSpecs);
  if (!run.error.empty()) {
    fmt::print(stderr, "seg run: {}\n", run.error);
    return 1;
  }
  report::RunReport& report = run.report;
  const warehouse::ContactKeys& keys = run.contacts;
  const double dataMs = run.dataMs;
  report::RunContext& c = report.context;
  c.now = now;
  c.engine = clickhouse ? "clickhouse" : "postgres";
  c.threads = 1;
  c.dataPath = warehouse::withoutPassword(clickhouse ? options.url : options.dsn);
  c.dataMs = dataMs;
  c.compileMs = compileMs;
  c.runMs = std::chrono::duration<double, std::milli>(Clock::now() - runStart).count() - dataMs;
  c.showTimings = !options.noTimings;
  c.only = options.segments; // empty: every segment, partition, score and metric

  std::string text = options.format == RunFormat::Json  ? report::formatJson(report)
                     : options.format == RunFormat::Csv ? report::formatCsv(report)
                                                        : report::formatTable(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (options.format != RunFormat::Table)
    for (const report::Finding& f : report.findings)
      fmt::print(stderr, "warning: {}\n", f.message);
  if (!options.membersDir.empty())
    return writeMembers(options, report, keys, schema, *memberColumns);
  return 0;
}

} // namespace seg::cli

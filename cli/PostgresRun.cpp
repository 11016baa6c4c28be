// `seg run --engine postgres`: translates every selected segment and partition (refusing to
// run anything when one does not translate, naming each), counts the contacts on the server,
// runs the queries there and fills the report the local engines print. Member files list
// the members in key order; personal data in the key is masked unless allowed.
#include "PostgresRun.h"

#include "plan/Lowering.h"
#include "report/MembersWriter.h"
#include "report/PiiMask.h"
#include "report/ResultFormat.h"
#include "report/RunReport.h"
#include "report/SegmentFindings.h"
#include "sql/SqlSegments.h"
#include "warehouse/PgSession.h"

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

double percentOf(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

bool selected(const RunOptions& options, const std::string& name) {
  return options.segments.empty() || std::find(options.segments.begin(), options.segments.end(),
                                               name) != options.segments.end();
}

// The server's contacts in key order: row r of the report is keys[r].
struct ContactKeys {
  std::vector<std::string> keys;
  std::unordered_map<std::string, std::size_t> rows;

  void set(report::Bitmap& bits, const std::string& key) const {
    auto it = rows.find(key);
    if (it != rows.end()) bits[it->second >> 6] |= std::uint64_t{1} << (it->second & 63);
  }
};

// DIR/<name>.csv holding the key of each member, written to a temporary file renamed into
// place like the local engines' files.
std::optional<std::string> writeKeyFile(const std::string& dir, const std::string& name,
                                        const std::string& header, const ContactKeys& contacts,
                                        const report::Bitmap& bits, bool mask,
                                        runtime::ValueKind kind) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(dir) / (name + ".csv");
  fs::path temporary = fs::path(dir) / ("." + name + ".csv.tmp");
  std::string text;
  report::appendCsvField(text, header);
  text += '\n';
  for (std::size_t word = 0; word < bits.size(); ++word)
    for (std::uint64_t w = bits[word]; w != 0; w &= w - 1) {
      std::size_t row = word * 64 + static_cast<std::size_t>(__builtin_ctzll(w));
      report::appendCsvField(text,
                             mask ? report::maskPii(contacts.keys[row], kind) : contacts.keys[row]);
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
                 const ContactKeys& contacts, const runtime::ColumnSpec& key) {
  std::error_code ec;
  std::filesystem::create_directories(options.membersDir, ec);
  if (ec) {
    fmt::print(stderr, "seg run: cannot create {}: {}\n", options.membersDir, ec.message());
    return 1;
  }
  const bool mask = key.isPii && !options.allowPii;
  if (mask)
    fmt::print(stderr,
               "seg run: the contact key '{}' is personal data (pii): member files hold it "
               "masked; pass --allow-pii to write it in clear\n",
               key.name);
  std::size_t written = 0;
  auto writeOne = [&](const std::string& name, const report::Bitmap& bits) {
    return writeKeyFile(options.membersDir, name, key.name, contacts, bits, mask, key.kind);
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

int runOnPostgres(const RunOptions& options, const CheckedProgram& program, std::int64_t now,
                  double compileMs) {
  if (!options.memberFields.empty()) {
    fmt::print(stderr, "seg run: --member-fields is not supported with --engine postgres yet "
                       "(member files hold the key)\n");
    return 2;
  }
  auto compileStart = Clock::now();
  // Strings stay text operations: SQL evaluates them itself, no lookup tables.
  plan::Plan plan = plan::lowerProgram(program, plan::LoweringOptions{false});
  sql::QueryContext context{plan, program.schema, sql::Dialect::Postgres,
                            sql::TableNames{options.tablePrefix}, now};
  std::vector<sql::SegmentQuery> queries;
  std::vector<std::int32_t> slots;
  std::vector<std::string> notRun; // scores and metrics
  bool untranslated = false;
  for (std::size_t i = 0; i < plan.slots.size(); ++i) {
    const plan::Slot& slot = plan.slots[i];
    if (!slot.definition) continue;
    if (slot.kind == plan::SlotKind::Score) notRun.push_back(slot.name);
    if (slot.kind != plan::SlotKind::Segment && slot.kind != plan::SlotKind::Partition) continue;
    if (!selected(options, slot.name)) continue;
    queries.push_back(sql::segmentQuery(context, static_cast<std::int32_t>(i)));
    slots.push_back(static_cast<std::int32_t>(i));
    if (!queries.back().error.empty()) {
      fmt::print(stderr, "seg run: {}\n", queries.back().error);
      untranslated = true;
    }
  }
  if (untranslated) {
    fmt::print(stderr, "seg run: --engine postgres runs nothing when a definition does not "
                       "translate; pass --segment to run the others\n");
    return 1;
  }
  for (const plan::Metric& metric : plan.metrics)
    notRun.push_back(metric.name);
  if (options.segments.empty() && !notRun.empty())
    fmt::print(stderr,
               "seg run: --engine postgres runs segments and partitions only; not run: {}\n",
               fmt::join(notRun, ", "));
  compileMs += std::chrono::duration<double, std::milli>(Clock::now() - compileStart).count();

  auto dataStart = Clock::now();
  std::string error;
  std::optional<warehouse::Session> session = warehouse::Session::connect(options.dsn, error);
  if (!session) {
    fmt::print(stderr, "seg run: cannot connect to the server: {}\n", error);
    return 1;
  }
  const runtime::StoreSchema schema = runtime::storeSchemaOf(program.schema);
  const runtime::ColumnSpec& key = schema.contactFields[schema.keyField];
  const std::string contactsTable = context.names.contacts();
  warehouse::Reply counted = session->exec("SELECT count(*) FROM " + contactsTable);
  if (!counted.ok()) {
    fmt::print(stderr, "seg run: counting the contacts: {}\n", counted.error);
    return 1;
  }
  std::uint64_t contacts = 0;
  const std::string countText = counted.rows() == 1 ? counted.text(0, 0) : "";
  if (std::from_chars(countText.data(), countText.data() + countText.size(), contacts).ec !=
      std::errc()) {
    fmt::print(stderr, "seg run: counting the contacts: the server answered '{}'\n", countText);
    return 1;
  }
  // The keys, so that members become rows of a bitmap (findings, member files).
  warehouse::Reply keyRows = session->exec(fmt::format(
      "SELECT {0} FROM {1} ORDER BY {0}", sql::quoteIdentifier(key.name), contactsTable));
  if (!keyRows.ok()) {
    fmt::print(stderr, "seg run: reading the contact keys: {}\n", keyRows.error);
    return 1;
  }
  ContactKeys keys;
  keys.keys.reserve(static_cast<std::size_t>(keyRows.rows()));
  for (int r = 0; r < keyRows.rows(); ++r) {
    keys.keys.push_back(keyRows.text(r, 0));
    keys.rows.emplace(keys.keys.back(), static_cast<std::size_t>(r));
  }
  double dataMs = std::chrono::duration<double, std::milli>(Clock::now() - dataStart).count();

  auto runStart = Clock::now();
  report::RunReport report;
  report.definitionsPerStage.assign(static_cast<std::size_t>(std::max(plan.stageCount, 1)), 0);
  const std::size_t words = (keys.keys.size() + 63) / 64;
  // Per stage, the time its definitions' queries took on the server (the table's `time`).
  report.context.timings.stageMs.assign(report.definitionsPerStage.size(), 0.0);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const plan::Slot& slot = plan.slots[static_cast<std::size_t>(slots[q])];
    if (slot.stage >= 0 && static_cast<std::size_t>(slot.stage) < report.definitionsPerStage.size())
      ++report.definitionsPerStage[static_cast<std::size_t>(slot.stage)];
    auto queryStart = Clock::now();
    warehouse::Reply rows = session->exec(queries[q].sql);
    if (slot.stage >= 0 &&
        static_cast<std::size_t>(slot.stage) < report.context.timings.stageMs.size())
      report.context.timings.stageMs[static_cast<std::size_t>(slot.stage)] +=
          std::chrono::duration<double, std::milli>(Clock::now() - queryStart).count();
    if (!rows.ok()) {
      fmt::print(stderr, "seg run: {} {}: the server refused the query: {}\n",
                 queries[q].partition ? "partition" : "segment", slot.name, rows.error);
      return 1;
    }
    if (!queries[q].partition) {
      report::SegmentReport s{slot.name, slots[q], slot.stage, 0, 0, report::Bitmap(words)};
      s.members = static_cast<std::uint64_t>(rows.rows());
      s.percent = percentOf(s.members, contacts);
      for (int r = 0; r < rows.rows(); ++r)
        keys.set(s.bits, rows.text(r, 0));
      report.segments.push_back(std::move(s));
      continue;
    }
    report::PartitionReport p{slot.name, slot.stage, {}, 0, 0};
    for (const std::string& branch : slot.branches)
      p.branches.push_back({branch, 0, 0, report::Bitmap(words)});
    std::uint64_t assigned = 0;
    for (int r = 0; r < rows.rows(); ++r) {
      if (rows.isNull(r, 1)) continue;
      std::string branch = rows.text(r, 1);
      auto it = std::find_if(p.branches.begin(), p.branches.end(),
                             [&](const report::BranchReport& b) { return b.name == branch; });
      if (it == p.branches.end()) {
        fmt::print(stderr, "seg run: partition {}: the server answered a branch '{}' it lacks\n",
                   slot.name, branch);
        return 1;
      }
      ++it->members;
      ++assigned;
      keys.set(it->bits, rows.text(r, 0));
    }
    for (report::BranchReport& b : p.branches)
      b.percent = percentOf(b.members, contacts);
    p.unassigned = contacts - std::min(contacts, assigned);
    p.unassignedPercent = percentOf(p.unassigned, contacts);
    report.partitions.push_back(std::move(p));
  }
  report.findings = report::findSegmentProblems(plan, report.segments, contacts, options.minSize);

  report::RunContext& c = report.context;
  c.contacts = contacts;
  c.now = now;
  c.engine = "postgres";
  c.threads = 1;
  c.dataPath = warehouse::withoutPassword(options.dsn);
  c.dataMs = dataMs;
  c.compileMs = compileMs;
  c.runMs = std::chrono::duration<double, std::milli>(Clock::now() - runStart).count();
  c.showTimings = !options.noTimings;
  // Scores and metrics are not run: the report says it covers the segments and partitions.
  if (!options.segments.empty())
    c.only = options.segments;
  else if (!notRun.empty())
    for (std::int32_t slot : slots)
      c.only.push_back(plan.slots[static_cast<std::size_t>(slot)].name);

  std::string text = options.format == RunFormat::Json  ? report::formatJson(report)
                     : options.format == RunFormat::Csv ? report::formatCsv(report)
                                                        : report::formatTable(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (options.format != RunFormat::Table)
    for (const report::Finding& f : report.findings)
      fmt::print(stderr, "warning: {}\n", f.message);
  if (!options.membersDir.empty()) return writeMembers(options, report, keys, key);
  return 0;
}

} // namespace seg::cli

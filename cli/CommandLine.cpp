// The `seg` subcommands' options, one registration function per command: each adds its
// subcommand to the command line and returns how to run it once parsed.
#include "CommandLine.h"

#include <map>
#include <memory>

namespace {

void addColorOption(CLI::App& command, seg::cli::ColorMode& mode) {
  static const std::map<std::string, seg::cli::ColorMode> kModes = {
      {"auto", seg::cli::ColorMode::Auto},
      {"always", seg::cli::ColorMode::Always},
      {"never", seg::cli::ColorMode::Never}};
  command.add_option("--color", mode, "Colour diagnostics: auto, always or never")
      ->transform(CLI::CheckedTransformer(kModes, CLI::ignore_case));
}

// --data (required) and --now, as every command that evaluates on data reads them.
void addDataOptions(CLI::App& command, std::string& data, std::string& now) {
  command
      .add_option("--data", data,
                  "A snapshot (seg import) or a folder with contacts.csv and event files")
      ->required();
  command.add_option("--now", now,
                     "The evaluation time, e.g. 2026-11-01T00:00:00Z (default: the clock)");
}

void addFormatOption(CLI::App& command, seg::cli::RunFormat& format) {
  static const std::map<std::string, seg::cli::RunFormat> kRunFormats = {
      {"table", seg::cli::RunFormat::Table},
      {"csv", seg::cli::RunFormat::Csv},
      {"json", seg::cli::RunFormat::Json}};
  command.add_option("--format", format, "Output: table (default), csv or json")
      ->transform(CLI::CheckedTransformer(kRunFormats, CLI::ignore_case))
      ->option_text("table|csv|json");
}

seg::cli::Registered registerCheck(CLI::App& app) {
  auto options = std::make_shared<seg::cli::CheckOptions>();
  seg::cli::CheckOptions& check = *options;
  CLI::App* checkCommand =
      app.add_subcommand("check", "Check .seg files and report every problem found");
  checkCommand->add_option("files", check.files, "Files to check ('-' reads standard input)")
      ->required();
  checkCommand->add_flag("--ast", check.dumpAst, "Print the checked syntax tree");
  checkCommand->add_flag("-q,--quiet", check.quiet, "Print nothing when the files are clean");
  addColorOption(*checkCommand, check.color);
  return {checkCommand, [options] { return seg::cli::runCheck(*options); }};
}

seg::cli::Registered registerFmt(CLI::App& app) {
  auto options = std::make_shared<seg::cli::FormatOptions>();
  seg::cli::FormatOptions& format = *options;
  CLI::App* fmtCommand = app.add_subcommand("fmt", "Print .seg files in canonical layout");
  fmtCommand->add_option("files", format.files, "Files to format ('-' reads standard input)")
      ->required();
  fmtCommand->add_flag("-w,--write", format.write, "Rewrite the files in place");
  fmtCommand->add_flag("--check", format.check,
                       "List files that are not formatted; exit 1 if there are any");
  addColorOption(*fmtCommand, format.color);
  return {fmtCommand, [options] { return seg::cli::runFormat(*options); }};
}

seg::cli::Registered registerGen(CLI::App& app) {
  auto options = std::make_shared<seg::cli::GenOptions>();
  seg::cli::GenOptions& gen = *options;
  CLI::App* genCommand =
      app.add_subcommand("gen", "Write a realistic, deterministic CRM data set as CSV");
  genCommand->add_option("--contacts", gen.contacts, "Number of contacts (about 20 events each)")
      ->capture_default_str();
  genCommand->add_option("--seed", gen.seed, "Seed: the same seed writes the same bytes")
      ->capture_default_str();
  genCommand->add_option("--out", gen.outDir, "Directory to write contacts.csv and events.csv")
      ->required();
  genCommand->add_option("--now", gen.now,
                         "The data's today, e.g. 2026-11-01T00:00:00Z (the default)");
  return {genCommand, [options] { return seg::cli::runGen(*options); }};
}

seg::cli::Registered registerImport(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ImportOptions>();
  seg::cli::ImportOptions& import = *options;
  CLI::App* importCommand = app.add_subcommand(
      "import", "Load contacts and events (CSV or NDJSON) and write a binary snapshot");
  importCommand->add_option("--schema", import.schemaFiles, "The .seg file(s) declaring the schema")
      ->required();
  importCommand->add_option("--contacts", import.contacts, "The contacts file (.csv, .ndjson)");
  importCommand->add_option("--events", import.events,
                            "An events file: one type per file (TYPE=FILE, or named TYPE.csv) "
                            "or all types with a 'type' column; repeatable");
  importCommand->add_option("--data", import.dataDir,
                            "A folder with contacts.csv and events.csv (or TYPE.csv files)");
  importCommand->add_option("-o,--output", import.output, "The snapshot to write (.segdb)")
      ->required();
  importCommand->add_option("--max-errors", import.maxErrors,
                            "Rejected rows tolerated (default 0: any bad row fails the import)");
  importCommand->add_option("--rejects", import.rejectsDir,
                            "Folder for the rejected rows, unchanged, with their reasons");
  importCommand
      ->add_option("--contact-id-column", import.contactIdColumn,
                   "The events' column holding the contact key")
      ->capture_default_str();
  importCommand->add_option("--from", import.from,
                            "Read a PostgreSQL server's tables instead of files: "
                            "postgres://USER@HOST:PORT/DB (the layout of seg sql --ddl)");
  importCommand->add_option("--contacts-table", import.contactsTable,
                            "--from: the contacts' table (default: contacts)");
  importCommand->add_option("--events-table-prefix", import.eventsTablePrefix,
                            "--from: the event tables' prefix, type T in <prefix>T (default: "
                            "event_)");
  importCommand->add_option("--threads", import.threads, "Threads (default: one per core)");
  importCommand->add_flag(
      "--verify", import.verify,
      "Reopen the snapshot, verify its checksums and compare every value with the data loaded");
  addColorOption(*importCommand, import.color);
  return {importCommand, [options] { return seg::cli::runImport(*options); }};
}

seg::cli::Registered registerInfo(CLI::App& app) {
  auto options = std::make_shared<seg::cli::InfoOptions>();
  seg::cli::InfoOptions& info = *options;
  CLI::App* infoCommand = app.add_subcommand("info", "Describe a snapshot written by seg import");
  infoCommand->add_option("snapshot", info.snapshot, "The snapshot (.segdb)")->required();
  infoCommand->add_option("--schema", info.schemaFiles,
                          "Check that the snapshot matches this program's schema");
  infoCommand->add_flag("--verify", info.verify, "Verify every checksum (reads the whole file)");
  infoCommand->add_flag("--show-schema", info.showSchema, "Print the snapshot's schema");
  addColorOption(*infoCommand, info.color);
  return {infoCommand, [options] { return seg::cli::runInfo(*options); }};
}

seg::cli::Registered registerExplain(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ExplainOptions>();
  seg::cli::ExplainOptions& explain = *options;
  CLI::App* explainCommand =
      app.add_subcommand("explain", "Show the plan (and LLVM IR) a program compiles to");
  explainCommand->add_option("files", explain.files, "The program's files")->required();
  explainCommand->add_flag("--plan", explain.plan, "Print the lowered plan (the default)");
  explainCommand->add_flag("--llvm", explain.llvm, "Print the optimized LLVM IR");
  addColorOption(*explainCommand, explain.color);
  return {explainCommand, [options] { return seg::cli::runExplain(*options); }};
}

seg::cli::Registered registerRun(CLI::App& app) {
  auto options = std::make_shared<seg::cli::RunOptions>();
  seg::cli::RunOptions& run = *options;
  CLI::App* runCommand = app.add_subcommand(
      "run", "Run a program over data: segment members, partitions, scores and metrics");
  runCommand->add_option("files", run.files, "The program's files")->required();
  runCommand->add_option("--data", run.data,
                         "A snapshot (seg import) or a folder with contacts.csv and event files "
                         "(not with --engine postgres)");
  runCommand->add_option("--now", run.now,
                         "The evaluation time, e.g. 2026-11-01T00:00:00Z (default: the clock)");
  runCommand
      ->add_option("--segment", run.segments,
                   "Report (and export) only these segments or partitions; repeatable or "
                   "comma-separated")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  runCommand->add_option("--threads", run.threads, "Threads (default: one per core)");
  addFormatOption(*runCommand, run.format);
  static const std::map<std::string, seg::cli::RunEngine> kRunEngines = {
      {"jit", seg::cli::RunEngine::Jit},
      {"interp", seg::cli::RunEngine::Interpreter},
      {"postgres", seg::cli::RunEngine::Postgres},
      {"clickhouse", seg::cli::RunEngine::ClickHouse}};
  runCommand
      ->add_option("--engine", run.engine,
                   "Executor: jit (default), interp, postgres or clickhouse (the queries of "
                   "`seg sql` on the server of --dsn or --url)")
      ->transform(CLI::CheckedTransformer(kRunEngines, CLI::ignore_case))
      ->option_text("jit|interp|postgres|clickhouse");
  runCommand->add_option("--dsn", run.dsn,
                         "--engine postgres: the server, postgres://USER@HOST:PORT/DB");
  runCommand->add_option("--url", run.url,
                         "--engine clickhouse: the server's HTTP interface, http://HOST:PORT/DB");
  runCommand->add_option("--table-prefix", run.tablePrefix,
                         "--engine postgres|clickhouse: prepended to every table name");
  runCommand->add_flag(
      "--events-name-contacts", run.eventsNameContacts,
      "--engine postgres|clickhouse: "
      "Every event row's contact_key is a key of the contacts table (true of the tables "
      "seg export writes): a segment that reads no contact field is answered from its "
      "events without reading the contacts");
  CLI::Option* membersOption = runCommand->add_option(
      "--members", run.membersDir, "Write each reported segment's members to DIR/<segment>.csv");
  runCommand
      ->add_option("--member-fields", run.memberFields,
                   "Contact fields written after the key in member files (comma-separated)")
      ->needs(membersOption)
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  runCommand->add_flag("--allow-pii", run.allowPii,
                       "Write personal data (pii fields) in clear in member files");
  runCommand->add_option("--max-errors", run.maxErrors,
                         "Rejected rows tolerated when loading a folder (default 0)");
  runCommand
      ->add_option("--min-size", run.minSize,
                   "Warn about segments with fewer members than this (default: 10 or 0.1 % "
                   "of contacts, whichever is larger)")
      ->check(CLI::PositiveNumber);
  runCommand->add_flag("--no-timings", run.noTimings,
                       "Leave timings out, so the same run prints the same bytes");
  addColorOption(*runCommand, run.color);
  return {runCommand, [options] { return seg::cli::runRun(*options); }};
}

seg::cli::Registered registerRepl(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ReplOptions>();
  seg::cli::ReplOptions& repl = *options;
  CLI::App* replCommand = app.add_subcommand(
      "repl", "Explore data interactively: conditions, numbers and definitions answered at once");
  replCommand->add_option("files", repl.files, "Files loaded first (schema, definitions)");
  addDataOptions(*replCommand, repl.data, repl.now);
  replCommand
      ->add_option("--engine", repl.engine,
                   "auto (default: interpreted while compiled, whichever answers first), jit or "
                   "interp")
      ->check(CLI::IsMember({"auto", "jit", "interp"}))
      ->option_text("auto|jit|interp");
  replCommand->add_option("-c", repl.commands, "Answer this line and quit (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return {replCommand, [options] { return seg::cli::runRepl(*options); }};
}

seg::cli::Registered registerOverlap(CLI::App& app) {
  auto options = std::make_shared<seg::cli::OverlapOptions>();
  seg::cli::OverlapOptions& overlap = *options;
  CLI::App* overlapCommand = app.add_subcommand(
      "overlap", "How much every pair of segments shares: counts, share of the row, Jaccard");
  overlapCommand->add_option("files", overlap.files, "The program's .seg files")->required();
  addDataOptions(*overlapCommand, overlap.data, overlap.now);
  overlapCommand->add_option("--segment", overlap.segments, "Only these segments (comma-separated)")
      ->delimiter(',');
  addFormatOption(*overlapCommand, overlap.format);
  return {overlapCommand, [options] { return seg::cli::runOverlap(*options); }};
}

seg::cli::Registered registerWatch(CLI::App& app) {
  auto options = std::make_shared<seg::cli::WatchOptions>();
  seg::cli::WatchOptions& watch = *options;
  CLI::App* watchCommand = app.add_subcommand(
      "watch", "Apply new events and contact changes durably, then print who entered and left "
               "each segment since the last watch");
  watchCommand->add_option("files", watch.files, "The program's .seg files")->required();
  watchCommand->add_option("--data", watch.data, "A snapshot (seg import); its change log grows")
      ->required();
  watchCommand->add_option("--events", watch.events, "New events, PATH or TYPE=PATH (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  watchCommand
      ->add_option("--contacts", watch.contacts, "Contacts to add or change, by key (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  watchCommand->add_flag("--stdin", watch.fromStdin, "Read new events as NDJSON from stdin");
  watchCommand->add_option("--now", watch.now,
                           "The evaluation time, e.g. 2026-11-01T00:00:00Z (default: the clock)");
  addFormatOption(*watchCommand, watch.format);
  watchCommand->add_option("--engine", watch.engine, "jit (default), interp or auto")
      ->check(CLI::IsMember({"auto", "jit", "interp"}))
      ->option_text("jit|interp|auto");
  watchCommand->add_flag("--allow-pii", watch.allowPii, "Show pii contact keys in clear");
  watchCommand->add_option("--lock-wait", watch.lockWaitSeconds,
                           "Seconds to wait for another writer of the data set (default 30)");
  return {watchCommand, [options] { return seg::cli::runWatch(*options); }};
}

seg::cli::Registered registerServe(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ServeOptions>();
  seg::cli::ServeOptions& serve = *options;
  CLI::App* serveCommand = app.add_subcommand(
      "serve", "Serve a live data set over HTTP/JSON: events in, segments and deltas out");
  serveCommand->add_option("files", serve.files, "The program's .seg files")->required();
  serveCommand->add_option("--data", serve.data, "A snapshot (seg import); its change log grows")
      ->required();
  serveCommand->add_option("--listen", serve.listen,
                           "HOST:PORT (default 127.0.0.1:8080; port 0: any)");
  serveCommand
      ->add_option("--token-file", serve.tokenFile,
                   "A file holding the bearer token every request must send")
      ->required();
  serveCommand->add_option(
      "--now", serve.now,
      "A fixed evaluation time (POST /advance?now= moves it; default: the clock)");
  serveCommand->add_option("--max-body", serve.maxBodyBytes,
                           "Largest request body in bytes (64 MiB)");
  serveCommand->add_option("--engine", serve.engine, "jit (default), interp or auto")
      ->check(CLI::IsMember({"auto", "jit", "interp"}));
  serveCommand->add_flag("--allow-pii", serve.allowPii, "Answer pii contact keys in clear");
  serveCommand->add_option("--evaluate-after", serve.evaluateAfterSeconds,
                           "Seconds after a change before changes are evaluated together (0.2)");
  serveCommand->add_option("--tick", serve.tickSeconds,
                           "With the clock: seconds between evaluations for time alone (60)");
  serveCommand->add_option("--compact-at", serve.compactBytes,
                           "Compact the change log into the snapshot at this size in bytes "
                           "(256 MiB; 0: never)");
  return {serveCommand, [options] { return seg::cli::runServe(*options); }};
}

seg::cli::Registered registerCompact(CLI::App& app) {
  auto options = std::make_shared<seg::cli::CompactOptions>();
  seg::cli::CompactOptions& compact = *options;
  CLI::App* compactCommand = app.add_subcommand(
      "compact", "Fold a snapshot's change log into a new snapshot, switched in atomically");
  compactCommand->add_option("--data", compact.data, "The snapshot")->required();
  return {compactCommand, [options] { return seg::cli::runCompact(*options); }};
}

seg::cli::Registered registerSql(CLI::App& app) {
  auto options = std::make_shared<seg::cli::SqlOptions>();
  seg::cli::SqlOptions& sql = *options;
  CLI::App* sqlCommand = app.add_subcommand(
      "sql",
      "Print the SQL of a program: its tables (--ddl) or one query per segment, partition, score "
      "and metric");
  sqlCommand->add_option("files", sql.files, "The program's files")->required();
  sqlCommand->add_option("--dialect", sql.dialect, "postgres, clickhouse or duckdb")
      ->required()
      ->option_text("postgres|clickhouse|duckdb");
  sqlCommand->add_flag("--ddl", sql.ddl, "Print CREATE TABLE statements for the schema");
  sqlCommand->add_option("--table-prefix", sql.tablePrefix, "Prepended to every table name");
  sqlCommand->add_flag(
      "--events-name-contacts", sql.eventsNameContacts,
      "Every event row's contact_key is a key of the contacts table (true of the tables "
      "seg export writes): a segment that reads no contact field is answered from its "
      "events without reading the contacts");
  sqlCommand->add_option("--cluster", sql.cluster,
                         "--ddl --dialect clickhouse: each table as <name>_local (MergeTree) on "
                         "every shard and <name> as a Distributed table over the cluster NAME");
  sqlCommand->add_option("--now", sql.now,
                         "The evaluation time written into the queries, e.g. "
                         "2026-11-01T00:00:00Z (default: the server's clock)");
  sqlCommand
      ->add_option("--segment", sql.segments,
                   "Only the queries of these segments, partitions, scores and metrics; repeatable "
                   "or comma-separated")
      ->delimiter(',')
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sqlCommand->add_flag("--combined", sql.combined,
                       "One query instead: per contact, its key, every segment's membership "
                       "(true/false) and every partition's branch");
  addColorOption(*sqlCommand, sql.color);
  return {sqlCommand, [options] { return seg::cli::runSql(*options); }};
}

seg::cli::Registered registerCompare(CLI::App& app) {
  auto options = std::make_shared<seg::cli::CompareOptions>();
  seg::cli::CompareOptions& compare = *options;
  CLI::App* compareCommand = app.add_subcommand(
      "compare", "Segments side by side: size, share, metrics computed for each, scores");
  compareCommand->add_option("files", compare.files, "The program's .seg files")->required();
  addDataOptions(*compareCommand, compare.data, compare.now);
  compareCommand->add_option("--segment", compare.segments, "The segments (comma-separated)")
      ->delimiter(',')
      ->required();
  compareCommand
      ->add_option("--metric", compare.metrics,
                   "A metric computed for each segment: NAME=VALUE or VALUE, e.g. "
                   "'spend=avg(sum(purchase.amount within 365d))' (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  addFormatOption(*compareCommand, compare.format);
  return {compareCommand, [options] { return seg::cli::runCompare(*options); }};
}

seg::cli::Registered registerSuggest(CLI::App& app) {
  auto options = std::make_shared<seg::cli::SuggestOptions>();
  seg::cli::SuggestOptions& suggest = *options;
  CLI::App* suggestCommand = app.add_subcommand(
      "suggest", "Compare numbers of clusters for a cluster definition: silhouette and inertia");
  suggestCommand->add_option("files", suggest.files, "The program's .seg files")->required();
  addDataOptions(*suggestCommand, suggest.data, suggest.now);
  suggestCommand->add_option("--cluster", suggest.cluster,
                             "The cluster definition (needed when the program has several)");
  suggestCommand->add_option("--k", suggest.k, "The cluster counts to try, e.g. 2..8 (default)");
  suggestCommand->add_option("--sample", suggest.sample,
                             "Contacts the silhouette is computed over (default 2000, seeded)");
  suggestCommand->add_option("--threads", suggest.threads, "Threads (default: one per core)");
  addFormatOption(*suggestCommand, suggest.format);
  return {suggestCommand, [options] { return seg::cli::runSuggest(*options); }};
}

seg::cli::Registered registerReport(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ReportOptions>();
  seg::cli::ReportOptions& htmlReport = *options;
  CLI::App* reportCommand = app.add_subcommand(
      "report", "Write one self-contained HTML page of a run: sizes, overlaps, scores, metrics");
  reportCommand->add_option("files", htmlReport.files, "The program's .seg files")->required();
  addDataOptions(*reportCommand, htmlReport.data, htmlReport.now);
  reportCommand->add_option("-o,--output", htmlReport.output, "The HTML file to write")->required();
  reportCommand->add_option("--threads", htmlReport.threads, "Threads (default: one per core)");
  return {reportCommand, [options] { return seg::cli::runReport(*options); }};
}

seg::cli::Registered registerExport(CLI::App& app) {
  auto options = std::make_shared<seg::cli::ExportOptions>();
  seg::cli::ExportOptions& exportTo = *options;
  CLI::App* exportCommand =
      app.add_subcommand("export", "Write a snapshot's contacts and events into PostgreSQL or "
                                   "ClickHouse tables (seg sql --ddl)");
  exportCommand
      ->add_option("--data", exportTo.data,
                   "A snapshot (seg import), or a folder of CSV/NDJSON files with --schema-file")
      ->required();
  exportCommand
      ->add_option("--to", exportTo.to,
                   "The server: postgres://USER@HOST:PORT/DB or clickhouse://HOST:PORT/DB (HTTP)")
      ->required();
  exportCommand->add_option("--table-prefix", exportTo.tablePrefix,
                            "Prepended to every table name");
  exportCommand->add_option("--schema-file", exportTo.schemaFiles,
                            "The .seg file(s) declaring the schema: tables absent are created");
  addColorOption(*exportCommand, exportTo.color);
  return {exportCommand, [options] { return seg::cli::runExport(*options); }};
}

} // namespace

namespace seg::cli {

std::vector<Registered> registerCommands(CLI::App& app) {
  // In the order `seg help` lists them.
  return {registerCheck(app),   registerFmt(app),     registerGen(app),     registerImport(app),
          registerInfo(app),    registerExplain(app), registerRun(app),     registerRepl(app),
          registerOverlap(app), registerWatch(app),   registerServe(app),   registerCompact(app),
          registerSql(app),     registerCompare(app), registerSuggest(app), registerReport(app),
          registerExport(app)};
}

} // namespace seg::cli

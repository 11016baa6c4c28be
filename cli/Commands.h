// The `seg` subcommands. Each returns the process exit status: 0 clean, 1 errors in the
// input, 2 wrong usage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seg::cli {

enum class ColorMode { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> files;
  bool dumpAst = false;
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
};

struct FormatOptions {
  std::vector<std::string> files;
  bool write = false; // rewrite the files in place instead of printing
  bool check = false; // exit 1 if a file is not formatted; print nothing
  ColorMode color = ColorMode::Auto;
};

struct GenOptions {
  std::uint64_t contacts = 10000;
  std::uint64_t seed = 1;
  std::string outDir;
  std::string now; // the data's "today" (ISO-8601); default 2026-11-01T00:00:00Z
};

struct ImportOptions {
  std::vector<std::string> schemaFiles;
  std::string contacts;
  std::vector<std::string> events; // PATH or TYPE=PATH
  std::string dataDir;
  std::string output;
  std::string rejectsDir;
  std::string contactIdColumn = "contact_id";
  std::string from;                         // postgres://…: read the tables of a server
  std::string contactsTable = "contacts";   // --from: the contacts' table
  std::string eventsTablePrefix = "event_"; // --from: event type T is <prefix>T
  std::uint64_t maxErrors = 0;
  unsigned threads = 0;
  bool verify = false;
  ColorMode color = ColorMode::Auto;
};

struct InfoOptions {
  std::string snapshot;
  std::vector<std::string> schemaFiles; // when given, the snapshot must match
  bool verify = false;
  bool showSchema = false;
  ColorMode color = ColorMode::Auto;
};

struct ExplainOptions {
  std::vector<std::string> files;
  bool plan = false; // with neither flag, the plan is printed
  bool llvm = false;
  ColorMode color = ColorMode::Auto;
};

struct ReplOptions {
  std::string data;                  // a snapshot, or a folder loaded against `files`' schema
  std::string now;                   // ISO-8601; empty: the wall clock
  std::vector<std::string> files;    // loaded first; their definitions join the session
  std::vector<std::string> commands; // -c: answer these lines and quit, without prompts
  std::string engine = "auto";       // auto (tiered), jit or interp
};

enum class RunFormat { Table, Csv, Json };
enum class RunEngine { Jit, Interpreter, Postgres, ClickHouse };

struct RunOptions {
  std::vector<std::string> files;
  std::string data;                  // a snapshot file or a folder of CSV/NDJSON files
  std::string now;                   // ISO-8601; empty: the wall clock
  std::vector<std::string> segments; // report only these segments and partitions
  unsigned threads = 0;              // 0: one per core
  RunFormat format = RunFormat::Table;
  RunEngine engine = RunEngine::Jit;
  std::string membersDir;
  std::vector<std::string> memberFields; // contact fields written after the key
  bool allowPii = false;
  std::uint64_t maxErrors = 0;     // rejected rows tolerated when loading a folder
  bool noTimings = false;          // byte-identical output across runs
  std::uint64_t minSize = 0;       // > 0: segments with fewer members are too small to act on
  std::string dsn;                 // --engine postgres: the server (postgres://USER@HOST:PORT/DB)
  std::string url;                 // --engine clickhouse: the server (http://HOST:PORT/DB)
  std::string tablePrefix;         // --engine postgres|clickhouse: prepended to every table name
  bool eventsNameContacts = false; // --engine postgres|clickhouse: sql::QueryContext's
  ColorMode color = ColorMode::Auto;
};

struct SqlOptions {
  std::vector<std::string> files;
  std::string dialect;               // postgres, clickhouse or duckdb
  bool ddl = false;                  // the schema's CREATE TABLE statements instead of queries
  std::string cluster;               // --ddl --dialect clickhouse: Distributed tables on it
  std::string tablePrefix;           // prepended to every table name
  std::string now;                   // ISO-8601, written into the queries; empty: the server's
  std::vector<std::string> segments; // only these segments' queries
  bool combined = false;             // one query: every segment's membership per contact
  bool eventsNameContacts = false;   // every event's contact is in contacts (sql::QueryContext)
  ColorMode color = ColorMode::Auto;
};

struct ExportOptions {
  std::string data;                     // a snapshot, or a folder read with the schema file
  std::string to;                       // postgres://USER@HOST:PORT/DB
  std::string tablePrefix;              // prepended to every table name
  std::vector<std::string> schemaFiles; // the schema: the tables are created when absent
  ColorMode color = ColorMode::Auto;
};

int runCheck(const CheckOptions& options);
int runExplain(const ExplainOptions& options);
int runInfo(const InfoOptions& options);
int runImport(const ImportOptions& options);
int runGen(const GenOptions& options);
int runFormat(const FormatOptions& options);
int runRun(const RunOptions& options);
int runRepl(const ReplOptions& options);
int runSql(const SqlOptions& options);
int runExport(const ExportOptions& options);

struct OverlapOptions {
  std::vector<std::string> files;
  std::string data;                  // a snapshot, or a folder loaded against the program's schema
  std::string now;                   // ISO-8601; empty: the wall clock
  std::vector<std::string> segments; // empty: every segment of the program
  RunFormat format = RunFormat::Table;
};
int runOverlap(const OverlapOptions& options);

struct CompareOptions {
  std::vector<std::string> files;
  std::string data;
  std::string now;
  std::vector<std::string> segments; // at least one
  std::vector<std::string> metrics;  // "NAME=VALUE" or "VALUE", metric values of the language
  RunFormat format = RunFormat::Table;
};
int runCompare(const CompareOptions& options);

struct WatchOptions {
  std::vector<std::string> files;
  std::string data;                  // a snapshot: changes go to its change log
  std::vector<std::string> events;   // PATH or TYPE=PATH, appended
  std::vector<std::string> contacts; // upserted
  bool fromStdin = false;            // NDJSON events on standard input
  std::string now;                   // ISO-8601; empty: the wall clock
  RunFormat format = RunFormat::Table;
  std::string engine = "jit";
  bool allowPii = false;
  double lockWaitSeconds = 30;
};
int runWatch(const WatchOptions& options);

struct ServeOptions {
  std::vector<std::string> files;
  std::string data;
  std::string listen = "127.0.0.1:8080";
  std::string tokenFile;
  std::string now; // fixed evaluation time (POST /advance moves it); empty: the clock
  std::size_t maxBodyBytes = 64u << 20;
  std::string engine = "jit";
  bool allowPii = false;
  double evaluateAfterSeconds = 0.2;
  double tickSeconds = 60;
  std::uint64_t compactBytes = 256ull << 20;
};
int runServe(const ServeOptions& options);

struct CompactOptions {
  std::string data;
};
int runCompact(const CompactOptions& options);
struct SuggestOptions {
  std::vector<std::string> files;
  std::string data;
  std::string now;
  std::string cluster; // which cluster definition; may be left out when there is one
  std::string k = "2..8";
  std::size_t sample = 2000; // contacts the silhouette is computed over
  unsigned threads = 0;
  RunFormat format = RunFormat::Table;
};
int runSuggest(const SuggestOptions& options);

struct ReportOptions {
  std::vector<std::string> files;
  std::string data;
  std::string now;
  std::string output; // the HTML file
  unsigned threads = 0;
};
int runReport(const ReportOptions& options);

} // namespace seg::cli

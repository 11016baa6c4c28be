// seg::Program: `.seg` source compiled against its schema, ready to run on datasets.
// Thread-safety: immutable once compiled (the JIT's code is made once, on first use, under a
// lock); one Program may run from many threads at once, on the same or different datasets.
#pragma once

#include "seg/Dataset.h"
#include "seg/Error.h"
#include "seg/Result.h"
#include "seg/Schema.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

struct CompileOptions {
  // Where `import "x.seg"` of source text looks (files resolve imports beside themselves).
  std::string importDir = ".";
  // The name diagnostics give source text.
  std::string sourceName = "<source>";
  // Source text without a schema of its own is checked against this one (e.g. a snapshot's).
  std::optional<Schema> schema;
  // Where `import "std/…"` looks; empty: $SEG_STDLIB_DIR, else the installed standard library.
  std::string stdlibDir;
  // Where the JIT keeps machine code between processes, so a program compiled before links
  // in milliseconds. Unset: $SEG_CACHE_DIR, else $XDG_CACHE_HOME/seg/jit or ~/.cache/seg/jit
  // (none when SEG_CODE_CACHE=off); an empty string: no cache.
  std::optional<std::string> codeCacheDirectory;
};

// Auto answers as soon as it can: a program's first run is interpreted while its machine
// code is compiled in the background; if the code is ready first, the interpreter stops at
// a batch boundary and the code answers (so small data is answered by the interpreter, large
// data by the JIT, neither waiting on the other), and later runs use the code. Results never
// depend on the engine; Result::engine() says which answered.
enum class Engine { Jit, Interpreter, Auto };

struct RunOptions {
  // The evaluation time: ISO-8601 ("2026-11-01T00:00:00Z"); empty: the wall clock.
  // `nowMicros` (UTC microseconds), when set, takes precedence.
  std::string now;
  std::optional<std::int64_t> nowMicros;
  unsigned threads = 0; // 0: one per core
  Engine engine = Engine::Jit;
  // Evaluate only these segments, partitions and metrics (and what they read); empty:
  // everything, scores included.
  std::vector<std::string> definitions;
  // Segments with fewer members are "too_small" findings; 0: fewer than 10 members or
  // 0.1 % of contacts, whichever is larger (`seg run --min-size`).
  std::uint64_t minSegmentSize = 0;
  // A stop request ends the run within a batch of contacts per thread, with a Cancelled
  // error (e.g. Ctrl-C in the REPL, a service's deadline).
  std::stop_token stop;
};

enum class DefinitionKind { Segment, Partition, Score, Metric };

struct Definition {
  std::string name;
  DefinitionKind kind = DefinitionKind::Segment;
  std::string file;
  int line = 0;
};

namespace detail {
struct ProgramData;
}

class Program {
public:
  static Expected<Program> compileFiles(const std::vector<std::string>& paths,
                                        const CompileOptions& options = {});
  static Expected<Program> compileSource(std::string_view text, const CompileOptions& options = {});

  const Schema& schema() const;
  // Segments, partitions and scores in evaluation order, then metrics.
  const std::vector<Definition>& definitions() const;
  const std::vector<Diagnostic>& warnings() const;
  // The lowered plan, as `seg explain --plan` prints it.
  std::string explain() const;
  // The plan of only these segments, partitions and metrics and what they read.
  std::string explain(const std::vector<std::string>& definitions) const;

  // Runs on `dataset`, whose schema must be the program's.
  Expected<Result> run(const Dataset& dataset, const RunOptions& options = {}) const;

  // Internal: libseg's own representation.
  explicit Program(std::shared_ptr<const detail::ProgramData> data);
  const std::shared_ptr<const detail::ProgramData>& data() const { return data_; }

private:
  std::shared_ptr<const detail::ProgramData> data_;
};

} // namespace seg

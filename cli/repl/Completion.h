// Tab completion for `seg repl`: what may follow the text left of the cursor — commands,
// keywords, functions, fields, events, an event's properties after `event.`, an enum's values
// after `==`, and the session's definitions.
#pragma once

#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace seg::cli::repl {

struct CompletionContext {
  Schema schema;
  std::vector<std::string> definitions; // segments, partitions, scores, metrics
  std::vector<std::string> commands;    // ":help", …
};

// Candidates for the word that ends at `line.size()` (the text left of the cursor), each
// the whole word to put in its place; sorted, no duplicates.
std::vector<std::string> completionsFor(const std::string& line, const CompletionContext& context);

// Where that word starts in `line`.
std::size_t wordStart(const std::string& line);

// Whether the word is a file name (`:load`, `:save`, `:export`'s file), completed from disk.
bool completesFileName(const std::string& line);

// The paths that complete `typed` (a file or folder name, possibly with folders before it),
// folders with a trailing '/'; hidden entries only when `typed`'s name starts with a dot.
std::vector<std::string> fileCompletions(const std::string& typed);

} // namespace seg::cli::repl

// Reads `seg repl`'s input: lines from libedit with a prompt and persistent history on a
// terminal, plain lines otherwise; an open bracket or a trailing operator continues it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace seg::cli::repl {

class LineInput {
public:
  explicit LineInput(bool interactive);
  ~LineInput();
  LineInput(const LineInput&) = delete;
  LineInput& operator=(const LineInput&) = delete;

  // One complete input (continued lines joined by "\n"); nullopt at the end of input.
  std::optional<std::string> next();
  bool interactive() const { return interactive_; }

  // Candidates for the word left of the cursor, given the line up to the cursor. Where a
  // command takes a file name, files and folders are offered instead.
  using Completer = std::function<std::vector<std::string>(const std::string& beforeCursor)>;
  void setCompleter(Completer completer) { completer_ = std::move(completer); }

private:
  std::optional<std::string> readLine(const char* prompt);

  bool interactive_;
  std::string historyPath_;
  Completer completer_;
};

// Whether `text` needs another line: brackets left open, or a trailing operator or and/or.
bool continues(const std::string& text);

} // namespace seg::cli::repl

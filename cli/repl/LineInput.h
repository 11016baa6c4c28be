// Reads `seg repl`'s input: lines from libedit with a prompt and persistent history on a
// terminal, plain lines otherwise; an open bracket or a trailing operator continues it.
#pragma once

#include <optional>
#include <string>

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

private:
  std::optional<std::string> readLine(const char* prompt);

  bool interactive_;
  std::string historyPath_;
};

// Whether `text` needs another line: brackets left open, or a trailing operator or and/or.
bool continues(const std::string& text);

} // namespace seg::cli::repl

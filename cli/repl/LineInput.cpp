#include "repl/LineInput.h"

#include <cstdlib>
#include <cstring>
#include <editline/readline.h>
#include <filesystem>
#include <iostream>

namespace seg::cli::repl {
namespace {

// $XDG_STATE_HOME/seg/history, else ~/.seg_history; empty when neither is known.
std::string historyFile() {
  namespace fs = std::filesystem;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state != '\0') {
    std::error_code ec;
    fs::create_directories(fs::path(state) / "seg", ec);
    return (fs::path(state) / "seg" / "history").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return (fs::path(home) / ".seg_history").string();
  return "";
}

bool endsWithWord(const std::string& text, const std::string& word) {
  if (text.size() < word.size() || text.compare(text.size() - word.size(), word.size(), word) != 0)
    return false;
  return text.size() == word.size() || text[text.size() - word.size() - 1] == ' ' ||
         text[text.size() - word.size() - 1] == ')';
}

} // namespace

bool continues(const std::string& text) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"')
      inString = true;
    else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/')
      break; // a comment
    else if (c == '(' || c == '[' || c == '{')
      ++depth;
    else if (c == ')' || c == ']' || c == '}')
      --depth;
  }
  if (depth > 0) return true;
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
    t.pop_back();
  if (t.empty()) return false;
  static const char* const kTrailing[] = {"and", "or", "not", "="};
  for (const char* word : kTrailing)
    if (endsWithWord(t, word)) return true;
  return std::strchr("+-*/<>,", t.back()) != nullptr;
}

LineInput::LineInput(bool interactive) : interactive_(interactive) {
  if (!interactive_) return;
  historyPath_ = historyFile();
  using_history();
  if (!historyPath_.empty()) read_history(historyPath_.c_str());
}

LineInput::~LineInput() {
  if (interactive_ && !historyPath_.empty()) write_history(historyPath_.c_str());
}

std::optional<std::string> LineInput::readLine(const char* prompt) {
  if (!interactive_) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  }
  char* raw = readline(prompt);
  if (raw == nullptr) return std::nullopt;
  std::string line(raw);
  std::free(raw); // allocated by libedit with malloc
  return line;
}

std::optional<std::string> LineInput::next() {
  std::optional<std::string> first = readLine("seg> ");
  if (!first) return std::nullopt;
  std::string text = *first;
  while (continues(text)) {
    std::optional<std::string> more = readLine("...> ");
    if (!more) break;
    text += "\n" + *more;
  }
  if (interactive_ && !text.empty()) add_history(text.c_str());
  return text;
}

} // namespace seg::cli::repl

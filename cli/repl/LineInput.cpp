#include "repl/LineInput.h"

#include "repl/Completion.h"

#include <algorithm>
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

// libedit's completion hook takes no user data: the completer of the readline() call in
// progress, on this thread.
thread_local const LineInput::Completer* activeCompleter = nullptr; // NOLINT

char* copyOf(const std::string& s) {
  char* copy = static_cast<char*>(std::malloc(s.size() + 1)); // libedit frees it
  if (copy != nullptr) std::memcpy(copy, s.c_str(), s.size() + 1);
  return copy;
}

// readline's convention: [0] the text to put in place of the word (the candidates' common
// prefix), then the candidates, then null; all malloc'd. Null: no candidates.
char** completeWord(const char* /*text*/, int start, int end) {
  rl_attempted_completion_over = 1;
  rl_completion_append_character = ' ';
  if (activeCompleter == nullptr || rl_line_buffer == nullptr) return nullptr;
  std::string before(rl_line_buffer, static_cast<std::size_t>(std::max(0, end)));
  std::vector<std::string> candidates;
  if (completesFileName(before)) {
    std::size_t pathStart = before.rfind(' ') + 1;
    candidates = fileCompletions(before.substr(pathStart));
    // libedit replaces only the text after its last break character ('/', '-', …).
    std::size_t replaced = static_cast<std::size_t>(std::max(0, start));
    std::size_t hidden = replaced > pathStart ? replaced - pathStart : 0;
    for (std::string& c : candidates)
      c = c.substr(std::min(hidden, c.size()));
    if (candidates.size() == 1 && candidates.front().ends_with('/'))
      rl_completion_append_character = '\0'; // a folder: its files come next
  } else {
    candidates = (*activeCompleter)(before);
  }
  if (candidates.empty()) return nullptr;
  std::string common = candidates.front();
  for (const std::string& c : candidates) {
    std::size_t n = 0;
    while (n < common.size() && n < c.size() && common[n] == c[n])
      ++n;
    common.resize(n);
  }
  auto** matches = static_cast<char**>(std::calloc(candidates.size() + 2, sizeof(char*)));
  if (matches == nullptr) return nullptr;
  matches[0] = copyOf(candidates.size() == 1 ? candidates.front() : common);
  if (candidates.size() > 1)
    for (std::size_t i = 0; i < candidates.size(); ++i)
      matches[i + 1] = copyOf(candidates[i]);
  return matches;
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
  std::size_t codeEnd = text.size(); // where a trailing comment starts
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
    else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      std::size_t lineEnd = text.find('\n', i);
      if (lineEnd == std::string::npos) {
        codeEnd = i;
        break;
      }
      i = lineEnd; // a comment runs to the end of its line
    } else if (c == '(' || c == '[' || c == '{')
      ++depth;
    else if (c == ')' || c == ']' || c == '}')
      --depth;
  }
  if (depth > 0) return true;
  std::string t = text.substr(0, codeEnd);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
    t.pop_back();
  if (t.empty()) return false;
  // Words and operators that cannot end an expression or a definition's head.
  static const char* const kTrailing[] = {"and",  "or",    "not",    "=",       "in",
                                          "then", "where", "within", "between", "per"};
  for (const char* word : kTrailing)
    if (endsWithWord(t, word)) return true;
  for (const char* op : {"==", "!=", "<=", ">="})
    if (t.ends_with(op)) return true;
  return std::strchr("+-*/<>,", t.back()) != nullptr;
}

LineInput::LineInput(bool interactive) : interactive_(interactive) {
  if (!interactive_) return;
  historyPath_ = historyFile();
  using_history();
  rl_readline_name = "seg";
  rl_attempted_completion_function = completeWord;
  // The word completed may hold dots (event.property), quotes (an enum value) and a colon
  // (a command); the rest of the language's punctuation ends it.
  static char breaks[] = " \t\n()[]{}<>=!,+-*/%?";
  rl_basic_word_break_characters = breaks;
  rl_completer_word_break_characters = breaks;
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
  activeCompleter = completer_ ? &completer_ : nullptr;
  char* raw = readline(prompt);
  activeCompleter = nullptr;
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

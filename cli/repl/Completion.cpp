#include "repl/Completion.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace seg::cli::repl {
namespace {

bool wordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '"' ||
         c == ':';
}

bool identChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

std::string trimRight(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0)
    s.pop_back();
  return s;
}

void addMatching(const std::vector<std::string>& names, const std::string& prefix,
                 std::vector<std::string>& out) {
  for (const std::string& n : names)
    if (n.starts_with(prefix)) out.push_back(n);
}

// The field (or `event.property`) compared when `before` ends with `==`, `!=` or the start
// of an `in [...]` list; nullptr when it is not an enum.
const Field* comparedEnum(std::string before, const Schema& schema) {
  before = trimRight(before);
  std::size_t list = before.rfind('[');
  if (list != std::string::npos && before.find(']', list) == std::string::npos &&
      (before.back() == '[' || before.back() == ',')) {
    before = trimRight(before.substr(0, list));
    if (!before.ends_with(" in")) return nullptr;
    before = trimRight(before.substr(0, before.size() - 3));
  } else if (before.ends_with("==") || before.ends_with("!=")) {
    before = trimRight(before.substr(0, before.size() - 2));
  } else {
    return nullptr;
  }
  std::size_t start = before.size();
  while (start > 0 && identChar(before[start - 1]))
    --start;
  std::string name = before.substr(start);
  const Field* field = nullptr;
  if (std::size_t dot = name.find('.'); dot != std::string::npos) {
    if (const EventType* event = schema.event(name.substr(0, dot))) {
      std::string property = name.substr(dot + 1);
      for (const Field& p : event->properties)
        if (p.name == property) field = &p;
    }
  } else {
    field = schema.field(name);
  }
  return field != nullptr && field->type == FieldType::Enum ? field : nullptr;
}

} // namespace

std::size_t wordStart(const std::string& line) {
  std::size_t start = line.size();
  while (start > 0 && wordChar(line[start - 1]))
    --start;
  return start;
}

bool completesFileName(const std::string& line) {
  // A path holds '/', '-' and '.': its word runs back to the last space.
  std::string before =
      line.substr(0, line.rfind(' ') == std::string::npos ? 0 : line.rfind(' ') + 1);
  std::size_t words = 0;
  for (std::size_t i = 0; i < before.size(); ++i)
    words += before[i] != ' ' && (i == 0 || before[i - 1] == ' ') ? 1 : 0;
  return ((before.starts_with(":load ") || before.starts_with(":save ")) && words == 1) ||
         (before.starts_with(":export ") && words == 2);
}

std::vector<std::string> fileCompletions(const std::string& typed) {
  namespace fs = std::filesystem;
  std::size_t slash = typed.rfind('/');
  std::string directory = slash == std::string::npos ? "" : typed.substr(0, slash + 1);
  std::string base = typed.substr(directory.size());
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(directory.empty() ? "." : directory, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.starts_with(base) || (name.starts_with(".") && !base.starts_with("."))) continue;
    std::error_code typeError;
    out.push_back(directory + name + (it->is_directory(typeError) ? "/" : ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> completionsFor(const std::string& line, const CompletionContext& context) {
  std::size_t start = wordStart(line);
  std::string word = line.substr(start);
  std::string before = line.substr(0, start);
  std::vector<std::string> out;
  bool firstWord = before.find_first_not_of(" \t") == std::string::npos;
  if (firstWord && word.starts_with(":")) {
    addMatching(context.commands, word, out);
  } else if (before.starts_with(":")) {
    // A command's argument: the definitions for those that take a name.
    std::string command = before.substr(0, before.find(' '));
    bool secondWord = trimRight(before).find(' ') == std::string::npos;
    if (secondWord && (command == ":show" || command == ":members" || command == ":export"))
      addMatching(context.definitions, word, out);
    else if (secondWord && (command == ":timer" || command == ":pii"))
      addMatching({"off", "on"}, word, out);
    else if (secondWord && command == ":format")
      addMatching({"csv", "json", "table"}, word, out);
  } else if (const Field* field = comparedEnum(before, context.schema)) {
    // Enum values are names, not strings: a quote typed out of habit is replaced.
    std::string typed = word.starts_with("\"") ? word.substr(1) : word;
    for (const std::string& value : field->enumValues)
      if (value.starts_with(typed)) out.push_back(value);
  } else if (std::size_t dot = word.find('.'); dot != std::string::npos) {
    if (const EventType* event = context.schema.event(word.substr(0, dot))) {
      std::string prefix = word.substr(dot + 1);
      std::string head = word.substr(0, dot + 1);
      if (std::string("at").starts_with(prefix)) out.push_back(head + "at");
      for (const Field& p : event->properties)
        if (p.name.starts_with(prefix)) out.push_back(head + p.name);
    }
  } else if (!word.starts_with("\"")) {
    addMatching(keywords(), word, out);
    addMatching(functionNames(), word, out);
    addMatching(context.definitions, word, out);
    for (const Field& f : context.schema.fields())
      if (f.name.starts_with(word)) out.push_back(f.name);
    for (const EventType& e : context.schema.events())
      if (e.name.starts_with(word)) out.push_back(e.name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace seg::cli::repl

// The formatter's output as lines of code and the comments ending them, rendered at the end
// so that those comments can be aligned across neighbouring lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace seg::format {

// Columns count code points, as SourcePos does.
std::size_t displayWidth(std::string_view text);

struct OutLine {
  std::size_t indent = 0;
  std::string code;    // without the indentation; a comment alone on its line lives here
  std::string comment; // comments that end the line
  bool blank = false;
  bool closed = false; // its last comment must end the line
};

// The formatted text as lines, so comments that end lines can be aligned at the end.
class Output {
public:
  void startLine(std::size_t indent) { lines_.push_back({indent, {}, {}, false, false}); }

  // Starts a new line at `indent`, or re-indents the current one if nothing is on it yet.
  void breakLine(std::size_t indent) {
    if (lineEmpty())
      lines_.back().indent = indent;
    else
      startLine(indent);
  }

  void blankLine() {
    if (!lines_.empty() && !lines_.back().blank) lines_.push_back({0, {}, {}, true, false});
  }

  bool lineEmpty() const { return current().code.empty() && current().comment.empty(); }
  std::size_t lineIndent() const { return current().indent; }
  std::size_t column() const { return current().indent + displayWidth(current().code); }

  void append(std::string_view text, bool space) {
    OutLine& line = lines_.back();
    if (space && !line.code.empty()) line.code += ' ';
    line.code += text;
  }

  // Whether a comment can still be added at the end of the current line.
  bool canTrail() const { return !current().closed; }

  // Ends the current line with `text`; when that line already ends with a comment that
  // nothing may follow, `text` goes on a line of its own at `indent`.
  void addTrailing(const std::string& text, std::size_t indent);

  std::string render() const;

private:
  const OutLine& current() const { return lines_.back(); }

  std::vector<OutLine> lines_;
};

} // namespace seg::format

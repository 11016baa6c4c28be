#include "diag/DiagnosticRenderer.h"

#include "source/Utf8.h"

#include <fmt/format.h>

namespace seg {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kYellow = "\x1b[1;33m";
constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kReset = "\x1b[0m";

bool isContinuationByte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Byte offset of code-point column `column` (1-based) in `line`, clamped to its end.
std::size_t byteOffsetOfColumn(std::string_view line, std::uint32_t column) {
  std::size_t offset = 0;
  for (std::uint32_t c = 1; c < column && offset < line.size(); ++c) {
    ++offset;
    while (offset < line.size() && isContinuationByte(static_cast<unsigned char>(line[offset])))
      ++offset;
  }
  return offset;
}

std::size_t codePointsIn(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    n += isContinuationByte(c) ? 0 : 1;
  return n;
}

// Control characters and malformed UTF-8 would garble the terminal; quoted lines show
// them as spaces and '?' (one column each, so carets stay aligned).
std::string printableLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      out.push_back((c < 0x20 && c != '\t') || c == 0x7F ? ' ' : static_cast<char>(c));
      ++i;
      continue;
    }
    std::string_view rest = line.substr(i, 4);
    std::size_t length = (c & 0xE0) == 0xC0   ? 2
                         : (c & 0xF0) == 0xE0 ? 3
                         : (c & 0xF8) == 0xF0 ? 4
                                              : 0;
    bool valid = length != 0 && rest.size() >= length &&
                 !findInvalidUtf8(rest.substr(0, length)).has_value();
    if (valid) {
      out.append(rest.substr(0, length));
      i += length;
    } else {
      out.push_back('?');
      ++i;
    }
  }
  return out;
}

class Painter {
public:
  explicit Painter(bool enabled) : enabled_(enabled) {}
  std::string operator()(const char* style, std::string_view text) const {
    if (!enabled_) return std::string(text);
    return fmt::format("{}{}{}", style, text, kReset);
  }

private:
  bool enabled_;
};

void renderLocationLine(std::string& out, const SourceManager& sources, FileId file,
                        SourceRange range, const char* label, const char* labelStyle,
                        std::string_view message, const Painter& paint) {
  std::string where = sources.fileCount() > file ? sources.file(file).path() : "<unknown>";
  if (range.valid()) where += fmt::format(":{}:{}", range.begin.line, range.begin.column);
  out += paint(kBold, where + ":");
  out += " ";
  out += paint(labelStyle, std::string(label) + ":");
  out += " ";
  out += paint(kBold, message);
  out += "\n";
}

void renderSnippet(std::string& out, const SourceManager& sources, SourceRange range,
                   const Painter& paint) {
  if (!range.valid() || range.file >= sources.fileCount()) return;
  const SourceFile& file = sources.file(range.file);
  std::string_view line = file.lineText(range.begin.line);
  if (line.size() > 400) return; // minified or binary input: a quote would not help
  std::string number = std::to_string(range.begin.line);
  std::string gutter(number.size(), ' ');

  std::size_t startByte = byteOffsetOfColumn(line, range.begin.column);
  std::uint32_t endColumn = range.end.line == range.begin.line
                                ? range.end.column
                                : static_cast<std::uint32_t>(codePointsIn(line) + 1);
  std::size_t width = endColumn > range.begin.column ? endColumn - range.begin.column : 1;

  // The caret line copies tabs from the quoted line so the caret lands under the text.
  std::string pad;
  for (char ch : line.substr(0, startByte)) {
    if (ch == '\t')
      pad.push_back('\t');
    else if (!isContinuationByte(static_cast<unsigned char>(ch)))
      pad.push_back(' ');
  }
  std::string marker = "^" + std::string(width - 1, '~');

  out += fmt::format(" {} | {}\n", number, printableLine(line));
  out += fmt::format(" {} | {}{}\n", gutter, pad, paint(kGreen, marker));
}

} // namespace

std::string renderDiagnostic(const SourceDiagnostic& d, const SourceManager& sources,
                             const RenderOptions& options) {
  Painter paint(options.color);
  std::string out;
  bool isError = d.severity == DiagSeverity::Error;
  renderLocationLine(out, sources, d.range.valid() ? d.range.file : d.file, d.range,
                     isError ? "error" : "warning", isError ? kRed : kYellow, d.message, paint);
  renderSnippet(out, sources, d.range, paint);
  std::string gutter =
      d.range.valid() ? std::string(std::to_string(d.range.begin.line).size(), ' ') : std::string();
  for (const std::string& hint : d.hints) {
    out += fmt::format(" {} = {} {}\n", gutter, paint(kCyan, "hint:"), hint);
  }
  for (const DiagnosticNote& note : d.notes) {
    renderLocationLine(out, sources, note.range.file, note.range, "note", kCyan, note.message,
                       paint);
    renderSnippet(out, sources, note.range, paint);
  }
  return out;
}

std::string renderSummary(std::size_t errors, std::size_t warnings) {
  auto plural = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (errors == 0 && warnings == 0) return {};
  if (warnings == 0) return plural(errors, "error");
  if (errors == 0) return plural(warnings, "warning");
  return plural(errors, "error") + ", " + plural(warnings, "warning");
}

} // namespace seg

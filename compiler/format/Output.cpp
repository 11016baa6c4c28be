// Renders the formatter's output lines, aligning the comments that end them.
#include "format/Output.h"

#include "format/Comments.h"

#include <algorithm>

namespace seg::format {
namespace {

// Columns between code and the comment that ends its line.
constexpr std::size_t kCommentGap = 2;

std::size_t width(const OutLine& line) {
  return line.indent + displayWidth(line.code);
}

bool alignable(const OutLine& line) {
  return !line.comment.empty() && line.comment.find('\n') == std::string::npos;
}

// Code lines of one block between blank lines and comment lines.
bool sameSection(const OutLine& first, const OutLine& line) {
  bool commentOnly = line.code.starts_with("//") || line.code.starts_with("/*");
  return !line.blank && !commentOnly && line.indent == first.indent;
}

// Comments ending the lines of one section share a column, two past the longest code
// among those lines; lines without a comment do not push the column.
std::vector<std::size_t> alignComments(const std::vector<OutLine>& lines) {
  std::vector<std::size_t> columns(lines.size(), 0);
  std::size_t i = 0;
  while (i < lines.size()) {
    std::size_t end = i + 1;
    if (sameSection(lines[i], lines[i]))
      while (end < lines.size() && sameSection(lines[i], lines[end]))
        ++end;
    std::size_t widest = 0;
    for (std::size_t j = i; j < end; ++j)
      if (alignable(lines[j])) widest = std::max(widest, width(lines[j]));
    for (std::size_t j = i; j < end; ++j)
      columns[j] = (alignable(lines[j]) ? widest : width(lines[j])) + kCommentGap;
    i = end;
  }
  return columns;
}

} // namespace

std::size_t displayWidth(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void Output::addTrailing(const std::string& text, std::size_t indent) {
  if (!canTrail()) startLine(indent);
  OutLine& line = lines_.back();
  if (line.code.empty() && line.comment.empty())
    line.code = text; // the comment stands alone
  else if (line.comment.empty())
    line.comment = text;
  else
    line.comment += ' ' + text;
  line.closed = endsLine(text);
}

std::string Output::render() const {
  std::vector<std::size_t> commentColumns = alignComments(lines_);
  std::string text;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const OutLine& line = lines_[i];
    if (!line.blank) {
      text.append(line.indent, ' ');
      text += line.code;
      if (!line.comment.empty()) {
        std::size_t width = line.indent + displayWidth(line.code);
        text.append(commentColumns[i] > width ? commentColumns[i] - width : 1, ' ');
        text += line.comment;
      }
    }
    text += '\n';
  }
  return text;
}

} // namespace seg::format

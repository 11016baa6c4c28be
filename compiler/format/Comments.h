// The comments of a file as the formatter hands them out: each exactly once, mostly in
// source order, and the rules for how a comment's text is printed.
#pragma once

#include "syntax/Parser.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seg::format {

// Code cannot follow these on the same line: a `//` comment, or a block comment that spans
// lines (whatever followed it would move to another line and could change the parse).
bool endsLine(std::string_view comment);

// Trailing blanks of a `//` comment are invisible; dropping them keeps lines clean.
std::string commentText(const Comment& comment);

// The comments of the file in source order; the formatter hands each out exactly once.
class CommentQueue {
public:
  explicit CommentQueue(const std::vector<Comment>& comments);

  const Comment* peek();
  void pop();
  const Comment* popBefore(const SourcePos& limit);
  bool hasBefore(const SourcePos& limit);
  std::vector<const Comment*> takeBefore(const SourcePos& limit);

  // Takes, out of order, the comments in [from, to) that start on `line`.
  std::vector<const Comment*> takeOnLine(std::uint32_t line, const SourcePos& from,
                                         const SourcePos& to);

  // Returns taken comments, to be handed out again in their turn.
  void putBack(const std::vector<const Comment*>& returned);

private:
  std::vector<const Comment*> comments_;
  std::vector<bool> used_;
  std::size_t next_ = 0; // no unused comment before this one
};

} // namespace seg::format

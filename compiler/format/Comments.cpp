// Hands out a file's comments to the formatter and prints their text.
#include "format/Comments.h"

#include <algorithm>

namespace seg::format {
namespace {

bool byPosition(const Comment* a, const Comment* b) {
  return a->range.begin < b->range.begin;
}

} // namespace

bool endsLine(std::string_view comment) {
  return comment.starts_with("//") || comment.find('\n') != std::string_view::npos;
}

std::string commentText(const Comment& comment) {
  std::string text = comment.text;
  if (text.starts_with("//")) {
    std::size_t end = text.find_last_not_of(" \t\r");
    text.erase(end == std::string::npos ? 0 : end + 1);
  }
  return text;
}

CommentQueue::CommentQueue(const std::vector<Comment>& comments) {
  for (const Comment& c : comments)
    comments_.push_back(&c);
  std::stable_sort(comments_.begin(), comments_.end(), byPosition);
  used_.assign(comments_.size(), false);
}

const Comment* CommentQueue::peek() {
  while (next_ < comments_.size() && used_[next_])
    ++next_;
  return next_ < comments_.size() ? comments_[next_] : nullptr;
}

void CommentQueue::pop() {
  if (peek() != nullptr) used_[next_] = true;
}

const Comment* CommentQueue::popBefore(const SourcePos& limit) {
  const Comment* c = peek();
  if (c == nullptr || !(c->range.begin < limit)) return nullptr;
  pop();
  return c;
}

bool CommentQueue::hasBefore(const SourcePos& limit) {
  return peek() != nullptr && peek()->range.begin < limit;
}

std::vector<const Comment*> CommentQueue::takeBefore(const SourcePos& limit) {
  std::vector<const Comment*> taken;
  while (const Comment* c = popBefore(limit))
    taken.push_back(c);
  return taken;
}

std::vector<const Comment*> CommentQueue::takeOnLine(std::uint32_t line, const SourcePos& from,
                                                     const SourcePos& to) {
  std::vector<const Comment*> taken;
  for (std::size_t i = next_; i < comments_.size(); ++i) {
    const SourcePos& begin = comments_[i]->range.begin;
    if (!(begin < to)) break;
    if (used_[i] || begin < from || begin.line != line) continue;
    used_[i] = true;
    taken.push_back(comments_[i]);
  }
  return taken;
}

void CommentQueue::putBack(const std::vector<const Comment*>& returned) {
  for (const Comment* c : returned) {
    auto it = std::lower_bound(comments_.begin(), comments_.end(), c, byPosition);
    while (it != comments_.end() && *it != c)
      ++it;
    if (it == comments_.end()) continue;
    auto index = static_cast<std::size_t>(it - comments_.begin());
    used_[index] = false;
    next_ = std::min(next_, index);
  }
}

} // namespace seg::format

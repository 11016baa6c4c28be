// Positions and ranges in Seg source files, as the parser and diagnostics see them.
#pragma once

#include <compare>
#include <cstdint>

namespace seg {

using FileId = std::uint32_t;

// 1-based line and column; the column counts Unicode code points, as editors do.
struct SourcePos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
  friend auto operator<=>(const SourcePos&, const SourcePos&) = default;
};

// A half-open range [begin, end) inside one file.
struct SourceRange {
  FileId file = 0;
  SourcePos begin;
  SourcePos end;

  bool valid() const { return begin.line != 0; }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// The smallest range that covers both.
inline SourceRange merge(const SourceRange& a, const SourceRange& b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  SourceRange r = a;
  if (b.begin < r.begin) r.begin = b.begin;
  if (r.end < b.end) r.end = b.end;
  return r;
}

} // namespace seg

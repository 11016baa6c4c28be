// How `seg repl` shows its answers: a typed line's diagnostics with the caret under what was
// typed, a few sample members as a table, and a number's distribution as one text line.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace seg::cli::repl {

// `d` located in source where the typed text starts at column `shift` + 1 of its line,
// rendered as `seg check` renders it, but against the typed text ("<input>:1:COL").
std::string renderTyped(const Diagnostic& d, const std::string& typed, int shift);

// The first `limit` members: the key and a few fields; personal data masked unless `pii`.
void printSample(const Dataset& data, const Members& members, std::size_t limit, bool pii,
                 std::ostream& out);

struct NumberSummary {
  std::uint64_t values = 0, nulls = 0;
  double min = 0, p25 = 0, median = 0, p75 = 0, max = 0, mean = 0;
  std::vector<std::uint64_t> bins; // equal widths from min to max
};
void printSummary(const NumberSummary& summary, std::ostream& out);

// 1234567 → "1,234,567"; a percentage with one decimal.
std::string withCommas(std::uint64_t n);

} // namespace seg::cli::repl

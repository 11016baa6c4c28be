// How `seg repl` shows its answers: a typed line's diagnostics with the caret under what was
// typed, a condition's size with sample members, and a number's distribution — in the
// `:format` chosen.
#pragma once

#include "repl/Tables.h"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <seg/seg.hpp>
#include <string>
#include <vector>

namespace seg::cli::repl {

// `d` located in source where the typed text starts at line `firstLine`, column `shift` + 1,
// rendered as `seg check` renders it, but against the typed text ("LABEL:LINE:COL").
std::string renderTyped(const Diagnostic& d, const std::string& label, const std::string& typed,
                        int firstLine, int shift);

// A run that failed: stopped by Ctrl-C (the session goes on), or why it could not run.
void printRunError(const Error& error, std::ostream& err);

// A condition's answer: its size, how long it took (when timed) and sample members.
struct CountAnswer {
  std::uint64_t contacts = 0;
  double percent = 0;
  std::optional<double> milliseconds;
  std::string engine;
  std::optional<Table> sample;
};
void printCount(const CountAnswer& answer, AnswerFormat format, std::ostream& out);

struct NumberSummary {
  std::uint64_t values = 0, nulls = 0;
  double min = 0, p25 = 0, median = 0, p75 = 0, max = 0, mean = 0;
  std::vector<std::uint64_t> bins; // equal widths from min to max
  std::optional<double> milliseconds;
  std::string engine;
};
void printSummary(const NumberSummary& summary, AnswerFormat format, std::ostream& out);

// 1234567 → "1,234,567".
std::string withCommas(std::uint64_t n);
// A share of contacts with one decimal; "<0.1" when it is not zero but rounds to it.
std::string percentText(double percent);
// A value for people to read: "5,518,230.5" rather than "5.51823e+06".
std::string readableNumber(double value);

} // namespace seg::cli::repl

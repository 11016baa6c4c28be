#include "repl/Answers.h"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>

namespace seg::cli::repl {
namespace {

// Code points, so the caret lines up under non-ASCII text as `seg check`'s does.
std::size_t codePoints(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string number(double v) {
  return fmt::format("{:.6g}", v);
}

} // namespace

std::string withCommas(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string renderTyped(const Diagnostic& d, const std::string& typed, int shift) {
  int column = std::max(1, d.column - shift);
  int end = d.endLine == d.line ? std::max(column + 1, d.endColumn - shift)
                                : static_cast<int>(codePoints(typed)) + 1;
  std::string out = fmt::format("<input>:1:{}: {}: {}\n", column,
                                d.severity == Severity::Error ? "error" : "warning", d.message);
  out += fmt::format(" 1 | {}\n", typed);
  out += fmt::format("   | {}^{}\n", std::string(static_cast<std::size_t>(column - 1), ' '),
                     std::string(static_cast<std::size_t>(std::max(0, end - column - 1)), '~'));
  for (const std::string& hint : d.hints)
    out += fmt::format("   = hint: {}\n", hint);
  return out;
}

void printSample(const Dataset& data, const Members& members, std::size_t limit, bool pii,
                 std::ostream& out) {
  std::vector<std::string> fields{data.schema().keyField().name};
  for (const Field& f : data.schema().fields())
    if (!f.key && fields.size() < 5) fields.push_back(f.name);
  std::vector<std::vector<std::string>> rows{fields};
  std::span<const std::uint32_t> memberRows = members.rows();
  for (std::size_t i = 0; i < memberRows.size() && i < limit; ++i) {
    std::vector<std::string> row;
    for (const std::string& field : fields) {
      Expected<std::optional<std::string>> text = data.fieldText(field, memberRows[i], pii);
      row.push_back(text.ok() && text->has_value() ? **text : "null");
    }
    rows.push_back(std::move(row));
  }
  if (rows.size() == 1) return;
  std::vector<std::size_t> widths(fields.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], codePoints(row[c]));
  for (const auto& row : rows) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c)
      line += " " + row[c] + std::string(widths[c] - codePoints(row[c]) + 1, ' ');
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << line << "\n";
  }
}

void printSummary(const NumberSummary& s, std::ostream& out) {
  out << withCommas(s.values) << " values";
  if (s.nulls > 0) out << ", " << withCommas(s.nulls) << " null";
  out << "\n";
  if (s.values == 0) return;
  out << fmt::format("  min {}  p25 {}  median {}  p75 {}  max {}  mean {}\n", number(s.min),
                     number(s.p25), number(s.median), number(s.p75), number(s.max), number(s.mean));
  if (s.bins.empty()) return;
  static const char* const kBars[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::uint64_t top = *std::max_element(s.bins.begin(), s.bins.end());
  std::string bars;
  for (std::uint64_t bin : s.bins)
    bars += kBars[top == 0 ? 0 : (bin == 0 ? 0 : 1 + (bin * 7) / top)];
  out << fmt::format("  {} |{}| {}  ({} bins)\n", number(s.min), bars, number(s.max),
                     s.bins.size());
}

} // namespace seg::cli::repl

#include "repl/Answers.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

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

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  if (lines.empty()) lines.emplace_back();
  return lines;
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

std::string percentText(double percent) {
  return percent > 0 && percent < 0.05 ? "<0.1" : fmt::format("{:.1f}", percent);
}

std::string readableNumber(double value) {
  if (!std::isfinite(value) || std::fabs(value) < 1000 || std::fabs(value) >= 1e15)
    return fmt::format("{:.6g}", value);
  double whole = std::trunc(std::fabs(value));
  std::string text = (value < 0 ? "-" : "") + withCommas(static_cast<std::uint64_t>(whole));
  double fraction = std::fabs(value) - whole;
  if (fraction >= 0.005) text += fmt::format("{:.2f}", fraction).substr(1); // ".25"
  return text;
}

std::string renderTyped(const Diagnostic& d, const std::string& label, const std::string& typed,
                        int firstLine, int shift) {
  std::vector<std::string> lines = linesOf(typed);
  int line = std::clamp(d.line - firstLine + 1, 1, static_cast<int>(lines.size()));
  const std::string& text = lines[static_cast<std::size_t>(line - 1)];
  int lineShift = line == 1 ? shift : 0; // only the first line has the hidden prefix
  int column = std::max(1, d.column - lineShift);
  int end = d.endLine == d.line ? std::max(column + 1, d.endColumn - lineShift)
                                : static_cast<int>(codePoints(text)) + 1;
  std::string gutter = std::to_string(line);
  std::string pad(gutter.size(), ' ');
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", label, line, column,
                                d.severity == Severity::Error ? "error" : "warning", d.message);
  out += fmt::format(" {} | {}\n", gutter, text);
  out += fmt::format(" {} | {}^{}\n", pad, std::string(static_cast<std::size_t>(column - 1), ' '),
                     std::string(static_cast<std::size_t>(std::max(0, end - column - 1)), '~'));
  for (const std::string& hint : d.hints)
    out += fmt::format(" {} = hint: {}\n", pad, hint);
  return out;
}

void printRunError(const Error& error, std::ostream& err) {
  if (error.code() == ErrorCode::Cancelled)
    err << "cancelled (Ctrl-C); the session goes on\n";
  else
    err << error.message() << "\n";
}

void printCount(const CountAnswer& a, AnswerFormat format, std::ostream& out) {
  if (format == AnswerFormat::Json) {
    nlohmann::ordered_json answer{{"contacts", a.contacts}, {"percent", a.percent}};
    if (a.milliseconds) {
      answer["ms"] = std::round(*a.milliseconds * 10) / 10;
      answer["engine"] = a.engine;
    }
    if (a.sample) answer["sample"] = nlohmann::ordered_json::parse(jsonOf(*a.sample));
    out << answer.dump() << "\n";
    return;
  }
  if (format == AnswerFormat::Csv) {
    out << "contacts,percent" << (a.milliseconds ? ",ms,engine" : "") << "\n"
        << a.contacts << "," << fmt::format("{:.4g}", a.percent);
    if (a.milliseconds) out << fmt::format(",{:.1f},{}", *a.milliseconds, a.engine);
    out << "\n";
    if (a.sample && !a.sample->rows.empty()) {
      out << "\n";
      writeTable(*a.sample, format, out);
    }
    return;
  }
  out << withCommas(a.contacts) << " contacts (" << percentText(a.percent) << " %)";
  if (a.milliseconds) out << fmt::format(" in {:.1f} ms ({})", *a.milliseconds, a.engine);
  out << "\n";
  if (a.sample) writeTable(*a.sample, format, out);
}

void printSummary(const NumberSummary& s, AnswerFormat format, std::ostream& out) {
  if (format == AnswerFormat::Json) {
    nlohmann::ordered_json answer{{"values", s.values}, {"nulls", s.nulls}};
    if (s.values > 0) {
      answer.update({{"min", s.min},
                     {"p25", s.p25},
                     {"median", s.median},
                     {"p75", s.p75},
                     {"max", s.max},
                     {"mean", s.mean},
                     {"bins", s.bins}});
    }
    if (s.milliseconds) {
      answer["ms"] = std::round(*s.milliseconds * 10) / 10;
      answer["engine"] = s.engine;
    }
    out << answer.dump() << "\n";
    return;
  }
  if (format == AnswerFormat::Csv) {
    out << "values,nulls,min,p25,median,p75,max,mean\n" << s.values << "," << s.nulls;
    for (double v : {s.min, s.p25, s.median, s.p75, s.max, s.mean})
      out << "," << (s.values > 0 ? fmt::format("{}", v) : "");
    out << "\n";
    return;
  }
  out << withCommas(s.values) << " values";
  if (s.nulls > 0) out << ", " << withCommas(s.nulls) << " null";
  if (s.milliseconds) out << fmt::format(" in {:.1f} ms ({})", *s.milliseconds, s.engine);
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

// The report page's data: the run document with overlaps and histograms added, embedded
// as JSON in the page (HtmlPage.cpp holds the page itself).
#include "report/HtmlReport.h"

#include "report/BitmapCount.h"
#include "report/HtmlPage.h"
#include "report/ResultFormat.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace seg::report {

namespace {

using Json = nlohmann::ordered_json;

Json overlap(const RunReport& report) {
  Json names = Json::array(), sizes = Json::array(), both = Json::array();
  for (const SegmentReport& s : report.segments) {
    names.push_back(s.name);
    sizes.push_back(s.members);
  }
  const std::size_t n = report.segments.size();
  std::vector<std::vector<std::uint64_t>> shared(n, std::vector<std::uint64_t>(n, 0));
  for (std::size_t i = 0; i < n; ++i) {
    shared[i][i] = report.segments[i].members;
    for (std::size_t j = i + 1; j < n; ++j)
      shared[i][j] = shared[j][i] = sharedMembers(report.segments[i].bits, report.segments[j].bits);
  }
  for (const auto& row : shared)
    both.push_back(row);
  return {{"segments", std::move(names)}, {"members", std::move(sizes)}, {"both", std::move(both)}};
}

Json histogram(const ScoreReport& score, const exec::ContactColumn& column,
               std::uint64_t contacts) {
  std::vector<std::uint64_t> counts(kHistogramBins, 0);
  const double width = (score.max - score.min) / static_cast<double>(kHistogramBins);
  const auto* values = column.data<double>();
  for (std::size_t row = 0; row < contacts; ++row) {
    if (!column.isValid(row) || !std::isfinite(values[row])) continue;
    std::size_t bin = width > 0 ? static_cast<std::size_t>((values[row] - score.min) / width) : 0;
    ++counts[std::min(bin, kHistogramBins - 1)];
  }
  return {{"low", score.min}, {"high", score.max}, {"counts", counts}};
}

// `</` would end the script element the document sits in.
std::string scriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
      out += "<\\/";
      ++i;
      continue;
    }
    out += json[i];
  }
  return out;
}

std::string htmlEscaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

} // namespace

std::string reportDocument(const RunReport& report, const exec::RunResult& result) {
  Json doc = Json::parse(formatJson(report));
  doc["overlap"] = overlap(report);
  for (const ScoreReport& s : report.scores)
    if (s.count > 0 && doc["scores"].contains(s.name))
      doc["scores"][s.name]["histogram"] =
          histogram(s, result.bound->slots.at(s.slot), report.context.contacts);
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string renderHtml(const std::string& document, const std::string& title) {
  std::string page = reportPage();
  replaceAll(page, "@SEG_TITLE@", htmlEscaped(title));
  replaceAll(page, "@SEG_DOCUMENT@", scriptSafe(document));
  return page;
}

} // namespace seg::report

// `seg report`: one self-contained HTML page of a run, drawn by inline JavaScript from the
// run's JSON document (the one `seg run --format json` prints) with what charts need added.
#pragma once

#include "report/RunReport.h"

#include <string>

namespace seg::report {

// formatJson(report) plus "overlap" (every pair of segments' shared members) and each
// score's "histogram" (equal-width bins from min to max).
std::string reportDocument(const RunReport& report, const exec::RunResult& result);

// The page: inline CSS, JavaScript and SVG only, so it opens without a network. The script
// sets the title to "seg report: ok" once every chart is drawn, or names the error.
std::string renderHtml(const std::string& document, const std::string& title);

inline constexpr std::size_t kHistogramBins = 20;

} // namespace seg::report

// The three ways `seg run` prints a report: a table for people, one long CSV table and one
// JSON document for programs. docs/run.md shows each.
#pragma once

#include "report/RunReport.h"

#include <string>

namespace seg::report {

std::string formatTable(const RunReport& report);
// One row per value: kind,name,group,measure,value.
std::string formatCsv(const RunReport& report);
// One JSON document; keys keep the program's definition order.
std::string formatJson(const RunReport& report);

// Shared by the formats.
std::string_view findingKindName(FindingKind kind);
// Percentages in machine output: 3 decimals, so documents do not churn in the last digit.
double roundedPercent(double percent);
// Timings in machine output: milliseconds to the microsecond; more digits are noise.
double roundedMs(double milliseconds);
// "plan=pro;device=mobile".
std::string groupLabel(const exec::MetricResult& metric, const exec::MetricRow& row);

} // namespace seg::report

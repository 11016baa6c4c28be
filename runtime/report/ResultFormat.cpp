#include "report/ResultFormat.h"

#include <cmath>

namespace seg::report {

std::string_view findingKindName(FindingKind kind) {
  switch (kind) {
  case FindingKind::Empty:
    return "empty";
  case FindingKind::TooSmall:
    return "too_small";
  case FindingKind::Everyone:
    return "everyone";
  case FindingKind::Identical:
    return "identical";
  case FindingKind::Contained:
    return "contained";
  case FindingKind::NearDuplicate:
    return "near_duplicate";
  }
  return "unknown";
}

double roundedPercent(double percent) {
  return std::round(percent * 1000) / 1000;
}

double roundedMs(double milliseconds) {
  return std::round(milliseconds * 1000) / 1000;
}

std::string groupLabel(const exec::MetricResult& metric, const exec::MetricRow& row) {
  std::string label;
  for (std::size_t k = 0; k < row.groupKey.size(); ++k) {
    if (k > 0) label += ';';
    if (k < metric.groupBy.size()) label += metric.groupBy[k] + "=";
    label += row.groupKey[k];
  }
  return label;
}

} // namespace seg::report

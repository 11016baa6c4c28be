#include "report/NumberFormat.h"

#include "base/CivilTime.h"

#include <cmath>
#include <fmt/format.h>

namespace seg::report {
namespace {

// Inserts separators into the integral digits of an already formatted number.
std::string groupDigits(std::string text) {
  std::size_t begin = text.starts_with('-') ? 1 : 0;
  std::size_t end = text.find('.');
  if (end == std::string::npos) end = text.size();
  for (std::size_t at = end; at > begin + 3; at -= 3)
    text.insert(at - 3, 1, ',');
  return text;
}

} // namespace

std::string groupedInteger(std::int64_t value) {
  return groupDigits(fmt::format("{}", value));
}

std::string humanNumber(double value, bool integral) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  if (integral || (value == std::floor(value) && std::fabs(value) < 1e15))
    return groupDigits(fmt::format("{:.0f}", value));
  if (std::fabs(value) >= 1e15) return fmt::format("{:.6g}", value);
  if (std::fabs(value) < 1) return fmt::format("{:.3g}", value);
  return groupDigits(fmt::format("{:.2f}", value));
}

std::string percentText(double percent) {
  if (percent > 0 && percent < 0.05) return "<0.1 %";
  if (percent < 100 && percent >= 99.95) return ">99.9 %";
  return fmt::format("{:.1f} %", percent);
}

std::string durationText(double milliseconds) {
  if (milliseconds >= 1000) return fmt::format("{:.2f} s", milliseconds / 1000);
  return fmt::format("{:.1f} ms", milliseconds);
}

std::string isoTimestamp(std::int64_t micros) {
  std::int64_t seconds = base::floorDiv(micros, 1'000'000);
  std::int64_t fraction = micros - seconds * 1'000'000;
  std::int64_t days = base::floorDiv(seconds, base::kSecondsPerDay);
  std::int64_t second = seconds - days * base::kSecondsPerDay;
  base::CivilDate date = base::civilFromDays(days);
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", date.year, date.month,
                                date.day, second / 3600, second / 60 % 60, second % 60);
  if (fraction != 0) out += fmt::format(".{:06d}", fraction);
  return out + "Z";
}

} // namespace seg::report

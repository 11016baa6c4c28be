// The COPY text encoding of `seg export` (cli/pg/CopyRows): escapes, timestamps (also
// before year 1, which PostgreSQL writes with BC), doubles that read back exactly.
#include "warehouse/CopyRows.h"

#include "base/CivilTime.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace seg::warehouse {
namespace {

std::string text(std::string_view value) {
  std::string out;
  appendCopyText(out, value);
  return out;
}

std::string timestamp(std::int64_t micros) {
  std::string out;
  appendCopyTimestamp(out, micros);
  return out;
}

std::string number(double value) {
  std::string out;
  appendCopyFloat(out, value);
  return out;
}

TEST(CopyRows, EscapesTheCharactersCopyReads) {
  EXPECT_EQ(text("plain Zürich"), "plain Zürich");
  EXPECT_EQ(text("a\\b"), "a\\\\b");
  EXPECT_EQ(text("a\tb\nc\rd"), "a\\tb\\nc\\rd");
  EXPECT_EQ(text("\\N"), "\\\\N"); // the text, not NULL
}

TEST(CopyRows, TimestampsAreExactUtc) {
  EXPECT_EQ(timestamp(0), "1970-01-01 00:00:00.000000+00");
  EXPECT_EQ(timestamp(-1), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(timestamp(1'792'886'400'000'001), "2026-10-25 00:00:00.000001+00");
  const std::int64_t yearOne = base::daysFromCivil(1, 1, 1) * base::kMicrosPerDay;
  EXPECT_EQ(timestamp(yearOne), "0001-01-01 00:00:00.000000+00");
  // The proleptic year 0 is 1 BC; year -1 is 2 BC.
  EXPECT_EQ(timestamp(yearOne - 1), "0001-12-31 23:59:59.999999+00 BC");
  EXPECT_EQ(timestamp(base::daysFromCivil(-1, 3, 1) * base::kMicrosPerDay),
            "0002-03-01 00:00:00.000000+00 BC");
}

TEST(CopyRows, DoublesReadBackExactly) {
  for (double value : {0.1, 138.99, 0.30000000000000004, 123456789.12345679, 5e-324, -2.5, 1e300,
                       std::numeric_limits<double>::max(), -0.0}) {
    std::string written = number(value);
    EXPECT_EQ(std::strtod(written.c_str(), nullptr), value) << written;
  }
  EXPECT_EQ(number(138.99), "138.99");
  EXPECT_EQ(number(std::nan("")), "NaN");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(number(-std::numeric_limits<double>::infinity()), "-Infinity");
}

} // namespace
} // namespace seg::warehouse

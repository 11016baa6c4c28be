// Unit tests of `seg run`'s presentation pieces: masking of personal data, numbers for
// people, CSV quoting and text tables.
#include "report/MembersWriter.h"
#include "report/NumberFormat.h"
#include "report/PiiMask.h"
#include "report/TextTable.h"

#include <gtest/gtest.h>

using namespace seg::report;
using seg::runtime::ValueKind;

TEST(PiiMask, EmailKeepsFirstCharacterAndDomain) {
  EXPECT_EQ(maskPii("anna.berg@example.com", ValueKind::String), "a***@example.com");
  EXPECT_EQ(maskPii("x@y.org", ValueKind::String), "x***@y.org");
}

TEST(PiiMask, OtherTextKeepsFirstCharacterOnly) {
  EXPECT_EQ(maskPii("Jonathan", ValueKind::String), "J***");
  EXPECT_EQ(maskPii("Zoë", ValueKind::String), "Z***");
  EXPECT_EQ(maskPii("Émile", ValueKind::String), "É***"); // never splits a character
  EXPECT_EQ(maskPii("@handle", ValueKind::String), "@***");
  EXPECT_EQ(maskPii("trailing@", ValueKind::String), "t***");
  EXPECT_EQ(maskPii("", ValueKind::String), "***");
}

TEST(PiiMask, NonTextIsFullyMasked) {
  EXPECT_EQ(maskPii("12345", ValueKind::Int), "***");
  EXPECT_EQ(maskPii("1.5", ValueKind::Float), "***");
  EXPECT_EQ(maskPii("2026-01-01T00:00:00Z", ValueKind::Timestamp), "***");
  EXPECT_EQ(maskPii("female", ValueKind::Enum), "***");
  EXPECT_EQ(maskPii("true", ValueKind::Bool), "***");
}

TEST(NumberFormat, Integers) {
  EXPECT_EQ(groupedInteger(0), "0");
  EXPECT_EQ(groupedInteger(999), "999");
  EXPECT_EQ(groupedInteger(1000), "1,000");
  EXPECT_EQ(groupedInteger(-1234567), "-1,234,567");
}

TEST(NumberFormat, HumanNumbers) {
  EXPECT_EQ(humanNumber(2000, true), "2,000");
  EXPECT_EQ(humanNumber(15.0), "15");
  EXPECT_EQ(humanNumber(1234.567), "1,234.57");
  EXPECT_EQ(humanNumber(-3.14159), "-3.14");
  EXPECT_EQ(humanNumber(0.012345), "0.0123");
  EXPECT_EQ(humanNumber(1e20), "1e+20");
}

TEST(NumberFormat, Percentages) {
  EXPECT_EQ(percentText(0), "0.0 %");
  EXPECT_EQ(percentText(0.01), "<0.1 %");
  EXPECT_EQ(percentText(12.345), "12.3 %");
  EXPECT_EQ(percentText(99.99), ">99.9 %");
  EXPECT_EQ(percentText(100), "100.0 %");
}

TEST(NumberFormat, Durations) {
  EXPECT_EQ(durationText(0.42), "0.4 ms");
  EXPECT_EQ(durationText(12.34), "12.3 ms");
  EXPECT_EQ(durationText(1234), "1.23 s");
}

TEST(NumberFormat, Timestamps) {
  EXPECT_EQ(isoTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(isoTimestamp(1'793'491'200'000'000), "2026-11-01T00:00:00Z");
  EXPECT_EQ(isoTimestamp(1'500'000), "1970-01-01T00:00:01.500000Z");
  EXPECT_EQ(isoTimestamp(-1'000'000), "1969-12-31T23:59:59Z");
}

TEST(MembersCsv, QuotesOnlyWhenNeeded) {
  std::string out;
  appendCsvField(out, "plain");
  out += ',';
  appendCsvField(out, "a,b");
  out += ',';
  appendCsvField(out, "say \"hi\"");
  out += ',';
  appendCsvField(out, "two\nlines");
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"");
}

TEST(TextTable, AlignsColumnsWithoutTrailingSpaces) {
  TextTable table({{"name", TextTable::Align::Left},
                   {"n", TextTable::Align::Right},
                   {"note", TextTable::Align::Left}});
  table.addRow({"alpha", "1,000", ""});
  table.addRow({"b", "7", "small"});
  table.addRow({"zoë", "12", ""});
  EXPECT_EQ(table.render(), "name       n  note\n"
                            "alpha  1,000\n"
                            "b          7  small\n"
                            "zoë       12\n");
}

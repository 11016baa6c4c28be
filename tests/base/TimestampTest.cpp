// The one timestamp syntax (base/TimestampParser) through both of its callers: the loader's
// value parser (reject kinds) and the literal decoder (the parser's diagnostics, positions).
#include "base/TimestampParser.h"
#include "load/ValueParser.h"
#include "syntax/Literals.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <random>
#include <string>

using seg::runtime::Parsed;
using seg::runtime::parseTimestamp;
using seg::runtime::ValueError;

namespace {

constexpr std::int64_t kSecond = 1'000'000;

// Reference: the C++20 calendar, independent of the parser's days-from-civil arithmetic.
std::int64_t micros(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0,
                    std::int64_t us = 0) {
  using namespace std::chrono;
  const sys_days day = year{y} / month{m} / std::chrono::day{d};
  return (day.time_since_epoch().count() * 86400LL + hh * 3600LL + mm * 60LL + ss) * kSecond + us;
}

// A literal's value, or "message @offset" (the offset counts the '@').
std::string literal(std::string_view text) {
  const seg::Decoded<std::int64_t> d = seg::decodeTimestamp(text);
  if (d.value) return std::to_string(*d.value);
  return d.error + " @" + std::to_string(d.errorOffset);
}

std::string literalHint(std::string_view text) {
  return seg::decodeTimestamp(text).hint;
}

} // namespace

// ---- the syntax, the same for both callers ----

TEST(TimestampSyntax, BothCallersAgreeOnEveryAcceptedForm) {
  for (const char* text :
       {"2026-10-30", "1969-12-31", "1970-01-01", "0000-01-01", "9999-12-31", "2024-02-29",
        "2026-10-30T10:00Z", "2026-10-30T10:00:00Z", "2026-10-30 10:00:00Z",
        "2026-10-30T10:00:00.5Z", "2026-10-30T10:00:00.123456789Z", "2026-10-30T12:00:00+02:00",
        "2026-10-30T12:00:00+0200", "2026-10-30T12:00:00+02", "2026-10-30T05:30-04:30",
        "1969-12-31T23:59:59.999999Z", "2026-10-30t10:00:00z" /* RFC 3339 lowercase */}) {
    const seg::base::TimestampParse base = seg::base::parseTimestamp(text);
    ASSERT_TRUE(base.ok()) << text;
    EXPECT_EQ(parseTimestamp(text).value, base.micros) << text;
    EXPECT_EQ(literal(text), std::to_string(base.micros)) << text;
  }
}

TEST(TimestampSyntax, NineteenSixtyNineIsNegative) {
  EXPECT_EQ(seg::base::parseTimestamp("1969-12-31T23:59:59Z").micros, -kSecond);
  EXPECT_EQ(seg::base::parseTimestamp("1969-12-31T23:59:59.5Z").micros, -kSecond / 2);
  EXPECT_EQ(seg::base::parseTimestamp("1970-01-01T01:00:00+02:00").micros, -3600 * kSecond);
}

TEST(TimestampSyntax, FirstProblemInReadingOrderAndWhetherMisshapen) {
  using E = seg::base::TimestampError;
  struct Case {
    const char* text;
    E error;
    unsigned at;
    bool malformed;
  };
  for (const Case& c :
       {Case{"", E::Empty, 0, true}, Case{"2026-02-30", E::NoSuchDay, 8, false},
        Case{"2026-02-30Tx", E::NoSuchDay, 8, true},
        Case{"2026-13-01T10:00Z", E::NoSuchMonth, 5, false},
        Case{"2026-10-30T24:00Z", E::TimeOfDayOutOfRange, 11, false},
        Case{"2026-10-30T24:00", E::TimeOfDayOutOfRange, 11, false},
        Case{"2026-10-30T10:00", E::MissingZone, 16, false},
        Case{"2026-10-30T10:00+24:00", E::OffsetOutOfRange, 16, false},
        Case{"2026-10-30T10:00+24:00x", E::OffsetOutOfRange, 16, true},
        Case{"2026-10-30T10:00+0200x", E::MalformedOffset, 16, true},
        Case{"2026-10-30T10:00+02:00x", E::TrailingText, 22, true},
        Case{"2026-10-30x10:00Z", E::ExpectedTimeSeparator, 10, true},
        Case{"2026-10-30T10:00y", E::ExpectedZone, 16, true},
        Case{"2026-10-30T10:00:00.1234567890Z", E::TooManyFractionDigits, 29, true}}) {
    const seg::base::TimestampParse got = seg::base::parseTimestamp(c.text);
    EXPECT_EQ(got.error, c.error) << c.text;
    EXPECT_EQ(got.at, c.at) << c.text;
    EXPECT_EQ(got.malformed, c.malformed) << c.text;
  }
}

// ---- the literal decoder's diagnostics (the text after '@') ----

TEST(LiteralTimestamp, MessagesAndCaretPositions) {
  EXPECT_EQ(literal(""), "empty timestamp literal @0");
  EXPECT_EQ(literal("26-03-31"), "expected a 4-digit year @1");
  EXPECT_EQ(literal("2026/03-31"), "expected '-' after the year @5");
  EXPECT_EQ(literal("2026-3-31"), "expected a 2-digit month @6");
  EXPECT_EQ(literal("2026-03/31"), "expected '-' after the month @8");
  EXPECT_EQ(literal("2026-03-3"), "expected a 2-digit day @9");
  EXPECT_EQ(literal("2026-13-01"), "month 13 does not exist @6");
  EXPECT_EQ(literal("2026-00-01"), "month 0 does not exist @6");
  EXPECT_EQ(literal("2026-02-29"), "day 29 does not exist in 2026-02 @9");
  EXPECT_EQ(literal("2100-02-29T10:00Z"), "day 29 does not exist in 2100-02 @9");
  EXPECT_EQ(literal("2026-02-30Tjunk"), "day 30 does not exist in 2026-02 @9");
  EXPECT_EQ(literal("2026-03-31_12:00Z"), "expected 'T' between the date and the time @11");
  EXPECT_EQ(literal("2026-03-31T1:00Z"), "expected a 2-digit hour @12");
  EXPECT_EQ(literal("2026-03-31T12-00Z"), "expected ':' after the hour @14");
  EXPECT_EQ(literal("2026-03-31T12:0Z"), "expected 2-digit minutes @15");
  EXPECT_EQ(literal("2026-03-31T12:00:0Z"), "expected 2-digit seconds @18");
  EXPECT_EQ(literal("2026-03-31T12:00:00.Z"), "expected digits after '.' @21");
  EXPECT_EQ(literal("2026-03-31T12:00:00.1234567890Z"), "too many digits after '.' @30");
  EXPECT_EQ(literal("2026-03-31T25:00Z"), "time of day out of range @12");
  EXPECT_EQ(literal("2026-03-31T25:00:00.Z"), "expected digits after '.' @21");
  EXPECT_EQ(literal("2026-03-31T12:00:00"), "timestamp needs a time zone @20");
  EXPECT_EQ(literal("2026-03-31T12:00+2"), "invalid time zone offset @17");
  EXPECT_EQ(literal("2026-03-31T12:00+02-00"), "invalid time zone offset @17");
  EXPECT_EQ(literal("2026-03-31T12:00+0200x"), "invalid time zone offset @17");
  EXPECT_EQ(literal("2026-03-31T12:00+24:00"), "invalid time zone offset @17");
  EXPECT_EQ(literal("2026-03-31T12:00y"), "expected 'Z' or an offset like +02:00 @17");
  EXPECT_EQ(literal("2026-03-31T12:00ZZ"), "unexpected text after the timestamp @18");
  EXPECT_EQ(literal("2026-03-31T12:00+02:00x"), "unexpected text after the timestamp @23");
}

TEST(LiteralTimestamp, Hints) {
  EXPECT_EQ(literalHint("2026-02-30"), "write @2026-03-31 or @2026-03-31T12:00:00Z");
  EXPECT_EQ(literalHint("2026-03-31T12:00"), "add 'Z' for UTC or an offset like +02:00");
  EXPECT_EQ(literalHint("2026-03-31T12:00+2"), "write offsets as +02:00 or -05:30");
  EXPECT_EQ(literalHint("2026-03-31T12:00:00.1234567890Z"),
            "timestamps keep microseconds: write at most 9 digits after '.'");
}

// ---- the loader's reject kinds ----

TEST(LoaderTimestamp, DateAloneIsMidnightUtc) {
  EXPECT_EQ(parseTimestamp("1970-01-01").value, 0);
  EXPECT_EQ(parseTimestamp("2026-10-30").value, micros(2026, 10, 30));
  EXPECT_EQ(parseTimestamp("1969-12-31").value, -86400 * kSecond);
  EXPECT_EQ(parseTimestamp("0000-01-01").value, micros(0, 1, 1));
  EXPECT_EQ(parseTimestamp("9999-12-31").value, micros(9999, 12, 31));
}

TEST(LoaderTimestamp, AllSupportedForms) {
  const std::int64_t ten = micros(2026, 10, 30, 10);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00Z").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30 10:00:00Z").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00Z").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00.123456Z").value, ten + 123456);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00.1Z").value, ten + 100000);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00.000001Z").value, ten + 1);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00.1234567Z").value, ten + 123456); // truncated
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00.999999999Z").value, ten + 999999);
  EXPECT_EQ(parseTimestamp("2026-10-30T12:00:00+02:00").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T12:00:00+0200").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T12:00:00+02").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T12:00+02:00").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T05:30:00-04:30").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00+00:00").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30T10:00:00-00:00").value, ten);
  EXPECT_EQ(parseTimestamp("2026-10-30 12:00:00.5+02:00").value, ten + 500000);
}

TEST(LoaderTimestamp, OffsetsCrossDayAndYearBoundaries) {
  EXPECT_EQ(parseTimestamp("2027-01-01T01:00:00+02:00").value, micros(2026, 12, 31, 23));
  EXPECT_EQ(parseTimestamp("2026-12-31T23:00:00-02:00").value, micros(2027, 1, 1, 1));
  EXPECT_EQ(parseTimestamp("2024-03-01T00:30:00+01:00").value, micros(2024, 2, 29, 23, 30));
}

TEST(LoaderTimestamp, LeapYears) {
  EXPECT_TRUE(parseTimestamp("2024-02-29").ok());
  EXPECT_TRUE(parseTimestamp("2000-02-29").ok());
  EXPECT_TRUE(parseTimestamp("2400-02-29").ok());
  EXPECT_EQ(parseTimestamp("2026-02-29").error, ValueError::InvalidDate);
  EXPECT_EQ(parseTimestamp("1900-02-29").error, ValueError::InvalidDate);
  EXPECT_EQ(parseTimestamp("2100-02-29T10:00:00Z").error, ValueError::InvalidDate);
}

TEST(LoaderTimestamp, RejectsImpossibleDatesAndTimes) {
  for (const char* text : {"2026-00-10", "2026-13-01", "2026-01-00", "2026-01-32", "2026-04-31",
                           "2026-06-31", "2026-09-31", "2026-11-31", "2026-02-30T10:00:00Z"})
    EXPECT_EQ(parseTimestamp(text).error, ValueError::InvalidDate) << text;
  for (const char* text : {"2026-10-30T24:00:00Z", "2026-10-30T10:60:00Z", "2026-10-30T10:00:60Z",
                           "2026-10-30T99:99Z"})
    EXPECT_EQ(parseTimestamp(text).error, ValueError::InvalidTimeOfDay) << text;
  for (const char* text :
       {"2026-10-30T10:00:00+24:00", "2026-10-30T10:00:00+02:60", "2026-10-30T10:00:00-9999"})
    EXPECT_EQ(parseTimestamp(text).error, ValueError::InvalidZoneOffset) << text;
  EXPECT_EQ(errorFragment(ValueError::InvalidDate),
            "is not a valid timestamp (no such calendar date)");
  EXPECT_EQ(errorFragment(ValueError::InvalidTimeOfDay),
            "is not a valid timestamp (time of day out of range: hours 00-23, minutes and "
            "seconds 00-59)");
  EXPECT_EQ(errorFragment(ValueError::InvalidZoneOffset),
            "is not a valid timestamp (zone offset out of range: at most ±23:59)");
}

TEST(LoaderTimestamp, DateTimeWithoutZoneAsksForOne) {
  for (const char* text : {"2026-10-30T10:00:00", "2026-10-30 10:00", "2026-10-30T10:00:00.5"})
    EXPECT_EQ(parseTimestamp(text).error, ValueError::TimestampWithoutZone) << text;
  EXPECT_EQ(errorFragment(ValueError::TimestampWithoutZone),
            "is not a valid timestamp: it has no time zone (add Z for UTC, like "
            "2026-10-30T10:00:00Z, or an offset like +02:00)");
}

TEST(LoaderTimestamp, RejectsMalformedText) {
  for (const char* text : {"",
                           "2026",
                           "2026-10",
                           "2026-1-30",
                           "2026/10/30",
                           "26-10-30",
                           "20261030",
                           "2026-10-30Z",
                           "2026-10-30T",
                           "2026-10-30T10",
                           "2026-10-30T10:0Z",
                           "2026-10-30T1:00Z",
                           "2026-10-30X10:00Z",
                           "2026-10-30T10:00:0Z",
                           "2026-10-30T10:00:00.Z",
                           "2026-10-30T10:00:00.1234567890Z",
                           "2026-10-30T10:00:00ZZ",
                           "2026-10-30T10:00:00+2",
                           "2026-10-30T10:00:00+020",
                           "2026-10-30T10:00:00+02:0",
                           "2026-10-30T10:00:00+02-00",
                           "2026-10-30T10:00:00 Z",
                           " 2026-10-30",
                           "2026-10-30 ",
                           "2026-10-30T10:00:00UTC",
                           "1e10",
                           "-2026-10-30",
                           "+2026-10-30",
                           "2026-1a-30",
                           "2026-10-30T10:00:00.12a4Z",
                           "2026-10-30T10:00:00z+01",
                           "2026-10-30T25:00:00Zjunk",
                           "2026-02-30T10:00:00+0200x"})
    EXPECT_EQ(parseTimestamp(text).error, ValueError::InvalidTimestamp) << text;
  EXPECT_EQ(errorFragment(ValueError::InvalidTimestamp),
            "is not a valid timestamp (expected ISO-8601 like 2026-10-30T10:00:00Z)");
}

TEST(LoaderTimestamp, AgreesWithChronoOnRandomInstants) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 100000; ++i) {
    const int y = static_cast<int>(rng() % 10000);
    const unsigned m = static_cast<unsigned>(rng() % 12 + 1);
    const unsigned dim = static_cast<unsigned>(
        (std::chrono::year{y} / std::chrono::month{m} / std::chrono::last).day());
    const unsigned d = static_cast<unsigned>(rng() % dim + 1);
    const int hh = static_cast<int>(rng() % 24), mm = static_cast<int>(rng() % 60),
              ss = static_cast<int>(rng() % 60);
    const int us = static_cast<int>(rng() % 1000000);
    const int offset = static_cast<int>(rng() % (24 * 60 * 2 - 1)) - (24 * 60 - 1);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%06d%c%02d:%02d", y, m, d, hh,
                  mm, ss, us, offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
    const Parsed<std::int64_t> got = parseTimestamp(text);
    ASSERT_TRUE(got.ok()) << text;
    ASSERT_EQ(got.value, micros(y, m, d, hh, mm, ss, us) - offset * 60LL * kSecond) << text;
  }
}

TEST(LoaderTimestamp, NeverCrashesOnMutations) {
  std::mt19937_64 rng(5);
  const std::string seed = "2026-10-30T10:00:00.123456+02:00";
  const std::string alphabet = "0123456789-:T Zz+.tx";
  for (int i = 0; i < 200000; ++i) {
    std::string s = seed.substr(0, rng() % (seed.size() + 1));
    for (int k = static_cast<int>(rng() % 4); k > 0 && !s.empty(); --k)
      s[rng() % s.size()] = alphabet[rng() % alphabet.size()];
    const Parsed<std::int64_t> got = parseTimestamp(s);
    if (got.ok()) {
      ASSERT_GE(s.size(), 10u) << s;
    }
  }
}

// The strict value parsers: every accepted spelling, every rejection with its exact message
// fragment, and randomized agreement with independent reference implementations.
#include "load/ValueParser.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace seg::runtime;

namespace {

template <class T> ValueError errorOf(const Parsed<T>& p) {
  return p.error;
}

} // namespace

// ---- ints ----

TEST(ParseInt, AcceptsSignsDigitsAndLeadingZeros) {
  EXPECT_EQ(parseInt("0").value, 0);
  EXPECT_EQ(parseInt("42").value, 42);
  EXPECT_EQ(parseInt("-42").value, -42);
  EXPECT_EQ(parseInt("+42").value, 42);
  EXPECT_EQ(parseInt("-0").value, 0);
  EXPECT_EQ(parseInt("007").value, 7);
  EXPECT_EQ(parseInt("0000000000000000000000000012").value, 12);
  EXPECT_TRUE(parseInt("123").ok());
}

TEST(ParseInt, Limits) {
  EXPECT_EQ(parseInt("9223372036854775807").value, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parseInt("-9223372036854775808").value, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parseInt("9223372036854775808").error, ValueError::IntOutOfRange);
  EXPECT_EQ(parseInt("-9223372036854775809").error, ValueError::IntOutOfRange);
  EXPECT_EQ(parseInt("18446744073709551616").error, ValueError::IntOutOfRange); // wraps to 0
  EXPECT_EQ(parseInt("99999999999999999999").error, ValueError::IntOutOfRange);
  EXPECT_EQ(parseInt("123456789012345678901234567890").error, ValueError::IntOutOfRange);
}

TEST(ParseInt, RejectsEverythingElse) {
  for (const char* text : {"", "-", "+", " 1", "1 ", "1.0", "1e3", "0x10", "--1", "+-1", "1,000",
                           "12a", "a12", "١", "1_000", "\t1", "٣", "NaN"})
    EXPECT_EQ(parseInt(text).error, ValueError::InvalidInt) << text;
  EXPECT_EQ(parseInt("99999999999999999999x").error, ValueError::InvalidInt);
  EXPECT_EQ(errorFragment(ValueError::InvalidInt), "is not a valid int");
  EXPECT_EQ(errorFragment(ValueError::IntOutOfRange),
            "is out of range for an int (-9223372036854775808 to 9223372036854775807)");
}

TEST(ParseInt, AgreesWithFromCharsOnRandomText) {
  std::mt19937_64 rng(7);
  const std::string alphabet = "0123456789-+ .e";
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const int length = static_cast<int>(rng() % 22);
    for (int j = 0; j < length; ++j)
      s += alphabet[rng() % (j == 0 ? alphabet.size() : 10)];
    std::int64_t expected = 0;
    std::string_view digits = s;
    if (digits.starts_with('+') && !digits.substr(1).starts_with('-')) digits.remove_prefix(1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), expected);
    const bool whole = ptr == digits.data() + digits.size() && !digits.empty();
    const Parsed<std::int64_t> got = parseInt(s);
    if (whole && ec == std::errc()) {
      ASSERT_TRUE(got.ok()) << s;
      ASSERT_EQ(got.value, expected) << s;
    } else if (whole && ec == std::errc::result_out_of_range) {
      ASSERT_EQ(got.error, ValueError::IntOutOfRange) << s;
    } else {
      ASSERT_FALSE(got.ok()) << s;
    }
  }
}

// ---- floats ----

TEST(ParseFloat, AcceptsDecimalAndScientific) {
  EXPECT_EQ(parseFloat("0").value, 0.0);
  EXPECT_EQ(parseFloat("12.5").value, 12.5);
  EXPECT_EQ(parseFloat("-12.5").value, -12.5);
  EXPECT_EQ(parseFloat("+12.5").value, 12.5);
  EXPECT_EQ(parseFloat("1e3").value, 1000.0);
  EXPECT_EQ(parseFloat("1.5E-2").value, 0.015);
  EXPECT_EQ(parseFloat("42").value, 42.0);
  EXPECT_EQ(parseFloat(".5").value, 0.5);
  EXPECT_EQ(parseFloat("0.1").value, 0.1);
  EXPECT_EQ(parseFloat("1e-400").value, 0.0); // underflow to zero is still a number
  EXPECT_EQ(parseFloat("1.7976931348623157e308").value, std::numeric_limits<double>::max());
}

TEST(ParseFloat, RejectsNonFiniteAndGarbage) {
  for (const char* text :
       {"",   "+",  "-",    "nan", "NaN",   "-nan", "inf", "-inf", "Infinity", "+inf",
        " 1", "1 ", "1.5x", "1,5", "0x1p3", "e5",   "1e",  "++1",  "+-1",      "..5"})
    EXPECT_EQ(parseFloat(text).error, ValueError::InvalidFloat) << text;
  EXPECT_EQ(parseFloat("1e400").error, ValueError::FloatOutOfRange);
  EXPECT_EQ(parseFloat("-1e400").error, ValueError::FloatOutOfRange);
  EXPECT_EQ(errorFragment(ValueError::InvalidFloat), "is not a valid float");
  EXPECT_EQ(errorFragment(ValueError::FloatOutOfRange), "is out of range for a float");
}

TEST(ParseFloat, AgreesWithStrtodOnRandomNumbers) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> mantissa(-1e6, 1e6);
  for (int i = 0; i < 100000; ++i) {
    char buffer[64];
    const double v = mantissa(rng) * std::pow(10.0, static_cast<int>(rng() % 40) - 20);
    std::snprintf(buffer, sizeof buffer, i % 2 ? "%.17g" : "%.6f", v);
    const Parsed<double> got = parseFloat(buffer);
    ASSERT_TRUE(got.ok()) << buffer;
    ASSERT_EQ(got.value, std::strtod(buffer, nullptr)) << buffer;
  }
}

// ---- bools ----

TEST(ParseBool, AcceptsTheSixSpellingsInAnyCase) {
  for (const char* t : {"true", "TRUE", "True", "tRuE", "yes", "YES", "Yes", "1"})
    EXPECT_EQ(parseBool(t).value, true) << t;
  for (const char* f : {"false", "FALSE", "False", "no", "NO", "No", "0"}) {
    EXPECT_TRUE(parseBool(f).ok()) << f;
    EXPECT_EQ(parseBool(f).value, false) << f;
  }
}

TEST(ParseBool, RejectsOthers) {
  for (const char* text : {"", "t", "f", "y", "n", "2", "01", "truee", "tru", "on", "off", " true",
                           "true ", "nO ", "T\x12UE", "yes\n", "Ｔrue"})
    EXPECT_EQ(parseBool(text).error, ValueError::InvalidBool) << text;
  EXPECT_EQ(errorFragment(ValueError::InvalidBool),
            "is not a valid bool (expected true/false, yes/no or 1/0)");
}

// ---- enums ----

TEST(ParseEnum, ExactMatchOnly) {
  const std::vector<std::string> values = {"web", "email", "sms"};
  EXPECT_EQ(parseEnum("web", values).value, 0u);
  EXPECT_EQ(parseEnum("sms", values).value, 2u);
  EXPECT_TRUE(parseEnum("email", values).ok());
  for (const char* text : {"", "Web", "EMAIL", "we", "webs", " web", "web "})
    EXPECT_EQ(parseEnum(text, values).error, ValueError::InvalidEnum) << text;
  EXPECT_EQ(parseEnum("x", std::vector<std::string>{}).error, ValueError::InvalidEnum);
}

TEST(ParseEnum, MessageListsValuesAndClosest) {
  const std::vector<std::string> values = {"web", "email", "sms"};
  EXPECT_EQ(enumErrorFragment("Email", values),
            "is not a valid enum value (expected one of: web, email, sms; did you mean 'email'?)");
  EXPECT_EQ(enumErrorFragment("smss", values),
            "is not a valid enum value (expected one of: web, email, sms; did you mean 'sms'?)");
  EXPECT_EQ(enumErrorFragment("", values),
            "is not a valid enum value (expected one of: web, email, sms; did you mean 'web'?)");
  EXPECT_EQ(enumErrorFragment("x", std::vector<std::string>{}),
            "is not a valid enum value (the enum has no values)");
}

TEST(ParseEnum, LongEnumsAreAbbreviated) {
  std::vector<std::string> values;
  for (int i = 0; i < 25; ++i)
    values.push_back("v" + std::to_string(i));
  const std::string message = enumErrorFragment("v24x", values);
  EXPECT_NE(message.find("v19, … 5 more; did you mean 'v24'?)"), std::string::npos) << message;
  EXPECT_EQ(message.find("v20,"), std::string::npos) << message;
}

// ---- misc ----

TEST(ValueParser, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("Zoë – 東京"));
  EXPECT_FALSE(isValidUtf8("\xff"));
  EXPECT_FALSE(isValidUtf8("abc\xc3"));
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80")); // a UTF-16 surrogate
  EXPECT_EQ(errorFragment(ValueError::InvalidUtf8), "is not valid UTF-8");
}

TEST(ValueParser, EveryErrorHasAFragment) {
  EXPECT_EQ(errorFragment(ValueError::None), "");
  EXPECT_EQ(errorFragment(ValueError::EmptyNotNullable),
            "is empty, but the column is not nullable");
  EXPECT_EQ(errorFragment(ValueError::InvalidEnum), "is not a valid enum value");
  for (int e = 1; e <= static_cast<int>(ValueError::InvalidUtf8); ++e)
    EXPECT_TRUE(errorFragment(static_cast<ValueError>(e)).starts_with("is ")) << e;
}

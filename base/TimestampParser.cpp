// A single forward scan at fixed positions: no heap, no locale, no table beyond the month
// lengths; it runs once per timestamp field of a gigabyte-sized import.
#include "base/TimestampParser.h"

#include "base/CivilTime.h"

namespace seg::base {
namespace {

inline int digitAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return -1;
  const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
  return d <= 9 ? static_cast<int>(d) : -1;
}

// Two decimal digits at s[i], or -1; one bounds check for both.
inline int twoDigitsAt(std::string_view s, std::size_t i) {
  if (i + 2 > s.size()) return -1;
  const unsigned hi = static_cast<unsigned char>(s[i]) - unsigned{'0'};
  const unsigned lo = static_cast<unsigned char>(s[i + 1]) - unsigned{'0'};
  return (hi > 9 || lo > 9) ? -1 : static_cast<int>(hi * 10 + lo);
}

inline bool isLeapYear(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

inline int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

// Reads on past a field out of range, so that misshapen text after it still counts as
// misshapen; the first problem of either kind is the one reported.
class Scan {
public:
  TimestampParse misshapen(TimestampError error, std::size_t at) {
    result_.malformed = true;
    if (result_.error == TimestampError::None) note(error, at);
    return result_;
  }
  void outOfRange(TimestampError error, std::size_t at) {
    if (result_.error == TimestampError::None) note(error, at);
  }
  bool inRange() const { return result_.error == TimestampError::None; }
  TimestampParse done(std::int64_t micros) {
    if (inRange()) result_.micros = micros;
    return result_;
  }

private:
  void note(TimestampError error, std::size_t at) {
    result_.error = error;
    result_.at = static_cast<std::uint32_t>(at);
  }
  TimestampParse result_;
};

// The first misshapen part of a date too short or without its dashes, field by field.
TimestampParse misshapenDate(std::string_view s, Scan& scan) {
  using E = TimestampError;
  if (twoDigitsAt(s, 0) < 0 || twoDigitsAt(s, 2) < 0) return scan.misshapen(E::ExpectedYear, 0);
  if (s.size() <= 4 || s[4] != '-') return scan.misshapen(E::ExpectedYearDash, 4);
  if (twoDigitsAt(s, 5) < 0) return scan.misshapen(E::ExpectedMonth, 5);
  if (s.size() <= 7 || s[7] != '-') return scan.misshapen(E::ExpectedMonthDash, 7);
  return scan.misshapen(E::ExpectedDay, 8); // shorter than 10 characters
}

} // namespace

TimestampParse parseTimestamp(std::string_view s) {
  using E = TimestampError;
  Scan scan;
  if (s.empty()) return scan.misshapen(E::Empty, 0);

  // The date: YYYY-MM-DD at fixed positions, its length and dashes checked at once.
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return misshapenDate(s, scan);
  const int century = twoDigitsAt(s, 0);
  const int yearInCentury = twoDigitsAt(s, 2);
  if (century < 0 || yearInCentury < 0) return scan.misshapen(E::ExpectedYear, 0);
  const int month = twoDigitsAt(s, 5);
  if (month < 0) return scan.misshapen(E::ExpectedMonth, 5);
  const int day = twoDigitsAt(s, 8);
  if (day < 0) return scan.misshapen(E::ExpectedDay, 8);
  const int year = century * 100 + yearInCentury;
  if (month < 1 || month > 12)
    scan.outOfRange(E::NoSuchMonth, 5);
  else if (day < 1 || day > daysInMonth(year, month))
    scan.outOfRange(E::NoSuchDay, 8);
  const std::int64_t days =
      scan.inRange() ? daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))
                     : 0;
  if (s.size() == 10) return scan.done(days * kMicrosPerDay);

  // The time: 'T' or ' ' (RFC 3339 allows 't' too), hh:mm, optional :ss, optional .fraction.
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
    return scan.misshapen(E::ExpectedTimeSeparator, 10);
  const int hour = twoDigitsAt(s, 11);
  if (hour < 0) return scan.misshapen(E::ExpectedHour, 11);
  if (s.size() <= 13 || s[13] != ':') return scan.misshapen(E::ExpectedHourColon, 13);
  const int minute = twoDigitsAt(s, 14);
  if (minute < 0) return scan.misshapen(E::ExpectedMinutes, 14);
  std::size_t i = 16;
  int second = 0;
  std::int64_t fractionMicros = 0;
  if (i < s.size() && s[i] == ':') {
    second = twoDigitsAt(s, 17);
    if (second < 0) return scan.misshapen(E::ExpectedSeconds, 17);
    i = 19;
    if (i < s.size() && s[i] == '.') {
      ++i;
      int digits = 0;
      std::int64_t fraction = 0;
      for (int d; (d = digitAt(s, i)) >= 0; ++i, ++digits) {
        if (digits == 9) return scan.misshapen(E::TooManyFractionDigits, i);
        fraction = fraction * 10 + d;
      }
      if (digits == 0) return scan.misshapen(E::ExpectedFraction, i);
      static constexpr std::int64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
      fractionMicros = digits <= 6 ? fraction * kScale[6 - digits] : fraction / kScale[digits - 6];
    }
  }
  if (hour > 23 || minute > 59 || second > 59) scan.outOfRange(E::TimeOfDayOutOfRange, 11);
  if (i == s.size()) {
    scan.outOfRange(E::MissingZone, i);
    return scan.done(0);
  }

  // The zone: Z, or ±hh:mm, ±hhmm, ±hh; the two compact forms end the text.
  int offsetMinutes = 0;
  const char zone = s[i];
  if (zone == 'Z' || zone == 'z') {
    ++i;
  } else if (zone == '+' || zone == '-') {
    const std::size_t sign = i;
    const int offsetHour = twoDigitsAt(s, i + 1);
    if (offsetHour < 0) return scan.misshapen(E::MalformedOffset, sign);
    i += 3;
    int offsetMinute = 0;
    if (i < s.size()) {
      const bool colon = s[i] == ':';
      offsetMinute = twoDigitsAt(s, colon ? i + 1 : i);
      i += colon ? 3 : 2;
      if (offsetMinute < 0 || (!colon && i != s.size()))
        return scan.misshapen(E::MalformedOffset, sign);
    }
    if (offsetHour > 23 || offsetMinute > 59) scan.outOfRange(E::OffsetOutOfRange, sign);
    offsetMinutes = (offsetHour * 60 + offsetMinute) * (zone == '-' ? -1 : 1);
  } else {
    return scan.misshapen(E::ExpectedZone, i);
  }
  if (i != s.size()) return scan.misshapen(E::TrailingText, i);

  const std::int64_t seconds =
      days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return scan.done(seconds * kMicrosPerSecond + fractionMicros);
}

} // namespace seg::base

// How a plan's values move when only `now` moves: every use of `now` (a window, a comparison
// with `now ± d`, `now − t` against a duration, days_since …) becomes probes over a contact's
// own timestamps, so that its values can change only when `now` reaches one of them. What the
// timer of a live evaluation (ChangeTimes) is made from.
#pragma once

#include "plan/Plan.h"

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace seg::runtime::live {

// Timestamps of one contact: a contact field, or one column of its events of one type (every
// event of the type, whatever a filter keeps: a superset of the moments is safe).
struct TimeSource {
  bool events = false;
  std::int32_t index = -1; // the contact field, or the event type
  std::int32_t column = 0; // events: the property (0 is `at`)
  auto operator<=>(const TimeSource&) const = default;
};

// A value may change when `now` reaches t + offset for a timestamp t of the source, or with a
// period, t + offset + k × period for any whole k (days_since, hours_since).
struct TimeProbe {
  TimeSource source;
  std::int64_t offset = 0;
  std::int64_t period = 0;
  auto operator<=>(const TimeProbe&) const = default;
};

struct TimeDependence {
  bool readsNow = false;
  // Why the probes cannot bound the moments a value changes, as a verb phrase ("decays
  // continuously …"); empty when they do.
  std::string untimed;
  std::vector<TimeProbe> probes; // sorted, no repeats
  // Moments at which every contact's value may change (`now` compared with a constant).
  std::vector<std::int64_t> instants;
};

// The time dependence of everything `plan` evaluates (cut it down with selectSlots first).
TimeDependence timeDependence(const plan::Plan& plan);

} // namespace seg::runtime::live

// seg::Result: what one run computed: members per segment and partition branch, per-contact
// score values with their distribution, metric rows per group, and the run's warnings.
// Thread-safety: immutable (member keys are materialized once, under a lock, when first
// asked for); copies share state and may be read from any threads at once.
#pragma once

#include "seg/Error.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace seg {

namespace detail {
struct ResultData;
}

// The members of a segment or of a partition's branch ("lifecycle.active").
class Members {
public:
  const std::string& name() const;
  std::uint64_t count() const;
  double percent() const; // of all contacts
  // Bit r (word r/64, bit r%64) set: contact row r is a member. Views the result's memory.
  std::span<const std::uint64_t> bitmap() const;
  bool contains(std::size_t row) const;
  // Contact rows, ascending; views memory the result keeps (made on first call).
  std::span<const std::uint32_t> rows() const;
  // The members' contact keys, in row order. Int keys: views memory the result keeps
  // (made on first call); an error for a string key.
  Expected<std::span<const std::int64_t>> intKeys() const;
  // Any key type, as text (string keys as they are, int keys in decimal).
  std::vector<std::string> keys() const;

  Members(std::shared_ptr<const detail::ResultData> data, std::size_t index);

private:
  std::shared_ptr<const detail::ResultData> data_;
  std::size_t index_;
};

struct Partition {
  std::string name;
  std::vector<Members> branches; // in declaration order
  std::uint64_t unassigned = 0;  // contacts in no branch (possible without `else`)
};

// What K-means found for a `cluster` definition (also a partition: partition(name) gives
// each branch's members). Branches c1 … ck, largest first.
struct Cluster {
  std::string name;
  std::uint64_t seed = 1;
  std::vector<std::string> features;
  std::vector<std::string> branches;          // "c1" … "ck"
  std::vector<std::uint64_t> sizes;           // members per branch
  std::vector<std::vector<double>> centroids; // [branch][feature], in the features' units
  std::uint64_t clustered = 0;                // contacts with no null feature
  std::uint64_t unassigned = 0;               // contacts with a null feature
  double inertia = 0;                         // Σ squared standardized distances
  std::size_t iterations = 0;
  bool converged = false;
};

// Quantiles interpolate linearly between order statistics (type 7); meaningful when count > 0.
struct Distribution {
  std::uint64_t count = 0; // contacts with a value
  std::uint64_t nulls = 0;
  double min = 0, p25 = 0, median = 0, p75 = 0, max = 0, mean = 0;
};

class Score {
public:
  const std::string& name() const;
  // One value per contact row, viewing the result's memory; a null row's value is
  // unspecified: check validity() or use valuesWithNaN().
  std::span<const double> values() const;
  std::span<const std::uint64_t> validity() const; // bit r set: row r has a value
  std::vector<double> valuesWithNaN() const;       // a copy, NaN where null
  Distribution distribution() const;

  Score(std::shared_ptr<const detail::ResultData> data, std::size_t index);

private:
  std::shared_ptr<const detail::ResultData> data_;
  std::size_t index_;
};

struct MetricRow {
  std::vector<std::string> group; // values of the `by` fields, as text ("null" for null)
  std::optional<double> value;    // nullopt: undefined for the group (e.g. no contacts)
  std::uint64_t contacts = 0;     // contacts in the group's population
};

struct Metric {
  std::string name;
  std::vector<std::string> groupBy; // empty: one row
  std::vector<MetricRow> rows;      // sorted by group
};

// A segment that is probably a mistake: empty, everyone, too small, or (nearly) the same
// audience as another.
struct Finding {
  // "empty", "too_small", "everyone", "identical", "contained", "near_duplicate"
  std::string kind;
  std::string segment;
  std::string other;
  std::string message;
};

// Where a run's time went, in milliseconds (what `seg run --format json` reports).
struct Timings {
  double compile = 0; // JIT code made for this run (0 once compiled or cached)
  double run = 0;     // the evaluation: bind + stages + ranks + metrics
  double bind = 0;
  std::vector<double> stages;
  double ranks = 0;
  double metrics = 0;
};

class Result {
public:
  std::size_t contacts() const;
  Timings timings() const;
  std::int64_t nowMicros() const;
  const std::string& engine() const;     // what ran: "jit" or "interp"
  const std::string& engineNote() const; // why it is not the engine asked for, if so

  std::vector<std::string> segmentNames() const;
  std::vector<std::string> partitionNames() const;
  std::vector<std::string> scoreNames() const;
  std::vector<std::string> metricNames() const;
  std::vector<std::string> clusterNames() const;

  // NotFound errors say what the program has ("did you mean …").
  Expected<Members> segment(std::string_view name) const; // also "partition.branch"
  Expected<Partition> partition(std::string_view name) const;
  Expected<Score> score(std::string_view name) const;
  Expected<Metric> metric(std::string_view name) const;
  Expected<Cluster> cluster(std::string_view name) const;
  const std::vector<Finding>& findings() const;

  // The documents `seg run --format json|csv|table` prints (timings included).
  std::string toJson(bool withTimings = true) const;
  std::string toCsv() const;
  std::string toTable() const;

  explicit Result(std::shared_ptr<const detail::ResultData> data);

private:
  std::shared_ptr<const detail::ResultData> data_;
};

} // namespace seg

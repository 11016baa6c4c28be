// The opaque handles of the C API (seg.h), each wrapping public C++ API values, and the
// guards that turn seg::Error values and exceptions into status codes and seg_error objects.
#pragma once

#include "seg/seg.h"
#include "seg/seg.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <new>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct seg_error {
  explicit seg_error(seg::Error e);

  seg::Error error;
  std::vector<std::string> hints; // per diagnostic, joined by "\n": C wants one string
};

struct seg_dataset {
  seg::Dataset dataset;
  std::string bindNotes; // Dataset::bindNotes(), one a line
};

struct seg_program {
  explicit seg_program(seg::Program p);

  seg::Program program;
  std::string warnings; // every warning rendered, one after the other
};

struct seg_run_options {
  seg::RunOptions options;
};

struct seg_cancel_token {
  std::stop_source source; // request_stop is thread-safe; runs hold tokens of it
};

namespace seg::capi {

// What the C API hands out as pointers for one segment or partition branch: the C++ API
// returns copies, so they are made once, on first use, and kept as long as the result.
struct MemberCache {
  explicit MemberCache(Members m) : members(std::move(m)) {}
  Members members;
  std::once_flag textOnce;
  std::vector<std::string> text;
  std::vector<const char*> textPointers;
};

struct ScoreCache {
  explicit ScoreCache(Score s) : score(std::move(s)) {}
  Score score;
  std::once_flag valuesOnce;
  std::vector<double> valuesWithNaN;
};

struct MetricCache {
  std::once_flag once;
  Metric metric;
};

// Keyed by name, looked up with a C string without making a std::string.
template <class T> using ByName = std::map<std::string, T, std::less<>>;

// The entry of `name` (null for a null name or none), const when the map is.
template <class Map> auto find(Map& map, const char* name) -> decltype(&map.begin()->second) {
  if (name == nullptr) return nullptr;
  auto it = map.find(std::string_view(name));
  return it == map.end() ? nullptr : &it->second;
}

} // namespace seg::capi

// The maps get their keys when the result is made and no key is added afterwards, so
// readers on many threads need no lock; the copies behind each entry are made lazily under
// once_flags (hence `mutable`: the C API reads through a const seg_result*).
struct seg_result {
  explicit seg_result(seg::Result r);

  seg::Result result;
  std::vector<std::string> names[5]; // per SEG_KIND_*, in definition order
  seg::capi::ByName<seg::Cluster> clusters;
  seg::capi::ByName<std::vector<std::string>> branches;      // branch names per partition
  mutable seg::capi::ByName<seg::capi::MemberCache> members; // segments, "partition.branch"
  mutable seg::capi::ByName<seg::capi::ScoreCache> scores;
  mutable seg::capi::ByName<seg::capi::MetricCache> metrics;
  mutable std::once_flag jsonOnce;
  mutable std::string json;
};

namespace seg::capi {

// Stores `error` in *err (when err is not null) and returns its code. Should even the
// seg_error not be allocatable, *err stays null: the code still says what happened.
int fail(seg_error** err, Error error) noexcept;
// SEG_ERROR_INVALID_ARGUMENT: "<function>: <argument> is null".
int nullArgument(seg_error** err, const char* function, const char* argument) noexcept;
int invalidArgument(seg_error** err, const char* function, const std::string& why) noexcept;

// SEG_ERROR_INTERNAL: "<function>: internal error: <what>" (or out of memory).
int internalError(seg_error** err, const char* function, const char* what) noexcept;

// Runs `body` (returning a status) with *err cleared first; an exception, which must never
// cross into C, becomes SEG_ERROR_INTERNAL naming the function.
template <class F> int guarded(seg_error** err, const char* function, F&& body) noexcept {
  if (err != nullptr) *err = nullptr;
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return internalError(err, function, nullptr);
  } catch (const std::exception& e) {
    return internalError(err, function, e.what());
  } catch (...) {
    return internalError(err, function, "an unknown exception");
  }
}

// For the calls that answer a value instead of a status: an exception gives `fallback`.
template <class T, class F> T answered(T fallback, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fallback;
  }
}

} // namespace seg::capi

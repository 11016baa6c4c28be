// A value or the reason there is none (C++23's std::expected, reduced to a text reason):
// how the runtime returns the errors its callers must handle, rather than throwing them.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace seg::base {

// The reason of a failed Expected: `return base::Unexpected{"why"};`.
struct Unexpected {
  std::string reason;
};

template <class T> class Expected {
public:
  // From anything a T is made of (a kernel from a pointer to its subclass, say).
  template <class U = T>
  requires std::is_constructible_v<T, U&&> &&
      (!std::is_same_v<std::decay_t<U>, Expected>)Expected(U&& value)
      : value_(std::in_place, std::forward<U>(value)) {}
  Expected(Unexpected failure) : error_(std::move(failure.reason)) {}
  // From the Expected of a type a T is made of, keeping its reason.
  template <class U>
  requires(!std::is_same_v<U, T>) && std::is_constructible_v<T, U&&> Expected(Expected<U>&& other) {
    if (other)
      value_.emplace(std::move(*other));
    else
      error_ = std::move(other).error();
  }

  explicit operator bool() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  // The value, where its absence is a broken invariant (in tests, say): std::logic_error.
  T& value() & { return checked(), *value_; }
  T&& value() && { return checked(), std::move(*value_); }
  // Empty when there is a value.
  const std::string& error() const& { return error_; }
  std::string error() && { return std::move(error_); }

private:
  void checked() const {
    if (!value_) throw std::logic_error("no value: " + error_);
  }

  std::optional<T> value_;
  std::string error_;
};

} // namespace seg::base

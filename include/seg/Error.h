// Errors of the public API as values: a code, a message, and for compile errors the
// diagnostics with file, line, column and the rendered caret text. Expected<T> holds a
// value or an Error. Thread-safety: plain values; copies are independent.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace seg {

// The same numbers as the C API's SEG_ERROR_* codes.
enum class ErrorCode : int {
  InvalidArgument = 1, // a null, empty or malformed argument (a bad `now`, a bad column)
  Compile = 2,         // the program has errors: see diagnostics()
  Data = 3,            // data that cannot be opened or loaded (the message says why)
  SchemaMismatch = 4,  // the program and the dataset have different schemas
  NotFound = 5,        // no definition (segment, score, …) of that name
  Internal = 6,        // a bug in Seg: please report it
  Cancelled = 7,       // the run was stopped through RunOptions::stop
};

enum class Severity { Error, Warning };

// One diagnostic of a compilation, located in its file (line and column are 1-based; the
// column counts code points; 0 when the problem concerns a whole file).
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  int line = 0;
  int column = 0;
  int endLine = 0;
  int endColumn = 0;
  std::string message;
  std::vector<std::string> hints;
  std::string rendered; // as `seg check` prints it: location, source line, caret, hints
};

class Error {
public:
  Error(ErrorCode code, std::string message, std::vector<Diagnostic> diagnostics = {})
      : code_(code), message_(std::move(message)), diagnostics_(std::move(diagnostics)) {}

  ErrorCode code() const { return code_; }
  // For compile errors, every rendered diagnostic and the summary line.
  const std::string& message() const { return message_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  ErrorCode code_;
  std::string message_;
  std::vector<Diagnostic> diagnostics_;
};

// A value or the error that prevented it. Reading value() of an error is a programming
// mistake (it throws std::bad_variant_access); check ok() first.
template <class T> class Expected {
public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

private:
  std::variant<T, Error> state_;
};

} // namespace seg

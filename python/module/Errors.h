// Seg's errors as Python exceptions: seg.Error and one subclass per seg::ErrorCode, raised
// from an Error value; Diagnostic values as seg.Diagnostic tuples.
#pragma once

#include "seg/Error.h"

#include <pybind11/pybind11.h>
#include <string>
#include <utility>

namespace segpy {

namespace py = pybind11;

// Raises the subclass of seg.Error for error.code(), with .code and .diagnostics set.
// Needs the GIL.
[[noreturn]] void raise(const seg::Error& error);
// seg.InvalidArgumentError (also a ValueError) with this message.
[[noreturn]] void raiseInvalid(const std::string& message);

// The value, or raises its error.
template <class T> T unwrap(seg::Expected<T>&& expected) {
  if (!expected) raise(expected.error());
  return std::move(expected).value();
}

// A seg.Diagnostic: (file, line, column, message, hint) plus severity, end_line,
// end_column, hints and rendered attributes.
py::object diagnostic(const seg::Diagnostic& d);
py::list diagnostics(const std::vector<seg::Diagnostic>& list);

// A value of one of the small record types the prelude defines (Finding, Definition).
py::object record(const char* type, py::tuple fields);

} // namespace segpy

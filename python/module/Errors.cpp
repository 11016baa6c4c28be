// seg.Error and its subclasses, seg.Diagnostic and the module's other small record types.
// They are defined in Python (the prelude below), which makes them ordinary classes: named
// tuples that unpack, and an exception hierarchy with multiple bases (NotFoundError is also
// a KeyError) that pybind11's register_exception cannot express.
#include "Errors.h"

#include "Bindings.h"

#include <pybind11/eval.h>
#include <pybind11/stl.h>

namespace segpy {
namespace {

constexpr const char* kPrelude = R"PY(
from collections import namedtuple as _namedtuple


class Error(Exception):
    """An error of Seg. `code` is the number of seg::ErrorCode (and of the C API's
    SEG_ERROR_*); for compile errors `diagnostics` lists every problem."""

    def __init__(self, message, code=0, diagnostics=()):
        super().__init__(message)
        self.code = code
        self.diagnostics = list(diagnostics)

    def __str__(self):
        return str(self.args[0]) if self.args else ""


class InvalidArgumentError(Error, ValueError):
    """A malformed argument: a bad `now`, engine or column."""


class CompileError(Error):
    """The program has errors; str() is the diagnostics as `seg check` prints them."""


class DataError(Error):
    """Data that cannot be opened, loaded or bound; the message says why."""


class SchemaMismatchError(Error):
    """The program and the dataset have different schemas."""


class NotFoundError(Error, KeyError):
    """No definition (segment, score, field, ...) of that name."""


class InternalError(Error):
    """A bug in Seg: please report it."""


class CancelledError(Error):
    """The run was stopped before it completed."""


class Diagnostic(_namedtuple("Diagnostic", "file line column message hint")):
    """One problem of a compilation: unpacks as (file, line, column, message, hint), with
    the first hint or None; also severity, end_line, end_column, hints and rendered (the
    caret text `seg check` prints). Line and column are 1-based, 0 for a whole file."""

    def __new__(cls, file, line, column, message, hint=None, *, severity="error",
                end_line=0, end_column=0, hints=(), rendered=""):
        self = super().__new__(cls, file, line, column, message, hint)
        self.severity = severity
        self.end_line = end_line
        self.end_column = end_column
        self.hints = list(hints)
        self.rendered = rendered
        return self

    def __str__(self):
        return self.rendered or (
            f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}")


Finding = _namedtuple("Finding", "kind segment other message")
Finding.__doc__ = """A segment that is probably a mistake: kind is "empty", "too_small",
"everyone", "identical", "contained" or "near_duplicate"; other is the segment it is
compared with, or ""."""

Definition = _namedtuple("Definition", "name kind file line")
Definition.__doc__ = """A definition of a program: kind is "segment", "partition", "score"
or "metric"; file and line locate it."""
)PY";

// The classes, looked up once. The references are kept for the life of the process on
// purpose: releasing them from a static destructor would run after Python has finalized.
struct Classes {
  py::handle error, invalidArgument, compile, data, schemaMismatch, notFound, internal, cancelled;
  py::handle diagnostic;
  py::handle module;
};
Classes classes;

py::handle classFor(seg::ErrorCode code) {
  switch (code) {
  case seg::ErrorCode::InvalidArgument:
    return classes.invalidArgument;
  case seg::ErrorCode::Compile:
    return classes.compile;
  case seg::ErrorCode::Data:
    return classes.data;
  case seg::ErrorCode::SchemaMismatch:
    return classes.schemaMismatch;
  case seg::ErrorCode::NotFound:
    return classes.notFound;
  case seg::ErrorCode::Internal:
    return classes.internal;
  case seg::ErrorCode::Cancelled:
    return classes.cancelled;
  }
  return classes.error;
}

} // namespace

void bindErrors(py::module_& m) {
  py::dict scope = m.attr("__dict__");
  py::exec(kPrelude, scope);
  auto keep = [&](const char* name) { return py::handle(m.attr(name)).inc_ref(); };
  classes = {keep("Error"),          keep("InvalidArgumentError"), keep("CompileError"),
             keep("DataError"),      keep("SchemaMismatchError"),  keep("NotFoundError"),
             keep("InternalError"),  keep("CancelledError"),       keep("Diagnostic"),
             py::handle(m).inc_ref()};
}

void raise(const seg::Error& error) {
  py::handle type = classFor(error.code());
  py::object instance =
      type(error.message(), static_cast<int>(error.code()), diagnostics(error.diagnostics()));
  PyErr_SetObject(type.ptr(), instance.ptr());
  throw py::error_already_set();
}

void raiseInvalid(const std::string& message) {
  raise(seg::Error(seg::ErrorCode::InvalidArgument, message));
}

py::object diagnostic(const seg::Diagnostic& d) {
  py::object hint = d.hints.empty() ? py::object(py::none()) : py::str(d.hints.front());
  return classes.diagnostic(d.file, d.line, d.column, d.message, hint,
                            py::arg("severity") =
                                d.severity == seg::Severity::Error ? "error" : "warning",
                            py::arg("end_line") = d.endLine, py::arg("end_column") = d.endColumn,
                            py::arg("hints") = d.hints, py::arg("rendered") = d.rendered);
}

py::list diagnostics(const std::vector<seg::Diagnostic>& list) {
  py::list out;
  for (const seg::Diagnostic& d : list)
    out.append(diagnostic(d));
  return out;
}

py::object record(const char* type, py::tuple fields) {
  return classes.module.attr(type)(*fields);
}

} // namespace segpy

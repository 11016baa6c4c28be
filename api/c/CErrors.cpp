// The C API's errors: seg_error made from seg::Error (code, message, diagnostics), the
// helpers every other unit reports through, and the seg_error_* accessors.
#include "CHandles.h"

#include <string>

// The C codes are the C++ ErrorCode numbers, so an error's code passes through unchanged.
static_assert(static_cast<int>(seg::ErrorCode::InvalidArgument) == SEG_ERROR_INVALID_ARGUMENT &&
              static_cast<int>(seg::ErrorCode::Compile) == SEG_ERROR_COMPILE &&
              static_cast<int>(seg::ErrorCode::Data) == SEG_ERROR_DATA &&
              static_cast<int>(seg::ErrorCode::SchemaMismatch) == SEG_ERROR_SCHEMA_MISMATCH &&
              static_cast<int>(seg::ErrorCode::NotFound) == SEG_ERROR_NOT_FOUND &&
              static_cast<int>(seg::ErrorCode::Internal) == SEG_ERROR_INTERNAL &&
              static_cast<int>(seg::ErrorCode::Cancelled) == SEG_ERROR_CANCELLED);

seg_error::seg_error(seg::Error e) : error(std::move(e)) {
  for (const seg::Diagnostic& d : error.diagnostics()) {
    std::string joined;
    for (const std::string& hint : d.hints)
      joined += (joined.empty() ? "" : "\n") + hint;
    hints.push_back(std::move(joined));
  }
}

namespace seg::capi {

int fail(seg_error** err, Error error) noexcept {
  int code = static_cast<int>(error.code());
  if (err != nullptr) {
    try {
      *err = new seg_error(std::move(error));
    } catch (...) {
      *err = nullptr;
    }
  }
  return code;
}

int nullArgument(seg_error** err, const char* function, const char* argument) noexcept {
  try {
    return fail(err, Error(ErrorCode::InvalidArgument,
                           std::string(function) + ": " + argument + " is null"));
  } catch (...) { // the message could not be made: the code alone
    return SEG_ERROR_INVALID_ARGUMENT;
  }
}

int invalidArgument(seg_error** err, const char* function, const std::string& why) noexcept {
  try {
    return fail(err, Error(ErrorCode::InvalidArgument, std::string(function) + ": " + why));
  } catch (...) {
    return SEG_ERROR_INVALID_ARGUMENT;
  }
}

int internalError(seg_error** err, const char* function, const char* what) noexcept {
  try {
    std::string message =
        std::string(function) + ": " +
        (what == nullptr ? std::string("out of memory") : std::string("internal error: ") + what);
    return fail(err, Error(ErrorCode::Internal, std::move(message)));
  } catch (...) {
    return SEG_ERROR_INTERNAL;
  }
}

} // namespace seg::capi

namespace {

const seg::Diagnostic* diagnostic(const seg_error* e, size_t i) {
  if (e == nullptr || i >= e->error.diagnostics().size()) return nullptr;
  return &e->error.diagnostics()[i];
}

} // namespace

int seg_error_code(const seg_error* e) {
  return e == nullptr ? SEG_ERROR_INVALID_ARGUMENT : static_cast<int>(e->error.code());
}

const char* seg_error_message(const seg_error* e) {
  return e == nullptr ? "" : e->error.message().c_str();
}

size_t seg_error_diagnostic_count(const seg_error* e) {
  return e == nullptr ? 0 : e->error.diagnostics().size();
}

int seg_error_diagnostic_severity(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  if (d == nullptr) return -1;
  return d->severity == seg::Severity::Error ? SEG_SEVERITY_ERROR : SEG_SEVERITY_WARNING;
}

const char* seg_error_diagnostic_file(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  return d == nullptr ? "" : d->file.c_str();
}

int seg_error_diagnostic_line(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  return d == nullptr ? 0 : d->line;
}

int seg_error_diagnostic_column(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  return d == nullptr ? 0 : d->column;
}

const char* seg_error_diagnostic_message(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  return d == nullptr ? "" : d->message.c_str();
}

const char* seg_error_diagnostic_hint(const seg_error* e, size_t i) {
  return diagnostic(e, i) == nullptr ? "" : e->hints[i].c_str();
}

const char* seg_error_diagnostic_rendered(const seg_error* e, size_t i) {
  const seg::Diagnostic* d = diagnostic(e, i);
  return d == nullptr ? "" : d->rendered.c_str();
}

void seg_error_free(seg_error* e) {
  delete e;
}

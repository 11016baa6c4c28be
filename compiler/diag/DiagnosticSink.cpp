#include "diag/DiagnosticSink.h"

#include <algorithm>

namespace seg {

Diagnostic& DiagnosticSink::add(Diagnostic d) {
  (d.severity == Severity::Error ? errors_ : warnings_)++;
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

Diagnostic& DiagnosticSink::error(SourceRange range, std::string message) {
  return add({Severity::Error, range, range.file, std::move(message), {}, {}});
}

Diagnostic& DiagnosticSink::warning(SourceRange range, std::string message) {
  return add({Severity::Warning, range, range.file, std::move(message), {}, {}});
}

Diagnostic& DiagnosticSink::fileError(FileId file, std::string message) {
  return add({Severity::Error, {}, file, std::move(message), {}, {}});
}

void DiagnosticSink::sortByLocation() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.file != b.file) return a.file < b.file;
                     return a.range.begin < b.range.begin;
                   });
}

} // namespace seg

#include "diag/DiagnosticSink.h"

#include <algorithm>

namespace seg {

SourceDiagnostic& DiagnosticSink::add(SourceDiagnostic d) {
  (d.severity == DiagSeverity::Error ? errors_ : warnings_)++;
  diagnostics_.push_back(std::move(d));
  return diagnostics_.back();
}

SourceDiagnostic& DiagnosticSink::error(SourceRange range, std::string message) {
  return add({DiagSeverity::Error, range, range.file, std::move(message), {}, {}});
}

SourceDiagnostic& DiagnosticSink::warning(SourceRange range, std::string message) {
  return add({DiagSeverity::Warning, range, range.file, std::move(message), {}, {}});
}

SourceDiagnostic& DiagnosticSink::fileError(FileId file, std::string message) {
  return add({DiagSeverity::Error, {}, file, std::move(message), {}, {}});
}

void DiagnosticSink::sortByLocation() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const SourceDiagnostic& a, const SourceDiagnostic& b) {
                     if (a.file != b.file) return a.file < b.file;
                     return a.range.begin < b.range.begin;
                   });
}

} // namespace seg

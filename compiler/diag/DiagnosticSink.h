// Collects the diagnostics of one compilation, in the order they were found.
#pragma once

#include "diag/SourceDiagnostic.h"

#include <cstddef>
#include <string>
#include <vector>

namespace seg {

class DiagnosticSink {
public:
  // Returns the stored diagnostic so callers can attach hints and notes.
  SourceDiagnostic& error(SourceRange range, std::string message);
  SourceDiagnostic& warning(SourceRange range, std::string message);
  SourceDiagnostic& fileError(FileId file, std::string message);

  std::size_t errorCount() const { return errors_; }
  std::size_t warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ > 0; }
  const std::vector<SourceDiagnostic>& all() const { return diagnostics_; }
  // Orders by file then position, keeping the report order for equal positions.
  void sortByLocation();

private:
  SourceDiagnostic& add(SourceDiagnostic d);

  std::vector<SourceDiagnostic> diagnostics_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

} // namespace seg

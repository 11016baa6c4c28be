// A diagnostic is a value: what went wrong, where, and what might fix it.
#pragma once

#include "source/SourceRange.h"

#include <string>
#include <vector>

namespace seg {

enum class DiagSeverity { Error, Warning };

// A secondary location that explains the main one ("first defined here").
struct DiagnosticNote {
  SourceRange range;
  std::string message;
};

struct SourceDiagnostic {
  DiagSeverity severity = DiagSeverity::Error;
  SourceRange range; // may be invalid for file-level problems (unreadable file)
  FileId file = 0;   // used when `range` is invalid
  std::string message;
  std::vector<std::string> hints;
  std::vector<DiagnosticNote> notes;
};

} // namespace seg

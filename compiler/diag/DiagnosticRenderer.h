// Renders diagnostics as text: `file:line:col: error: …`, the quoted line, a caret
// under the exact range, then hints and notes.
#pragma once

#include "diag/SourceDiagnostic.h"
#include "source/SourceManager.h"

#include <string>

namespace seg {

struct RenderOptions {
  bool color = false;
};

std::string renderDiagnostic(const SourceDiagnostic& d, const SourceManager& sources,
                             const RenderOptions& options = {});

// "2 errors, 1 warning" (empty when there is nothing to report).
std::string renderSummary(std::size_t errors, std::size_t warnings);

} // namespace seg

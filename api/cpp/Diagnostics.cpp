// Compiler diagnostics turned into the public seg::Diagnostic values, rendered exactly as
// `seg check` prints them, and the NotFound errors of name lookups.
#include "Detail.h"
#include "base/Suggest.h"
#include "diag/DiagnosticRenderer.h"

#include <fmt/format.h>

namespace seg::detail {
namespace {

bool wanted(const SourceDiagnostic& d, bool errors, bool warnings) {
  return d.severity == DiagSeverity::Error ? errors : warnings;
}

} // namespace

std::vector<Diagnostic> publicDiagnostics(const Compilation& compilation, bool errors,
                                          bool warnings) {
  std::vector<Diagnostic> out;
  const SourceManager& sources = compilation.program->sources;
  for (const SourceDiagnostic& d : compilation.diagnostics.all()) {
    if (!wanted(d, errors, warnings)) continue;
    Diagnostic p;
    p.severity = d.severity == DiagSeverity::Error ? Severity::Error : Severity::Warning;
    FileId file = d.range.valid() ? d.range.file : d.file;
    if (file < sources.fileCount()) p.file = sources.file(file).path();
    if (d.range.valid()) {
      p.line = static_cast<int>(d.range.begin.line);
      p.column = static_cast<int>(d.range.begin.column);
      p.endLine = static_cast<int>(d.range.end.line);
      p.endColumn = static_cast<int>(d.range.end.column);
    }
    p.message = d.message;
    p.hints = d.hints;
    p.rendered = renderDiagnostic(d, sources);
    out.push_back(std::move(p));
  }
  return out;
}

std::string renderAll(const Compilation& compilation, bool errors, bool warnings) {
  std::string text;
  std::size_t errorCount = 0, warningCount = 0;
  for (const SourceDiagnostic& d : compilation.diagnostics.all()) {
    if (!wanted(d, errors, warnings)) continue;
    text += renderDiagnostic(d, compilation.program->sources);
    ++(d.severity == DiagSeverity::Error ? errorCount : warningCount);
  }
  std::string summary = renderSummary(errorCount, warningCount);
  if (!summary.empty()) text += summary + "\n";
  return text;
}

Error compileError(const Compilation& compilation) {
  return Error(ErrorCode::Compile, renderAll(compilation, true, true),
               publicDiagnostics(compilation, true, true));
}

Error notFound(std::string_view what, std::string_view name,
               const std::vector<std::string>& known) {
  std::string message = fmt::format("the program has no {} named '{}'", what, name);
  if (auto close = base::closestName(std::string(name), known))
    message += fmt::format("; did you mean '{}'?", *close);
  else if (known.empty())
    message += fmt::format(" (it has no {}s)", what);
  return Error(ErrorCode::NotFound, std::move(message));
}

} // namespace seg::detail

#include "Inputs.h"

#include "diag/DiagnosticRenderer.h"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <unistd.h>

namespace seg::cli {

std::vector<CompileInput> inputsFrom(const std::vector<std::string>& files) {
  std::vector<CompileInput> inputs;
  bool stdinRead = false;
  for (const std::string& file : files) {
    if (file == "-") {
      if (stdinRead) continue; // standard input can be read once
      stdinRead = true;
      std::string text((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
      inputs.push_back({"<stdin>", std::move(text), true, {}});
    } else {
      inputs.push_back({file, {}, false, {}});
    }
  }
  return inputs;
}

bool useColor(ColorMode mode) {
  if (mode != ColorMode::Auto) return mode == ColorMode::Always;
  const char* noColor = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) != 0 && (noColor == nullptr || *noColor == '\0') &&
         (term == nullptr || std::string_view(term) != "dumb");
}

void printDiagnostics(const Compilation& compilation, ColorMode mode) {
  RenderOptions render{useColor(mode)};
  for (const SourceDiagnostic& d : compilation.diagnostics.all())
    std::fputs(renderDiagnostic(d, compilation.program->sources, render).c_str(), stderr);
  std::string summary =
      renderSummary(compilation.diagnostics.errorCount(), compilation.diagnostics.warningCount());
  if (!summary.empty()) std::fputs((summary + "\n").c_str(), stderr);
}

} // namespace seg::cli

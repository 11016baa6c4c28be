// Parsing one in-memory file for the parser and formatter tests.
#include "TestParse.h"

#include "diag/DiagnosticRenderer.h"

namespace seg::test {

std::vector<std::string> Parsed::messages() const {
  std::vector<std::string> out;
  for (const SourceDiagnostic& d : diagnostics.all()) {
    std::string text = renderDiagnostic(d, sources);
    out.push_back(text.substr(0, text.find('\n')));
  }
  return out;
}

std::string Parsed::rendered() const {
  std::string out;
  for (const SourceDiagnostic& d : diagnostics.all())
    out += renderDiagnostic(d, sources);
  return out;
}

std::unique_ptr<Parsed> parse(const std::string& text, const ParseLimits& limits) {
  auto parsed = std::make_unique<Parsed>();
  FileId id = parsed->sources.addFile("test.seg", text);
  parsed->result = parseFile(parsed->sources.file(id), parsed->diagnostics, limits);
  return parsed;
}

} // namespace seg::test

#include "TestCompile.h"

#include <fstream>
#include <sstream>

#ifndef SEG_SOURCE_DIR
#error "SEG_SOURCE_DIR must point at the source tree"
#endif

namespace seg::test {

std::string sourceDir() {
  return SEG_SOURCE_DIR;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const std::string& crmSchema() {
  static const std::string schema = readFile(sourceDir() + "/examples/crm/crm.schema.seg");
  return schema;
}

Compilation compileText(const std::string& text, const std::string& name) {
  return compile({CompileInput{name, text, true}});
}

Compilation compileWithSchema(const std::string& text) {
  return compileText(crmSchema() + "\n" + text);
}

std::string renderAll(const Compilation& compilation) {
  std::string out;
  for (const SourceDiagnostic& d : compilation.diagnostics.all())
    out += renderDiagnostic(d, compilation.program->sources);
  return out;
}

std::vector<std::string> messages(const Compilation& compilation) {
  std::vector<std::string> out;
  for (const SourceDiagnostic& d : compilation.diagnostics.all()) {
    std::string text = renderDiagnostic(d, compilation.program->sources);
    out.push_back(text.substr(0, text.find('\n')));
  }
  return out;
}

} // namespace seg::test

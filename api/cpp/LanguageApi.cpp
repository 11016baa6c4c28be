// The language's words, from the grammar's vocabulary and the function table.
#include "Detail.h"
#include "format/Formatter.h"
#include "plan/FunctionRegistry.h"
#include "seg/Language.h"
#include "syntax/Keywords.h"
#include "syntax/Parser.h"

#include <algorithm>

namespace seg {

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> words = keywordNames();
  return words;
}

const std::vector<std::string>& functionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = plan::allFunctionNames();
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }();
  return names;
}

Expected<std::string> formatSource(std::string_view text, std::string_view name) {
  Compilation compilation;
  compilation.program = std::make_unique<CheckedProgram>();
  FileId file = compilation.program->sources.addFile(std::string(name), std::string(text));
  ParseResult parsed = parseFile(compilation.program->sources.file(file), compilation.diagnostics);
  if (parsed.hadErrors) return detail::compileError(compilation);
  return formatModule(*parsed.module, parsed.comments);
}

} // namespace seg

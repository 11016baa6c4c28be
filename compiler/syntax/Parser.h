// Parses one Seg source file into an AST, reporting syntax errors as diagnostics.
#pragma once

#include "ast/Decl.h"
#include "diag/DiagnosticSink.h"
#include "source/SourceManager.h"

#include <memory>
#include <string>
#include <vector>

namespace seg {

// A `//` or `/* */` comment, kept so `seg fmt` can put it back.
struct Comment {
  SourceRange range;
  std::string text;        // as written, including the comment markers
  bool startsLine = false; // nothing but whitespace before it on its line
};

struct ParseLimits {
  // Deepest nesting of brackets and prefix operators accepted; deeper input is rejected
  // before parsing so that no input can exhaust the stack.
  std::uint32_t maxNesting = 256;
  // Syntax errors reported per file before the parser gives up on it.
  std::uint32_t maxSyntaxErrors = 25;
  // Deepest expression tree built; long operator chains count one level per operator.
  std::uint32_t maxExprDepth = 1000;
};

struct ParseResult {
  std::unique_ptr<Module> module; // always set; partial when there were errors
  std::vector<Comment> comments;
  bool hadErrors = false;
};

ParseResult parseFile(const SourceFile& file, DiagnosticSink& diagnostics,
                      const ParseLimits& limits = {});

} // namespace seg

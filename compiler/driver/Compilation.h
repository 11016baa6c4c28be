// Loads the files of a program (and, once each, every module they import), parses and
// checks them. The entry point for `seg check` and every later command.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/CheckedProgram.h"
#include "syntax/Parser.h"

#include <memory>
#include <string>
#include <vector>

namespace seg {

struct CompileInput {
  // A constructor rather than an aggregate, so call sites may leave the last ones out.
  CompileInput(std::string path_, std::string text_ = {}, bool fromMemory_ = false,
               std::string importDir_ = {})
      : path(std::move(path_)), text(std::move(text_)), fromMemory(fromMemory_),
        importDir(std::move(importDir_)) {}

  std::string path; // as the user wrote it; "-" or "<stdin>" for standard input
  std::string text; // used when `fromMemory` (stdin, tests)
  bool fromMemory = false;
  std::string importDir; // where a text from memory resolves its imports; empty: the cwd
};

struct CompileSettings {
  std::string stdlibDir; // where `import "std/…"` looks; empty = SEG_STDLIB_DIR or built-in
  ParseLimits limits;
  bool check = true; // false: parse and resolve imports only (`seg fmt`)
};

struct Compilation {
  std::unique_ptr<CheckedProgram> program;
  DiagnosticSink diagnostics;
  std::vector<std::vector<Comment>> comments; // per module, parallel to program->modules

  bool ok() const { return !diagnostics.hasErrors(); }
};

Compilation compile(const std::vector<CompileInput>& inputs, const CompileSettings& options = {});

// The standard library folder: $SEG_STDLIB_DIR, else the one this build was made with.
std::string defaultStdlibDir();

} // namespace seg

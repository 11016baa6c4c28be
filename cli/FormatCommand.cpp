// `seg fmt`: print (or rewrite) files in canonical layout; refuses files with syntax errors.
#include "Commands.h"
#include "Inputs.h"
#include "base/AtomicFile.h"
#include "format/Formatter.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

namespace seg::cli {

int runFormat(const FormatOptions& options) {
  int status = 0;
  for (CompileInput& input : inputsFrom(options.files)) {
    CompileSettings compileOptions;
    compileOptions.check = false;
    std::string path = input.path;
    bool fromStdin = input.fromMemory;
    // Imports are not followed: formatting looks at one file's syntax only.
    Compilation compilation;
    compilation.program = std::make_unique<CheckedProgram>();
    FileId file = 0;
    if (fromStdin) {
      file = compilation.program->sources.addFile(path, std::move(input.text));
    } else {
      std::string error;
      auto loaded = compilation.program->sources.loadFile(path, error);
      if (!loaded) {
        std::fprintf(stderr, "seg fmt: cannot read %s: %s\n", path.c_str(), error.c_str());
        status = 1;
        continue;
      }
      file = *loaded;
    }
    ParseResult parsed =
        parseFile(compilation.program->sources.file(file), compilation.diagnostics);
    if (parsed.hadErrors) {
      printDiagnostics(compilation, options.color);
      std::fprintf(stderr, "seg fmt: %s has syntax errors; not formatted\n", path.c_str());
      status = 1;
      continue;
    }
    std::string formatted = formatModule(*parsed.module, parsed.comments);
    const std::string& original = compilation.program->sources.file(file).text();
    if (options.check) {
      if (formatted != original) {
        std::printf("%s\n", path.c_str());
        status = 1;
      }
    } else if (options.write && !fromStdin) {
      std::string error;
      if (formatted != original && !base::writeFileAtomically(
                                       path, [&](std::ostream& out) { out << formatted; }, error)) {
        std::fprintf(stderr, "seg fmt: cannot write %s: %s\n", path.c_str(), error.c_str());
        status = 1;
      }
    } else {
      std::fwrite(formatted.data(), 1, formatted.size(), stdout);
    }
  }
  return status;
}

} // namespace seg::cli

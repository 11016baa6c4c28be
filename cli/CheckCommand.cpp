// `seg check`: parse and check files, print diagnostics, optionally dump the checked AST.
#include "Commands.h"
#include "Inputs.h"
#include "ast/AstPrinter.h"

#include <fmt/format.h>

namespace seg::cli {
namespace {

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string describeProgram(const CheckedProgram& program) {
  std::size_t files = 0;
  for (const LoadedModule& m : program.modules)
    files += m.module ? 1 : 0;
  return fmt::format("{}, {}, {}, {}, {}, {}, {}", plural(files, "file"),
                     plural(program.schema.contactFields.size(), "contact field"),
                     plural(program.schema.events.size(), "event"),
                     plural(program.segmentCount, "segment"),
                     plural(program.partitionCount, "partition"),
                     plural(program.scoreCount, "score"), plural(program.metrics.size(), "metric"));
}

} // namespace

int runCheck(const CheckOptions& options) {
  Compilation compilation = compile(inputsFrom(options.files));
  printDiagnostics(compilation, options.color);
  if (options.dumpAst) {
    for (const LoadedModule& loaded : compilation.program->modules)
      fmt::print("{}", printAst(*loaded.module, compilation.program->sources));
  }
  if (!compilation.ok()) return 1;
  if (!options.quiet && !options.dumpAst)
    fmt::print("ok: {}\n", describeProgram(*compilation.program));
  return 0;
}

} // namespace seg::cli

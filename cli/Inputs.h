// Reads the command line's file arguments ("-" = standard input) into compile inputs and
// prints diagnostics the way every command does.
#pragma once

#include "Commands.h"
#include "driver/Compilation.h"

namespace seg::cli {

std::vector<CompileInput> inputsFrom(const std::vector<std::string>& files);
bool useColor(ColorMode mode);
// Prints every diagnostic and the "N errors, M warnings" line to stderr.
void printDiagnostics(const Compilation& compilation, ColorMode mode);

} // namespace seg::cli

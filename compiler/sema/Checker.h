// Checks a loaded program: schema, definitions, types, dependencies. Fills in the AST's
// types and resolutions and the program's evaluation order.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/Program.h"

namespace seg {

void checkProgram(Program& program, DiagnosticSink& diagnostics);

} // namespace seg

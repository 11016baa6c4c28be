// Checks a loaded program: schema, definitions, types, dependencies. Fills in the AST's
// types and resolutions and the program's evaluation order.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/CheckedProgram.h"

namespace seg {

void checkProgram(CheckedProgram& program, DiagnosticSink& diagnostics);

} // namespace seg

// Builds the CheckedSchema from every `schema { … }` block of a program: field and event
// names, types, nullability, the contact key and personal-data marks.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/CheckedProgram.h"

namespace seg {

void checkSchema(CheckedProgram& program, DiagnosticSink& diagnostics);

} // namespace seg

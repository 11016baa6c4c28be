// Builds the checked Schema from every `schema { … }` block of a program: field and event
// names, types, nullability, the contact key and personal-data marks.
#pragma once

#include "diag/DiagnosticSink.h"
#include "sema/Program.h"

namespace seg {

void checkSchema(Program& program, DiagnosticSink& diagnostics);

} // namespace seg

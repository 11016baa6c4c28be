// Helpers for tests: compile in-memory sources and render their diagnostics as text.
#pragma once

#include "diag/DiagnosticRenderer.h"
#include "driver/Compilation.h"

#include <string>
#include <vector>

namespace seg::test {

// The example CRM schema (examples/crm/crm.schema.seg), read from the source tree.
const std::string& crmSchema();
std::string readFile(const std::string& path);
std::string sourceDir();

// Compiles one in-memory file named `name`.
Compilation compileText(const std::string& text, const std::string& name = "test.seg");
// Compiles `text` after the CRM schema, as one file (so line numbers count the schema).
Compilation compileWithSchema(const std::string& text);
// All diagnostics rendered without colour, one after the other.
std::string renderAll(const Compilation& compilation);
// Only the first line ("file:l:c: error: message") of each diagnostic.
std::vector<std::string> messages(const Compilation& compilation);

} // namespace seg::test

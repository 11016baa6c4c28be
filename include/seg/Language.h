// The words of the Seg language, for tools that complete or highlight it (the REPL, editors).
// Thread-safety: the lists are built once and never change; read them from any thread.
#pragma once

#include "seg/Error.h"

#include <string>
#include <string_view>
#include <vector>

namespace seg {

// Keywords (`segment`, `within`, `and`, …), sorted.
const std::vector<std::string>& keywords();
// Builtin functions and aggregates (`count`, `days_since`, `lower`, …), sorted.
const std::vector<std::string>& functionNames();

// Source text in the canonical layout, as `seg fmt` writes it (comments kept); a Compile
// error with the diagnostics when it has syntax errors. Only syntax is looked at.
Expected<std::string> formatSource(std::string_view text, std::string_view name = "<source>");

} // namespace seg

// The language's keywords, read from the lexer's vocabulary so the list cannot drift from the
// grammar (for completion in the REPL and editors).
#pragma once

#include <string>
#include <vector>

namespace seg {

// Every word-like literal token of the grammar (`segment`, `within`, `and`, …), sorted.
std::vector<std::string> keywordNames();

} // namespace seg

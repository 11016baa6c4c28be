// Prints a parsed Seg module in its canonical layout (`seg fmt`), keeping every comment.
#pragma once

#include "ast/Decl.h"
#include "syntax/Parser.h"

#include <string>
#include <vector>

namespace seg {

// `module` and `comments` must come from a parse without syntax errors: declarations the
// parser dropped cannot be printed. The result ends with a newline (it is empty for a file
// without code or comments), parses to the same tree, and formats to itself.
std::string formatModule(const Module& module, const std::vector<Comment>& comments);

} // namespace seg

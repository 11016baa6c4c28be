// Dumps a module's tree for `seg check --ast`: one node per line, indented by depth, with
// each name's resolution and each expression's type once the checker has set them.
#pragma once

#include "ast/Decl.h"
#include "source/SourceManager.h"

#include <string>

namespace seg {

// Deterministic: the same tree always prints the same text. Declarations, schema blocks,
// fields, branches and score items end with `@path:line:col`; expressions carry no location.
std::string printAst(const Module& module, const SourceManager& sources);

} // namespace seg

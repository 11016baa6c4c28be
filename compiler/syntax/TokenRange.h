// Source ranges of ANTLR tokens and parse-tree nodes.
#pragma once

#include "source/SourceRange.h"

namespace antlr4 {
class Token;
class ParserRuleContext;
} // namespace antlr4

namespace seg {

SourceRange rangeOfToken(FileId file, const antlr4::Token* token);
// From the start of the first token to the end of the last; invalid for empty contexts.
SourceRange rangeOfContext(FileId file, const antlr4::ParserRuleContext* context);

} // namespace seg

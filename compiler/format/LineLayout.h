// Line breaking: prints one logical line, breaking its chains that do not fit and placing
// the comments found inside it between its pieces.
#pragma once

#include "format/Output.h"
#include "format/Pieces.h"
#include "syntax/Parser.h"

#include <cstddef>
#include <vector>

namespace seg::format {

// Prints `line` starting on a new output line at `indent`; `comments` are those inside it.
// Returns the comments after its last token, which the caller treats like those after the
// line, so that they land where they will be found again when the output is formatted.
std::vector<const Comment*> layOutLine(Output& out, const LogicalLine& line,
                                       const std::vector<const Comment*>& comments,
                                       std::size_t indent);

} // namespace seg::format

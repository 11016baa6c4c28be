// The tokens of one logical line as they will be printed, with the chains the layout may
// break over lines: what PieceBuilder produces and LineLayout consumes.
#pragma once

#include "source/SourceRange.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace seg::format {

enum class Role : std::uint8_t {
  Plain,
  // Tokens without a position that stick to the token before them (`)`, `,`, `=`, `is
  // null`): a comment after that token goes after them. Every token that can end an operand
  // is positioned or sticky, so a comment placed before a chain operator is found after the
  // same token when the output is formatted again.
  Sticky,
  AddSub,  // binary `+`/`-`: must never start a line (it would start a new score rule)
  ChainOp, // `and`/`or` of a chain, or a metric's `for`/`by`: the layout may break before it
};

// One token of a logical line as it will be printed.
struct Piece {
  std::string text;
  SourcePos pos; // no line: keywords and punctuation the tree keeps no position for
  Role role = Role::Plain;
  bool glueLeft = false;  // no space before
  bool glueRight = false; // no space after
  int chain = -1;         // ChainOp: the chain it belongs to
};

// Pieces [first, last) that the layout may spread over lines, one operand per line: an
// `and`/`or` chain, or a metric's value and clauses.
struct Chain {
  std::size_t first = 0;
  std::size_t last = 0;
  int parent = -1;
};

// Everything one declaration, field, branch or score item prints, before layout.
struct LogicalLine {
  std::vector<Piece> pieces;
  std::vector<Chain> chains;
};

} // namespace seg::format

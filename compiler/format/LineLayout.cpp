// Lays out one logical line: where each comment inside it goes, which chains break, and
// where code continues after a comment that ends a line.
#include "format/LineLayout.h"

#include "format/Comments.h"

#include <string>
#include <string_view>

namespace seg::format {
namespace {

constexpr std::size_t kLineLimit = 100;
// Extra indentation of a line that a comment inside an expression forced to start.
constexpr std::size_t kContinuation = 4;

bool hasPosition(const SourcePos& pos) {
  return pos.line != 0;
}

// Tracks whether a space separates the next token from the previous one.
struct Spacing {
  bool atStart = true;
  bool glueRight = false;
  bool spaceBefore(bool glueLeft) const { return !atStart && !glueLeft && !glueRight; }
  void placed(bool right) {
    atStart = false;
    glueRight = right;
  }
};

// Places the comments found inside a logical line between its pieces, breaks chains that
// do not fit, and starts a new line after every comment that must end one.
class LineLayout {
public:
  LineLayout(Output& out, const LogicalLine& line, const std::vector<const Comment*>& comments,
             std::size_t indent)
      : out_(out), pieces_(line.pieces), chains_(line.chains), bySlot_(pieces_.size() + 1),
        broken_(chains_.size(), false), chainColumn_(chains_.size(), 0), indent_(indent) {
    for (const Comment* c : comments)
      bySlot_[slotFor(*c)].push_back(c);
  }

  const std::vector<const Comment*>& trailing() const { return bySlot_.back(); }

  void run() {
    out_.startLine(indent_);
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
      for (const Comment* c : bySlot_[i])
        placeComment(*c, i);
      placePiece(i);
    }
  }

private:
  // A comment that ends a line follows the token before it (and the punctuation that
  // sticks to that token); any other comment precedes the token after it. Both depend only
  // on the order of comments and positioned tokens, which formatting keeps.
  std::size_t slotFor(const Comment& c) const {
    if (endsLine(c.text)) return slotAfterPrevious(c.range.begin);
    for (std::size_t i = 0; i < pieces_.size(); ++i)
      if (hasPosition(pieces_[i].pos) && c.range.begin < pieces_[i].pos) return i;
    return pieces_.size();
  }

  std::size_t slotAfterPrevious(const SourcePos& pos) const {
    std::size_t slot = 0;
    for (std::size_t i = 0; i < pieces_.size(); ++i)
      if (hasPosition(pieces_[i].pos) && pieces_[i].pos < pos) slot = i + 1;
    while (slot < pieces_.size() && pieces_[slot].role == Role::Sticky)
      ++slot;
    if (slot < pieces_.size() && pieces_[slot].role == Role::AddSub) return slot + 1;
    // Before a chain operator the comment can end the operand's line once the chain breaks.
    if (slot > 0 && pieces_[slot - 1].role == Role::ChainOp) return slot - 1;
    return slot;
  }

  void placeComment(const Comment& c, std::size_t slot) {
    std::string text = commentText(c);
    if (pendingBreak_) newLine(continuationIndent(slot));
    if (endsLine(text)) {
      out_.addTrailing(text, continuationIndent(slot));
      pendingBreak_ = true;
    } else {
      place(text, false, false);
    }
  }

  void placePiece(std::size_t i) {
    const Piece& piece = pieces_[i];
    if (piece.role == Role::ChainOp && broken_[static_cast<std::size_t>(piece.chain)]) {
      newLine(chainColumn_[static_cast<std::size_t>(piece.chain)]);
    } else if (pendingBreak_) {
      newLine(continuationIndent(i));
    }
    startChains(i);
    place(piece.text, piece.glueLeft, piece.glueRight);
  }

  void place(const std::string& text, bool glueLeft, bool glueRight) {
    out_.append(text, spacing_.spaceBefore(glueLeft));
    spacing_.placed(glueRight);
  }

  void newLine(std::size_t indent) {
    out_.breakLine(indent);
    spacing_ = Spacing{};
    pendingBreak_ = false;
  }

  // Decides, when a chain's first token is about to be placed, whether it breaks.
  void startChains(std::size_t i) {
    for (std::size_t k = 0; k < chains_.size(); ++k) {
      if (chains_[k].first != i) continue;
      bool space = spacing_.spaceBefore(pieces_[i].glueLeft);
      std::size_t column = out_.lineEmpty() ? out_.lineIndent() : out_.column() + (space ? 1 : 0);
      chainColumn_[k] = column;
      int parent = chains_[k].parent;
      if (parent >= 0) {
        if (!broken_[static_cast<std::size_t>(parent)]) continue;
        // `and` lines line up with the `or` operands, not with the `or` keywords.
        chainColumn_[k] = chainColumn_[static_cast<std::size_t>(parent)] + operandOffset(parent);
      }
      broken_[k] = hasLineEndingComment(chains_[k]) || column + flatWidth(chains_[k]) > kLineLimit;
    }
  }

  // Columns from a broken chain's start to its operands on the lines after the first.
  std::size_t operandOffset(int chain) const {
    for (const Piece& piece : pieces_)
      if (piece.chain == chain) return displayWidth(piece.text) + 1;
    return 0;
  }

  bool hasLineEndingComment(const Chain& chain) const {
    for (std::size_t slot = chain.first + 1; slot < chain.last; ++slot)
      for (const Comment* c : bySlot_[slot])
        if (endsLine(c->text)) return true;
    return false;
  }

  std::size_t flatWidth(const Chain& chain) const {
    std::size_t width = 0;
    Spacing spacing;
    auto measure = [&](std::string_view text, bool glueLeft, bool glueRight) {
      width += (spacing.spaceBefore(glueLeft) ? 1 : 0) + displayWidth(text);
      spacing.placed(glueRight);
    };
    for (std::size_t i = chain.first; i < chain.last; ++i) {
      if (i > chain.first)
        for (const Comment* c : bySlot_[i])
          measure(commentText(*c), false, false);
      measure(pieces_[i].text, pieces_[i].glueLeft, pieces_[i].glueRight);
    }
    return width;
  }

  // Where code continues after a comment ended a line: inside the innermost broken chain.
  std::size_t continuationIndent(std::size_t slot) const {
    std::size_t indent = indent_;
    for (std::size_t k = 0; k < chains_.size(); ++k)
      if (broken_[k] && chains_[k].first < slot && slot < chains_[k].last) indent = chainColumn_[k];
    return indent + kContinuation;
  }

  Output& out_;
  const std::vector<Piece>& pieces_;
  const std::vector<Chain>& chains_;
  std::vector<std::vector<const Comment*>> bySlot_; // comments placed before piece i
  std::vector<bool> broken_;
  std::vector<std::size_t> chainColumn_;
  std::size_t indent_;
  Spacing spacing_;
  bool pendingBreak_ = false;
};

} // namespace

std::vector<const Comment*> layOutLine(Output& out, const LogicalLine& line,
                                       const std::vector<const Comment*>& comments,
                                       std::size_t indent) {
  LineLayout layout(out, line, comments, indent);
  layout.run();
  return layout.trailing();
}

} // namespace seg::format

#include "format/Formatter.h"

#include "syntax/Literals.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>

namespace seg {
namespace {

constexpr std::size_t kLineLimit = 100;
constexpr std::size_t kIndentStep = 2;
// Extra indentation of a line that a comment inside an expression forced to start.
constexpr std::size_t kContinuation = 4;
// Columns between code and the comment that ends its line.
constexpr std::size_t kCommentGap = 2;

constexpr SourcePos kEndOfFile{std::numeric_limits<std::uint32_t>::max(),
                               std::numeric_limits<std::uint32_t>::max()};

// Columns count code points, as SourcePos does.
std::size_t displayWidth(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool hasPosition(const SourcePos& pos) {
  return pos.line != 0;
}

// Code cannot follow these on the same line: a `//` comment, or a block comment that spans
// lines (whatever followed it would move to another line and could change the parse).
bool endsLine(std::string_view comment) {
  return comment.starts_with("//") || comment.find('\n') != std::string_view::npos;
}

// Trailing blanks of a `//` comment are invisible; dropping them keeps lines clean.
std::string commentText(const Comment& comment) {
  std::string text = comment.text;
  if (text.starts_with("//")) {
    std::size_t end = text.find_last_not_of(" \t\r");
    text.erase(end == std::string::npos ? 0 : end + 1);
  }
  return text;
}

std::string quoted(std::string_view value) {
  return "\"" + escapeString(value) + "\"";
}

// ------------------------------------------------------------------------------- output

struct OutLine {
  std::size_t indent = 0;
  std::string code;    // without the indentation; a comment alone on its line lives here
  std::string comment; // comments that end the line
  bool blank = false;
  bool closed = false; // its last comment must end the line
};

// The formatted text as lines, so comments that end lines can be aligned at the end.
class Output {
public:
  void startLine(std::size_t indent) { lines_.push_back({indent, {}, {}, false, false}); }

  // Starts a new line at `indent`, or re-indents the current one if nothing is on it yet.
  void breakLine(std::size_t indent) {
    if (lineEmpty())
      lines_.back().indent = indent;
    else
      startLine(indent);
  }

  void blankLine() {
    if (!lines_.empty() && !lines_.back().blank) lines_.push_back({0, {}, {}, true, false});
  }

  bool lineEmpty() const { return current().code.empty() && current().comment.empty(); }
  std::size_t lineIndent() const { return current().indent; }
  std::size_t column() const { return current().indent + displayWidth(current().code); }

  void append(std::string_view text, bool space) {
    OutLine& line = lines_.back();
    if (space && !line.code.empty()) line.code += ' ';
    line.code += text;
  }

  // Whether a comment can still be added at the end of the current line.
  bool canTrail() const { return !current().closed; }

  // Ends the current line with `text`; when that line already ends with a comment that
  // nothing may follow, `text` goes on a line of its own at `indent`.
  void addTrailing(const std::string& text, std::size_t indent) {
    if (!canTrail()) startLine(indent);
    OutLine& line = lines_.back();
    if (line.code.empty() && line.comment.empty())
      line.code = text; // the comment stands alone
    else if (line.comment.empty())
      line.comment = text;
    else
      line.comment += ' ' + text;
    line.closed = endsLine(text);
  }

  std::string render() const {
    std::vector<std::size_t> commentColumns = alignComments();
    std::string text;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const OutLine& line = lines_[i];
      if (!line.blank) {
        text.append(line.indent, ' ');
        text += line.code;
        if (!line.comment.empty()) {
          std::size_t width = line.indent + displayWidth(line.code);
          text.append(commentColumns[i] > width ? commentColumns[i] - width : 1, ' ');
          text += line.comment;
        }
      }
      text += '\n';
    }
    return text;
  }

private:
  const OutLine& current() const { return lines_.back(); }

  static std::size_t width(const OutLine& line) { return line.indent + displayWidth(line.code); }

  static bool alignable(const OutLine& line) {
    return !line.comment.empty() && line.comment.find('\n') == std::string::npos;
  }

  // Code lines of one block between blank lines and comment lines.
  static bool sameSection(const OutLine& first, const OutLine& line) {
    bool commentOnly = line.code.starts_with("//") || line.code.starts_with("/*");
    return !line.blank && !commentOnly && line.indent == first.indent;
  }

  // Comments ending the lines of one section share a column, two past the longest code
  // among those lines; lines without a comment do not push the column.
  std::vector<std::size_t> alignComments() const {
    std::vector<std::size_t> columns(lines_.size(), 0);
    std::size_t i = 0;
    while (i < lines_.size()) {
      std::size_t end = i + 1;
      if (sameSection(lines_[i], lines_[i]))
        while (end < lines_.size() && sameSection(lines_[i], lines_[end]))
          ++end;
      std::size_t widest = 0;
      for (std::size_t j = i; j < end; ++j)
        if (alignable(lines_[j])) widest = std::max(widest, width(lines_[j]));
      for (std::size_t j = i; j < end; ++j)
        columns[j] = (alignable(lines_[j]) ? widest : width(lines_[j])) + kCommentGap;
      i = end;
    }
    return columns;
  }

  std::vector<OutLine> lines_;
};

// ------------------------------------------------------------------------------ comments

// The comments of the file in source order; the formatter hands each out exactly once.
class CommentQueue {
public:
  explicit CommentQueue(const std::vector<Comment>& comments) {
    for (const Comment& c : comments)
      comments_.push_back(&c);
    std::stable_sort(comments_.begin(), comments_.end(), byPosition);
    used_.assign(comments_.size(), false);
  }

  const Comment* peek() {
    while (next_ < comments_.size() && used_[next_])
      ++next_;
    return next_ < comments_.size() ? comments_[next_] : nullptr;
  }

  void pop() {
    if (peek() != nullptr) used_[next_] = true;
  }

  const Comment* popBefore(const SourcePos& limit) {
    const Comment* c = peek();
    if (c == nullptr || !(c->range.begin < limit)) return nullptr;
    pop();
    return c;
  }

  bool hasBefore(const SourcePos& limit) {
    return peek() != nullptr && peek()->range.begin < limit;
  }

  std::vector<const Comment*> takeBefore(const SourcePos& limit) {
    std::vector<const Comment*> taken;
    while (const Comment* c = popBefore(limit))
      taken.push_back(c);
    return taken;
  }

  // Takes, out of order, the comments in [from, to) that start on `line`.
  std::vector<const Comment*> takeOnLine(std::uint32_t line, const SourcePos& from,
                                         const SourcePos& to) {
    std::vector<const Comment*> taken;
    for (std::size_t i = next_; i < comments_.size(); ++i) {
      const SourcePos& begin = comments_[i]->range.begin;
      if (!(begin < to)) break;
      if (used_[i] || begin < from || begin.line != line) continue;
      used_[i] = true;
      taken.push_back(comments_[i]);
    }
    return taken;
  }

  // Returns taken comments, to be handed out again in their turn.
  void putBack(const std::vector<const Comment*>& returned) {
    for (const Comment* c : returned) {
      auto it = std::lower_bound(comments_.begin(), comments_.end(), c, byPosition);
      while (it != comments_.end() && *it != c)
        ++it;
      if (it == comments_.end()) continue;
      auto index = static_cast<std::size_t>(it - comments_.begin());
      used_[index] = false;
      next_ = std::min(next_, index);
    }
  }

private:
  static bool byPosition(const Comment* a, const Comment* b) {
    return a->range.begin < b->range.begin;
  }

  std::vector<const Comment*> comments_;
  std::vector<bool> used_;
  std::size_t next_ = 0; // no unused comment before this one
};

// -------------------------------------------------------------------------------- pieces

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

// Binding strength of each level of the grammar, loosest first: or, and, not, comparisons,
// + -, * / %, unary minus, postfix and primary expressions.
int comparisonPrecedence() {
  return binaryOpPrecedence(BinaryOp::Eq);
}
int notPrecedence() {
  return comparisonPrecedence() - 1;
}
int additivePrecedence() {
  return binaryOpPrecedence(BinaryOp::Add);
}
int unaryPrecedence() {
  return binaryOpPrecedence(BinaryOp::Mul) + 1;
}
int primaryPrecedence() {
  return unaryPrecedence() + 1;
}

int precedenceOf(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Binary:
    return binaryOpPrecedence(e.as<BinaryExpr>().op);
  case ExprKind::Unary:
    return e.as<UnaryExpr>().op == UnaryOp::Not ? notPrecedence() : unaryPrecedence();
  case ExprKind::Between:
  case ExprKind::In:
  case ExprKind::IsNull:
    return comparisonPrecedence();
  case ExprKind::IntLiteral:
    return e.as<IntLiteral>().value < 0 ? unaryPrecedence() : primaryPrecedence();
  case ExprKind::FloatLiteral:
    return e.as<FloatLiteral>().spelling.starts_with('-') ? unaryPrecedence() : primaryPrecedence();
  default:
    return primaryPrecedence();
  }
}

// Negations and negative literals, the only forms printed with a leading `-`.
bool startsWithMinus(const Expr& e) {
  return precedenceOf(e) == unaryPrecedence();
}

bool isBinary(const Expr& e, BinaryOp op) {
  return e.kind == ExprKind::Binary && e.as<BinaryExpr>().op == op;
}

std::string numberText(const NumberLiteral& n) {
  if (!n.spelling.empty()) return n.spelling;
  return n.isInt ? std::to_string(static_cast<std::int64_t>(n.value)) : std::to_string(n.value);
}

// Turns the tree into pieces, adding exactly the parentheses precedence requires.
class PieceBuilder {
public:
  void word(std::string text, SourcePos pos = {}) { add(std::move(text), pos); }
  void sticky(std::string text, bool glueLeft = true) {
    add(std::move(text), {}, Role::Sticky).glueLeft = glueLeft;
  }
  void ident(const Ident& id) { word(id.text, id.range.begin); }
  void number(const NumberLiteral& n) { word(numberText(n), n.range.begin); }

  void expr(const Expr& e, int minPrecedence = 0) {
    if (needsParens(e, minPrecedence)) {
      add("(").glueRight = true;
      bare(e);
      sticky(")");
    } else {
      bare(e);
    }
  }

  // A condition whose top-level `or` chain, and the `and` chains directly under it, may be
  // broken over lines when too long.
  void condition(const Expr& e) {
    if (isBinary(e, BinaryOp::Or) || isBinary(e, BinaryOp::And))
      chain(e.as<BinaryExpr>(), -1);
    else
      expr(e);
  }

  // A run of clauses (`for …`, `by …`) that go on lines of their own when the line is too
  // long: open it, mark each clause keyword as a break point, close it.
  int openClauses() {
    line_.chains.push_back({line_.pieces.size(), 0, -1});
    return static_cast<int>(line_.chains.size() - 1);
  }
  void clauseKeyword(std::string keyword, int clauses) {
    add(std::move(keyword), {}, Role::ChainOp).chain = clauses;
  }
  void closeClauses(int clauses) {
    line_.chains[static_cast<std::size_t>(clauses)].last = line_.pieces.size();
  }

  LogicalLine take() { return std::move(line_); }

private:
  Piece& add(std::string text, SourcePos pos = {}, Role role = Role::Plain) {
    line_.pieces.push_back({std::move(text), pos, role, false, false, -1});
    return line_.pieces.back();
  }

  static bool needsParens(const Expr& e, int minPrecedence) {
    // `@2026-01-01.x` would lex as one timestamp.
    if (minPrecedence >= primaryPrecedence() && e.kind == ExprKind::TimestampLiteral) return true;
    return precedenceOf(e) < minPrecedence;
  }

  void chain(const BinaryExpr& root, int parent) {
    std::vector<const BinaryExpr*> links; // the leftmost link last
    for (const Expr* e = &root; isBinary(*e, root.op); e = e->as<BinaryExpr>().lhs.get())
      links.push_back(&e->as<BinaryExpr>());
    const int id = static_cast<int>(line_.chains.size());
    line_.chains.push_back({line_.pieces.size(), 0, parent});
    const int precedence = binaryOpPrecedence(root.op);
    // Only the `and` operands of a top-level `or` break in turn; deeper nesting stays flat.
    const int nestIn = parent < 0 && root.op == BinaryOp::Or ? id : -1;
    chainOperand(*links.back()->lhs, precedence, nestIn);
    for (auto it = links.rbegin(); it != links.rend(); ++it) {
      Piece& op = add(std::string(binaryOpSpelling(root.op)), (*it)->opRange.begin, Role::ChainOp);
      op.chain = id;
      chainOperand(*(*it)->rhs, precedence + 1, nestIn);
    }
    line_.chains[static_cast<std::size_t>(id)].last = line_.pieces.size();
  }

  void chainOperand(const Expr& e, int minPrecedence, int parent) {
    if (parent >= 0 && isBinary(e, BinaryOp::And) && !needsParens(e, minPrecedence))
      chain(e.as<BinaryExpr>(), parent);
    else
      expr(e, minPrecedence);
  }

  void bare(const Expr& e) {
    switch (e.kind) {
    case ExprKind::IntLiteral:
      word(std::to_string(e.as<IntLiteral>().value), e.range.begin);
      break;
    case ExprKind::FloatLiteral:
      word(e.as<FloatLiteral>().spelling, e.range.begin);
      break;
    case ExprKind::StringLiteral:
      word(quoted(e.as<StringLiteral>().value), e.range.begin);
      break;
    case ExprKind::BoolLiteral:
      word(e.as<BoolLiteral>().value ? "true" : "false", e.range.begin);
      break;
    case ExprKind::DurationLiteral:
      duration(e.as<DurationLiteral>());
      break;
    case ExprKind::TimestampLiteral:
      word("@" + e.as<TimestampLiteral>().spelling, e.range.begin);
      break;
    case ExprKind::Now:
      word("now", e.range.begin);
      break;
    case ExprKind::Name:
      word(e.as<NameExpr>().name, e.range.begin);
      break;
    case ExprKind::Member:
      member(e.as<MemberExpr>());
      break;
    case ExprKind::Unary:
      unary(e.as<UnaryExpr>());
      break;
    case ExprKind::Binary:
      binary(e.as<BinaryExpr>());
      break;
    case ExprKind::Between:
      between(e.as<BetweenExpr>());
      break;
    case ExprKind::In:
      in(e.as<InExpr>());
      break;
    case ExprKind::IsNull:
      isNull(e.as<IsNullExpr>());
      break;
    case ExprKind::Call:
      call(e.as<CallExpr>());
      break;
    }
  }

  void duration(const DurationLiteral& d) {
    word(std::to_string(d.amount) + std::string(1, d.unit), d.range.begin);
  }

  void member(const MemberExpr& m) {
    expr(*m.base, primaryPrecedence());
    Piece& dot = add(".");
    dot.glueLeft = dot.glueRight = true;
    word(m.member, m.memberRange.begin);
  }

  void unary(const UnaryExpr& u) {
    if (u.op == UnaryOp::Not) {
      word("not", u.range.begin);
      expr(*u.operand, notPrecedence());
    } else {
      // `- -x` rather than `--x`, which reads like a decrement.
      add("-", u.range.begin).glueRight = !startsWithMinus(*u.operand);
      expr(*u.operand, unaryPrecedence());
    }
  }

  void binary(const BinaryExpr& b) {
    const int precedence = binaryOpPrecedence(b.op);
    // Comparisons do not chain (`a < b < c` is a syntax error); the rest associate left.
    const bool comparison = precedence == comparisonPrecedence();
    expr(*b.lhs, comparison ? precedence + 1 : precedence);
    bool addSub = b.op == BinaryOp::Add || b.op == BinaryOp::Sub;
    add(std::string(binaryOpSpelling(b.op)), b.opRange.begin, addSub ? Role::AddSub : Role::Plain);
    expr(*b.rhs, precedence + 1);
  }

  void between(const BetweenExpr& b) {
    expr(*b.value, additivePrecedence());
    if (b.negated) word("not");
    word("between");
    expr(*b.low, additivePrecedence());
    word("and");
    expr(*b.high, additivePrecedence());
  }

  void in(const InExpr& e) {
    expr(*e.value, additivePrecedence());
    // With no items, the keywords and brackets end the expression.
    const Role role = e.items.empty() ? Role::Sticky : Role::Plain;
    if (e.negated) add("not", {}, role);
    add("in", {}, role);
    add("[", {}, role).glueRight = true;
    for (std::size_t i = 0; i < e.items.size(); ++i) {
      if (i > 0) sticky(",");
      expr(*e.items[i], additivePrecedence());
    }
    sticky("]");
  }

  void isNull(const IsNullExpr& e) {
    expr(*e.value, additivePrecedence());
    sticky("is", false);
    if (e.negated) sticky("not", false);
    sticky("null", false);
  }

  void call(const CallExpr& c) {
    word(c.callee, c.calleeRange.begin);
    Piece& open = add("(", {}, Role::Sticky);
    open.glueLeft = open.glueRight = true;
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      if (i > 0) sticky(",");
      callArg(c.args[i]);
    }
    sticky(")");
  }

  void callArg(const CallArg& arg) {
    expr(*arg.value);
    clause("where", arg.where);
    clause("then", arg.thenEvent);
    if (arg.thenEvent) clause("where", arg.thenWhere);
    clause("within", arg.within);
  }

  void clause(const char* keyword, const ExprPtr& e) {
    if (!e) return;
    word(keyword);
    expr(*e);
  }

  LogicalLine line_;
};

// ------------------------------------------------------------------------------- layout

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

// Lays out one logical line: places the comments found inside it between its pieces,
// breaks chains that do not fit, and starts a new line after every comment that must end
// one.
class LineLayout {
public:
  LineLayout(Output& out, const LogicalLine& line, const std::vector<const Comment*>& comments,
             std::size_t indent)
      : out_(out), pieces_(line.pieces), chains_(line.chains), bySlot_(pieces_.size() + 1),
        broken_(chains_.size(), false), chainColumn_(chains_.size(), 0), indent_(indent) {
    for (const Comment* c : comments)
      bySlot_[slotFor(*c)].push_back(c);
  }

  // Comments after the last token; the caller treats them like those after the line, so
  // that they land where they will be found again when the output is formatted.
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

// ----------------------------------------------------------------------------- module

// Emits declarations and the blocks inside them, each comment at the place it belongs:
// before the item it precedes, at the end of the line it trails, or inside the item.
class ModuleFormatter {
public:
  explicit ModuleFormatter(const std::vector<Comment>& comments) : comments_(comments) {}

  std::string run(const Module& module) {
    std::vector<Entry> entries;
    for (const DeclPtr& decl : module.decls)
      entries.push_back(declEntry(*decl));
    emitEntries(entries, 0, kEndOfFile, true);
    return out_.render();
  }

private:
  // Where an entry goes: its indentation, and where the next entry of its block begins.
  struct Place {
    std::size_t indent = 0;
    SourcePos next;
  };

  struct Entry {
    SourceRange range;
    bool isBlock = false; // blocks get a blank line around them at the top level
    std::function<void(const Place&)> emit;
  };

  // The last source line emitted in the current block, to keep blank lines the author left.
  struct Gap {
    std::uint32_t lastLine = 0;
    bool any = false;
  };

  void separate(Gap& gap, std::uint32_t nextLine) {
    if (gap.any && nextLine > gap.lastLine + 1) out_.blankLine();
  }

  void emitEntries(const std::vector<Entry>& entries, std::size_t indent, const SourcePos& end,
                   bool topLevel) {
    Gap gap;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const Entry& entry = entries[k];
      if (topLevel && k > 0 && (entries[k - 1].isBlock || entry.isBlock)) out_.blankLine();
      while (const Comment* c = comments_.popBefore(entry.range.begin))
        ownLineComment(*c, indent, gap);
      separate(gap, entry.range.begin.line);
      const SourcePos& next = k + 1 < entries.size() ? entries[k + 1].range.begin : end;
      entry.emit({indent, next});
      gap = {entry.range.end.line, true};
      trailingComments(entry.range.end.line, next, indent, gap);
    }
    while (const Comment* c = comments_.popBefore(end))
      ownLineComment(*c, indent, gap);
  }

  // Comments after an entry on its last line end that line. Once one of them must end the
  // line, the rest stay in the queue and come out as the next entry's leading comments,
  // which is what they are when the output is formatted again.
  void trailingComments(std::uint32_t line, const SourcePos& limit, std::size_t indent, Gap& gap) {
    for (const Comment* c = comments_.peek();
         c != nullptr && c->range.begin < limit && c->range.begin.line == line && out_.canTrail();
         c = comments_.peek()) {
      comments_.pop();
      out_.addTrailing(commentText(*c), indent);
      gap.lastLine = c->range.end.line;
    }
  }

  void ownLineComment(const Comment& c, std::size_t indent, Gap& gap) {
    separate(gap, c.range.begin.line);
    out_.startLine(indent);
    out_.addTrailing(commentText(c), indent);
    gap = {c.range.end.line, true};
  }

  void emitLine(PieceBuilder& builder, const SourceRange& range, std::size_t indent) {
    LogicalLine line = builder.take();
    std::vector<const Comment*> inside = comments_.takeBefore(range.end);
    LineLayout layout(out_, line, inside, indent);
    layout.run();
    // Comments after the last token end the last line, like those after the entry.
    std::vector<const Comment*> after = layout.trailing();
    std::size_t kept = 0;
    for (; kept < after.size() && out_.canTrail(); ++kept)
      out_.addTrailing(commentText(*after[kept]), indent);
    comments_.putBack({after.begin() + static_cast<std::ptrdiff_t>(kept), after.end()});
  }

  void emitBlock(const std::string& header, const SourceRange& range,
                 const std::vector<Entry>& children, const Place& place) {
    out_.startLine(place.indent);
    out_.append(header, false);
    if (children.empty() && !comments_.hasBefore(range.end)) {
      out_.append("{}", true);
      return;
    }
    out_.append("{", true);
    const std::size_t inner = place.indent + kIndentStep;
    const SourcePos& first = children.empty() ? range.end : children.front().range.begin;
    for (const Comment* c : comments_.takeOnLine(range.begin.line, range.begin, first))
      out_.addTrailing(commentText(*c), inner);
    // A comment after a block written on one line describes the whole block: it stays on
    // the block's first line, where it is found again when the output is formatted.
    if (range.begin.line == range.end.line)
      for (const Comment* c : comments_.takeOnLine(range.end.line, range.end, place.next))
        out_.addTrailing(commentText(*c), inner);
    emitEntries(children, inner, range.end, false);
    out_.startLine(place.indent);
    out_.append("}", false);
  }

  Entry declEntry(const Decl& decl) {
    switch (decl.kind) {
    case DeclKind::Import:
      return lineEntry(decl.range, [&](PieceBuilder& b) { import(b, decl); });
    case DeclKind::Schema:
      return {decl.range, true, [&](const Place& p) { schema(decl, p); }};
    case DeclKind::Segment:
      return lineEntry(decl.range, [&](PieceBuilder& b) { segment(b, decl.as<SegmentDecl>()); });
    case DeclKind::Partition:
      return {decl.range, true, [&](const Place& p) { partition(decl.as<PartitionDecl>(), p); }};
    case DeclKind::Score:
      return {decl.range, true, [&](const Place& p) { score(decl.as<ScoreDecl>(), p); }};
    case DeclKind::Metric:
      return lineEntry(decl.range, [&](PieceBuilder& b) { metric(b, decl.as<MetricDecl>()); });
    }
    return {decl.range, false, [](const Place&) {}};
  }

  Entry lineEntry(const SourceRange& range, std::function<void(PieceBuilder&)> build) {
    return {range, false, [this, range, build = std::move(build)](const Place& place) {
              PieceBuilder builder;
              build(builder);
              emitLine(builder, range, place.indent);
            }};
  }

  static void import(PieceBuilder& b, const Decl& decl) {
    const auto& d = decl.as<ImportDecl>();
    b.word("import", d.range.begin);
    b.word(quoted(d.path), d.pathRange.begin);
  }

  static void segment(PieceBuilder& b, const SegmentDecl& d) {
    b.word("segment", d.range.begin);
    b.ident(d.name);
    b.sticky("=", false);
    if (d.condition) b.condition(*d.condition);
  }

  static void metric(PieceBuilder& b, const MetricDecl& d) {
    b.word("metric", d.range.begin);
    b.ident(d.name);
    b.sticky("=", false);
    int clauses = b.openClauses();
    if (d.value) b.expr(*d.value);
    if (d.forCondition) {
      b.clauseKeyword("for", clauses);
      b.expr(*d.forCondition);
    }
    for (std::size_t i = 0; i < d.groupBy.size(); ++i) {
      if (i == 0)
        b.clauseKeyword("by", clauses);
      else
        b.sticky(",");
      b.ident(d.groupBy[i]);
    }
    b.closeClauses(clauses);
  }

  void schema(const Decl& decl, const Place& place) {
    std::vector<Entry> blocks;
    for (const SchemaBlock& block : decl.as<SchemaDecl>().blocks)
      blocks.push_back({block.range, false, [&](const Place& p) { schemaBlock(block, p); }});
    emitBlock("schema", decl.range, blocks, place);
  }

  void schemaBlock(const SchemaBlock& block, const Place& place) {
    std::vector<Entry> fields;
    for (const FieldDecl& field : block.fields)
      fields.push_back(lineEntry(field.range, [&](PieceBuilder& b) { fieldPieces(b, field); }));
    std::string header = block.isContact ? "contact" : "event " + block.eventName.text;
    emitBlock(header, block.range, fields, place);
  }

  static void fieldPieces(PieceBuilder& b, const FieldDecl& field) {
    b.ident(field.name);
    b.sticky(":");
    if (field.type.isEnum) {
      b.word("enum", field.type.range.begin);
      b.word("{");
      for (std::size_t i = 0; i < field.type.enumValues.size(); ++i) {
        if (i > 0) b.sticky(",");
        b.ident(field.type.enumValues[i]);
      }
      b.sticky("}", false);
    } else {
      b.ident(field.type.name);
    }
    if (field.type.nullable) b.sticky("?");
    if (field.isKey) b.word("key");
    if (field.isPii) b.word("pii");
  }

  void partition(const PartitionDecl& d, const Place& place) {
    std::vector<Entry> branches;
    for (const PartitionBranch& branch : d.branches)
      branches.push_back(lineEntry(branch.range, [&](PieceBuilder& b) {
        b.ident(branch.name);
        b.sticky("=", false);
        if (branch.condition)
          b.condition(*branch.condition);
        else
          b.word("else", branch.elseRange.begin);
      }));
    emitBlock("partition " + d.name.text, d.range, branches, place);
  }

  void score(const ScoreDecl& d, const Place& place) {
    std::vector<Entry> items;
    for (const ScoreItem& item : d.items)
      items.push_back(lineEntry(item.range, [&](PieceBuilder& b) { scoreItem(b, item); }));
    emitBlock("score " + d.name.text, d.range, items, place);
  }

  static void scoreItem(PieceBuilder& b, const ScoreItem& item) {
    switch (item.kind) {
    case ScoreItemKind::Decay:
      b.word("decay", item.range.begin);
      b.word("half_life");
      if (item.halfLife) b.expr(*item.halfLife);
      break;
    case ScoreItemKind::Range:
      b.word("range", item.range.begin);
      b.number(item.low);
      b.number(item.high);
      break;
    case ScoreItemKind::PerEvent:
      perRule(b, item);
      break;
    case ScoreItemKind::IfCondition:
      b.number(item.points);
      b.word("if");
      if (item.condition) b.condition(*item.condition);
      break;
    }
  }

  static void perRule(PieceBuilder& b, const ScoreItem& item) {
    b.number(item.points);
    b.word("per");
    b.ident(item.event);
    if (item.where) {
      b.word("where");
      b.expr(*item.where);
    }
    if (item.within) {
      b.word("within");
      b.expr(*item.within);
    }
    if (item.cap) {
      b.word("max");
      b.number(*item.cap);
    }
  }

  CommentQueue comments_;
  Output out_;
};

} // namespace

std::string formatModule(const Module& module, const std::vector<Comment>& comments) {
  return ModuleFormatter(comments).run(module);
}

} // namespace seg

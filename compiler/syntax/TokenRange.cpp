#include "syntax/TokenRange.h"

#include <antlr4-runtime.h>

namespace seg {

SourceRange rangeOfToken(FileId file, const antlr4::Token* token) {
  if (token == nullptr) return {};
  auto* mutableToken = const_cast<antlr4::Token*>(token); // ANTLR's getters are not const
  SourceRange r;
  r.file = file;
  r.begin = {static_cast<std::uint32_t>(mutableToken->getLine()),
             static_cast<std::uint32_t>(mutableToken->getCharPositionInLine()) + 1};
  if (r.begin.line == 0) r.begin.line = 1;
  r.end = r.begin;
  if (mutableToken->getType() == antlr4::Token::EOF) {
    r.end.column += 1;
    return r;
  }
  std::string text = mutableToken->getText();
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++r.end.line;
      r.end.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++r.end.column;
    }
  }
  if (r.end == r.begin) r.end.column += 1; // conjured (missing) tokens still get a caret
  return r;
}

SourceRange rangeOfContext(FileId file, const antlr4::ParserRuleContext* context) {
  if (context == nullptr) return {};
  auto* ctx = const_cast<antlr4::ParserRuleContext*>(context);
  SourceRange begin = rangeOfToken(file, ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (stop == nullptr || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) return begin;
  SourceRange end = rangeOfToken(file, stop);
  return merge(begin, end);
}

} // namespace seg

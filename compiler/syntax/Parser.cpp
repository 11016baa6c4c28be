#include "syntax/Parser.h"

#include "SegLexer.h"
#include "SegParser.h"
#include "source/Utf8.h"
#include "syntax/AstBuilder.h"
#include "syntax/SyntaxErrors.h"
#include "syntax/TokenRange.h"

#include <antlr4-runtime.h>
#include <fmt/format.h>

namespace seg {
namespace {

using grammar::SegLexer;
using grammar::SegParser;

SourcePos positionOfByte(const std::string& text, std::size_t byte) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

std::string describeCharacter(const std::string& text) {
  if (text.size() == 1) {
    auto c = static_cast<unsigned char>(text[0]);
    if (c < 0x20 || c == 0x7F) return fmt::format("control character U+{:04X}", c);
  }
  return fmt::format("character '{}'", text);
}

// Reports lexical errors, hides bad tokens from the parser, and rejects nesting deeper than
// the limit before the recursive-descent parser could exhaust the stack. Returns false when
// the file must not be parsed.
bool screenTokens(antlr4::CommonTokenStream& tokens, SyntaxErrorCollector& errors,
                  const ParseLimits& limits, std::vector<Comment>& comments,
                  const SourceFile& source) {
  std::uint32_t depth = 0;
  std::uint32_t prefixRun = 0;
  SourceDiagnostic* lastBadChar = nullptr; // stays valid: nothing else is reported in between
  std::string badText;
  antlr4::Token* previousBad = nullptr;
  for (antlr4::Token* token : tokens.getTokens()) {
    std::size_t type = token->getType();
    SourceRange r = rangeOfToken(source.id(), token);
    auto hide = [&] {
      if (auto* writable = dynamic_cast<antlr4::WritableToken*>(token))
        writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
    };
    if (type != SegLexer::UNEXPECTED_CHAR) lastBadChar = nullptr;
    switch (type) {
    case SegLexer::LINE_COMMENT:
    case SegLexer::BLOCK_COMMENT: {
      std::string_view line = source.lineText(r.begin.line);
      bool startsLine = line.substr(0, token->getCharPositionInLine()).find_first_not_of(" \t") ==
                        std::string_view::npos;
      comments.push_back({r, token->getText(), startsLine});
      continue;
    }
    case SegLexer::UNEXPECTED_CHAR: {
      std::string text = token->getText();
      hide();
      // `&&` or `||` is one mistake, not two.
      if (lastBadChar != nullptr && lastBadChar->range.end == r.begin) {
        lastBadChar->range.end = r.end;
        badText += text;
        lastBadChar->message = fmt::format("unexpected characters '{}'", badText);
        // Parse `a && b` as `a and b` so the rest of the line is still checked.
        if (badText == "&&" || badText == "||") {
          if (auto* first = dynamic_cast<antlr4::WritableToken*>(previousBad)) {
            first->setType(badText == "&&" ? SegLexer::AND : SegLexer::OR);
            first->setChannel(antlr4::Token::DEFAULT_CHANNEL);
          }
        }
        continue;
      }
      badText = text;
      SourceDiagnostic& d = errors.report(token, "unexpected " + describeCharacter(text));
      if (text == "&")
        d.hints.push_back("write 'and' instead of '&&'");
      else if (text == "|")
        d.hints.push_back("write 'or' instead of '||'");
      else if (text == "!")
        d.hints.push_back("write 'not' to negate, '!=' for 'not equal'");
      else if (text == "'")
        d.hints.push_back("strings are written in double quotes: \"text\"");
      else if (text == ";")
        d.hints.push_back("definitions need no ';' between them");
      lastBadChar = &d;
      previousBad = token;
      continue;
    }
    case SegLexer::UNTERMINATED_STRING: {
      SourceDiagnostic& d = errors.report(token, "unterminated string literal");
      d.hints.push_back("close it with '\"' on the same line; write a line break as \\n");
      // Parse on as if it were closed, so the rest of the file is still checked.
      if (auto* writable = dynamic_cast<antlr4::WritableToken*>(token))
        writable->setType(SegLexer::STRING);
      break;
    }
    case SegLexer::UNTERMINATED_COMMENT: {
      SourceRange start = r;
      start.end = {start.begin.line, start.begin.column + 2};
      SourceDiagnostic& d = errors.report(start, "unterminated block comment");
      d.hints.push_back("close it with '*/'");
      hide();
      continue;
    }
    case SegLexer::LPAREN:
    case SegLexer::LBRACKET:
    case SegLexer::LBRACE:
      ++depth;
      break;
    case SegLexer::RPAREN:
    case SegLexer::RBRACKET:
    case SegLexer::RBRACE:
      if (depth > 0) --depth;
      break;
    default:
      break;
    }
    // Runs of prefix operators (`not not …`, `- - …`) nest like brackets.
    prefixRun = (type == SegLexer::NOT || type == SegLexer::MINUS) ? prefixRun + 1 : 0;
    if (depth + prefixRun > limits.maxNesting) {
      SourceDiagnostic& d = errors.report(
          token, fmt::format("nesting is too deep (more than {} levels)", limits.maxNesting));
      d.hints.push_back("split the expression into named segments");
      return false;
    }
  }
  return true;
}

struct Attempt {
  std::unique_ptr<SegParser> parser;
  SegParser::ProgramContext* tree = nullptr;
};

} // namespace

ParseResult parseFile(const SourceFile& file, DiagnosticSink& diagnostics,
                      const ParseLimits& limits) {
  ParseResult result;
  result.module = std::make_unique<Module>();
  result.module->file = file.id();
  const std::size_t errorsBefore = diagnostics.errorCount();
  auto finish = [&]() -> ParseResult {
    result.hadErrors = diagnostics.errorCount() > errorsBefore;
    return std::move(result);
  };

  if (auto bad = findInvalidUtf8(file.text())) {
    SourcePos at = positionOfByte(file.text(), *bad);
    SourceDiagnostic& d =
        diagnostics.error({file.id(), at, {at.line, at.column + 1}},
                          fmt::format("file is not valid UTF-8 (byte 0x{:02X})",
                                      static_cast<unsigned char>(file.text()[*bad])));
    d.hints.push_back("Seg source files must be UTF-8 text");
    return finish();
  }

  SyntaxErrorCollector errors(file.id(), diagnostics, limits.maxSyntaxErrors);
  SegErrorListener listener(errors);
  try {
    // A byte-order mark is one code point, like the space that replaces it, so columns stay.
    std::string text = file.text();
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.replace(0, 3, " ");
    antlr4::ANTLRInputStream input(text);
    SegLexer lexer(&input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!screenTokens(tokens, errors, limits, result.comments, file)) return finish();

    // SLL is much faster and almost always enough; LL runs only when SLL fails, and then
    // also produces the error messages with full recovery.
    Attempt attempt;
    attempt.parser = std::make_unique<SegParser>(&tokens);
    attempt.parser->removeErrorListeners();
    attempt.parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    attempt.parser->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      attempt.tree = attempt.parser->program();
    } catch (const antlr4::ParseCancellationException&) {
      attempt.tree = nullptr;
    }
    if (attempt.tree == nullptr) {
      tokens.seek(0);
      attempt.parser = std::make_unique<SegParser>(&tokens);
      attempt.parser->removeErrorListeners();
      attempt.parser->addErrorListener(&listener);
      attempt.parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::LL);
      attempt.parser->setErrorHandler(std::make_shared<SegErrorStrategy>(errors));
      attempt.tree = attempt.parser->program();
    }
    AstBuilder builder(file.id(), errors, limits.maxExprDepth);
    result.module = builder.build(attempt.tree);
  } catch (const TooManySyntaxErrors&) {
    SourceDiagnostic& d = diagnostics.fileError(
        file.id(), fmt::format("too many syntax errors ({}); stopped reading this file",
                               limits.maxSyntaxErrors));
    d.hints.push_back("fix the first errors and check again");
  } catch (const std::exception& e) {
    // The runtime must never take the checker down; report whatever escaped it.
    diagnostics.fileError(file.id(), fmt::format("internal parser error: {}", e.what()));
  }
  return finish();
}

} // namespace seg

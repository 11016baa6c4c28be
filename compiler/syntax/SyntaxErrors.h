// Turns ANTLR's recognition errors into Seg diagnostics with readable wording
// ("unexpected 'then'; expected an expression") and caps how many one file reports.
#pragma once

#include "diag/DiagnosticSink.h"

#include <antlr4-runtime.h>
#include <cstdint>

namespace seg {

// Thrown out of the parser once a file has reported its quota of syntax errors.
struct TooManySyntaxErrors {};

class SyntaxErrorCollector {
public:
  SyntaxErrorCollector(FileId file, DiagnosticSink& sink, std::uint32_t limit)
      : file_(file), sink_(sink), limit_(limit) {}

  SourceDiagnostic& report(const antlr4::Token* at, std::string message);
  SourceDiagnostic& report(SourceRange at, std::string message);
  std::uint32_t count() const { return count_; }
  FileId file() const { return file_; }

private:
  FileId file_;
  DiagnosticSink& sink_;
  std::uint32_t limit_;
  std::uint32_t count_ = 0;
};

class SegErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  explicit SegErrorStrategy(SyntaxErrorCollector& collector) : collector_(collector) {}

protected:
  void reportNoViableAlternative(antlr4::Parser* recognizer,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* recognizer,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* recognizer,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* recognizer) override;
  void reportMissingToken(antlr4::Parser* recognizer) override;
  // Never drops a token that starts a definition: recovery would swallow the next line.
  antlr4::Token* singleTokenDeletion(antlr4::Parser* recognizer) override;

private:
  void reportUnexpected(antlr4::Parser* recognizer, antlr4::Token* token,
                        const antlr4::misc::IntervalSet& expected);

  SyntaxErrorCollector& collector_;
};

// Catches errors the lexer reports itself (the grammar lexes every character, so these
// are rare) and ANTLR's own messages if any bypass the strategy.
class SegErrorListener : public antlr4::BaseErrorListener {
public:
  explicit SegErrorListener(SyntaxErrorCollector& collector) : collector_(collector) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string& msg,
                   std::exception_ptr e) override;

private:
  SyntaxErrorCollector& collector_;
};

} // namespace seg

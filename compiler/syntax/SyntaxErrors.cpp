#include "syntax/SyntaxErrors.h"

#include "SegParser.h"
#include "syntax/TokenRange.h"

#include <fmt/format.h>

namespace seg {
namespace {

using grammar::SegParser;

// How a token kind reads in "expected …" lists.
std::string describeKind(std::size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
  case antlr4::Token::EOF:
    return "end of file";
  case SegParser::IDENT:
    return "a name";
  case SegParser::INT:
    return "an integer";
  case SegParser::FLOAT:
    return "a number";
  case SegParser::NUMBER_WITH_UNIT:
    return "a duration";
  case SegParser::STRING:
    return "a string";
  case SegParser::TIMESTAMP:
    return "a timestamp";
  default:
    return vocabulary.getLiteralName(type);
  }
}

bool isSoftKeyword(std::size_t type) {
  switch (type) {
  case SegParser::CONTACT:
  case SegParser::EVENT:
  case SegParser::KEY:
  case SegParser::PII:
  case SegParser::DECAY:
  case SegParser::HALF_LIFE:
  case SegParser::RANGE:
  case SegParser::MAX:
  case SegParser::ENUM:
  case SegParser::CLUSTER:
    return true;
  default:
    return false;
  }
}

bool isHardKeyword(std::size_t type) {
  return type >= SegParser::IMPORT && type <= SegParser::NOW && !isSoftKeyword(type);
}

std::string describeExpected(const antlr4::misc::IntervalSet& expected,
                             const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::size_t> types;
  for (ssize_t t : expected.toList())
    types.push_back(static_cast<std::size_t>(t));
  auto has = [&](std::size_t t) { return std::find(types.begin(), types.end(), t) != types.end(); };
  std::vector<std::string> words;
  bool expression = has(SegParser::IDENT) && has(SegParser::INT) && has(SegParser::LPAREN);
  if (expression) words.push_back("an expression");
  for (std::size_t t : types) {
    if (t == antlr4::Token::EPSILON) continue;
    if (has(SegParser::IDENT) && isSoftKeyword(t)) continue; // those are names too
    if (expression &&
        (t == SegParser::IDENT || t == SegParser::INT || t == SegParser::FLOAT ||
         t == SegParser::NUMBER_WITH_UNIT || t == SegParser::STRING || t == SegParser::TIMESTAMP ||
         t == SegParser::LPAREN || t == SegParser::MINUS || t == SegParser::NOT ||
         t == SegParser::TRUE_KW || t == SegParser::FALSE_KW || t == SegParser::NOW))
      continue;
    std::string word = describeKind(t, vocabulary);
    if (!word.empty()) words.push_back(word);
  }
  if (words.empty()) return {};
  if (words.size() > 8) {
    words.resize(8);
    words.push_back("…");
  }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string describeToken(antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return fmt::format("'{}'", text);
}

void addHints(SourceDiagnostic& d, antlr4::Token* token, const antlr4::misc::IntervalSet& expected,
              const antlr4::dfa::Vocabulary& vocabulary) {
  if (token == nullptr) return;
  std::size_t type = token->getType();
  if (type == SegParser::ASSIGN && !expected.contains(static_cast<size_t>(SegParser::ASSIGN)))
    d.hints.push_back("use '==' to compare values; '=' only names a definition");
  if (isHardKeyword(type) && expected.contains(static_cast<size_t>(SegParser::IDENT)) &&
      !expected.contains(static_cast<size_t>(SegParser::INT)))
    d.hints.push_back(
        fmt::format("'{}' is a keyword and cannot be used as a name", token->getText()));
  if ((type == SegParser::PLUS || type == SegParser::MINUS) &&
      (expected.contains(static_cast<size_t>(SegParser::RBRACE)) ||
       expected.contains(antlr4::Token::EOF)))
    d.hints.push_back("a '+' or '-' at the start of a line begins a new score rule; to continue "
                      "an expression, end the previous line with the operator");
}

} // namespace

SourceDiagnostic& SyntaxErrorCollector::report(const antlr4::Token* at, std::string message) {
  return report(rangeOfToken(file_, at), std::move(message));
}

SourceDiagnostic& SyntaxErrorCollector::report(SourceRange at, std::string message) {
  if (count_ >= limit_) throw TooManySyntaxErrors{};
  ++count_;
  return sink_.error(at, std::move(message));
}

void SegErrorStrategy::reportUnexpected(antlr4::Parser* recognizer, antlr4::Token* token,
                                        const antlr4::misc::IntervalSet& expected) {
  const auto& vocabulary = recognizer->getVocabulary();
  std::string wanted = describeExpected(expected, vocabulary);
  std::string message = fmt::format("unexpected {}", describeToken(token));
  if (!wanted.empty()) message += "; expected " + wanted;
  SourceDiagnostic& d = collector_.report(token, std::move(message));
  addHints(d, token, expected, vocabulary);
}

void SegErrorStrategy::reportNoViableAlternative(antlr4::Parser* recognizer,
                                                 const antlr4::NoViableAltException& e) {
  reportUnexpected(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens());
}

void SegErrorStrategy::reportInputMismatch(antlr4::Parser* recognizer,
                                           const antlr4::InputMismatchException& e) {
  reportUnexpected(recognizer, e.getOffendingToken(), e.getExpectedTokens());
}

void SegErrorStrategy::reportFailedPredicate(antlr4::Parser* recognizer,
                                             const antlr4::FailedPredicateException& e) {
  reportUnexpected(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens());
}

void SegErrorStrategy::reportUnwantedToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  reportUnexpected(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer));
}

void SegErrorStrategy::reportMissingToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  antlr4::Token* token = recognizer->getCurrentToken();
  std::string wanted = describeExpected(getExpectedTokens(recognizer), recognizer->getVocabulary());
  SourceDiagnostic& d = collector_.report(token, fmt::format("missing {} before {}",
                                                             wanted.empty() ? "a token" : wanted,
                                                             describeToken(token)));
  addHints(d, token, getExpectedTokens(recognizer), recognizer->getVocabulary());
}

antlr4::Token* SegErrorStrategy::singleTokenDeletion(antlr4::Parser* recognizer) {
  switch (recognizer->getInputStream()->LA(1)) {
  case SegParser::IMPORT:
  case SegParser::SCHEMA:
  case SegParser::SEGMENT:
  case SegParser::PARTITION:
  case SegParser::SCORE:
  case SegParser::METRIC:
    return nullptr;
  default:
    return DefaultErrorStrategy::singleTokenDeletion(recognizer);
  }
}

void SegErrorListener::syntaxError(antlr4::Recognizer*, antlr4::Token* offendingSymbol, size_t line,
                                   size_t charPositionInLine, const std::string& msg,
                                   std::exception_ptr) {
  if (offendingSymbol != nullptr) {
    collector_.report(offendingSymbol, msg);
    return;
  }
  SourcePos begin{static_cast<std::uint32_t>(line),
                  static_cast<std::uint32_t>(charPositionInLine) + 1};
  collector_.report(SourceRange{collector_.file(), begin, {begin.line, begin.column + 1}}, msg);
}

} // namespace seg

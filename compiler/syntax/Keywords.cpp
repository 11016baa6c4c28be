#include "syntax/Keywords.h"

#include "SegLexer.h"

#include <algorithm>
#include <cctype>

namespace seg {

std::vector<std::string> keywordNames() {
  antlr4::ANTLRInputStream empty("");
  grammar::SegLexer lexer(&empty);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  std::vector<std::string> words;
  for (std::size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    std::string literal = vocabulary.getLiteralName(type); // "'segment'", or empty
    if (literal.size() < 3 || literal.front() != '\'') continue;
    std::string word = literal.substr(1, literal.size() - 2);
    if (std::all_of(word.begin(), word.end(),
                    [](unsigned char c) { return std::isalpha(c) != 0 || c == '_'; }))
      words.push_back(word);
  }
  std::sort(words.begin(), words.end());
  return words;
}

} // namespace seg

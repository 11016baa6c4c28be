// No input may crash or hang the checker: random bytes, token soup, truncated and
// mutated examples, and pathological nesting all end in diagnostics.
#include "TestCompile.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <random>

namespace fs = std::filesystem;

namespace {

// Every diagnostic must point inside the file it names (or at the whole file).
void expectWellFormed(const seg::Compilation& compilation) {
  for (const seg::SourceDiagnostic& d : compilation.diagnostics.all()) {
    EXPECT_FALSE(d.message.empty());
    if (!d.range.valid()) continue;
    const seg::SourceFile& file = compilation.program->sources.file(d.range.file);
    EXPECT_LE(d.range.begin.line, file.lineCount()) << d.message;
    EXPECT_FALSE(d.range.end < d.range.begin) << d.message;
    (void)seg::test::renderAll(compilation);
  }
}

std::vector<std::string> exampleTexts() {
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(seg::test::sourceDir() + "/examples/crm"))
    if (entry.path().extension() == ".seg") texts.push_back(seg::test::readFile(entry.path()));
  return texts;
}

TEST(Robustness, RandomBytes) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 300; ++i) {
    std::string text(rng() % 2000, '\0');
    for (char& c : text)
      c = static_cast<char>(rng() % 256);
    expectWellFormed(seg::test::compileText(text));
  }
}

TEST(Robustness, RandomPrintableText) {
  std::mt19937 rng(99);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyz_0123456789 \n\t(){}[]<>=!+-*/%.,:?@\"'\\#&|";
  for (int i = 0; i < 300; ++i) {
    std::string text(rng() % 3000, ' ');
    for (char& c : text)
      c = alphabet[rng() % alphabet.size()];
    expectWellFormed(seg::test::compileText(text));
  }
}

TEST(Robustness, TokenSoup) {
  const std::vector<std::string> tokens = {
      "segment", "score",     "metric", "partition", "schema",      "contact", "event",
      "import",  "where",     "within", "then",      "per",         "if",      "max",
      "decay",   "half_life", "range",  "for",       "by",          "and",     "or",
      "not",     "between",   "in",     "is",        "null",        "true",    "now",
      "else",    "=",         "==",     "<",         ">=",          "+",       "-",
      "*",       "/",         "(",      ")",         "[",           "]",       "{",
      "}",       ",",         ".",      ":",         "?",           "age",     "plan",
      "pro",     "purchase",  "amount", "count",     "sum",         "ntile",   "percent",
      "30d",     "7",         "2.5",    "\"x\"",     "@2026-01-01", "\n",      "// c\n",
      "/* c */"};
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    std::string text = seg::test::crmSchema() + "\n";
    std::size_t n = rng() % 60;
    for (std::size_t k = 0; k < n; ++k)
      text += tokens[rng() % tokens.size()] + " ";
    expectWellFormed(seg::test::compileText(text));
  }
}

TEST(Robustness, TruncatedExamples) {
  for (const std::string& example : exampleTexts()) {
    for (std::size_t cut = 0; cut < example.size(); cut += 13)
      expectWellFormed(seg::test::compileText(seg::test::crmSchema() + example.substr(0, cut)));
  }
}

TEST(Robustness, MutatedExamples) {
  std::mt19937 rng(42);
  std::vector<std::string> examples = exampleTexts();
  for (int i = 0; i < 400; ++i) {
    std::string text = examples[rng() % examples.size()];
    for (int edits = 1 + rng() % 4; edits > 0 && !text.empty(); --edits) {
      std::size_t at = rng() % text.size();
      switch (rng() % 3) {
      case 0:
        text.erase(at, 1 + rng() % 8);
        break;
      case 1:
        text.insert(at, 1, "(){}[]=.,\"x0"[rng() % 12]);
        break;
      default:
        text[at] = static_cast<char>(rng() % 128);
        break;
      }
    }
    expectWellFormed(seg::test::compileText(seg::test::crmSchema() + text));
  }
}

// Deep structures are rejected with one clear error, without exhausting the stack.
void expectRejectedAsTooDeep(const std::string& segmentBody) {
  seg::Compilation compilation = seg::test::compileWithSchema("segment deep = " + segmentBody);
  ASSERT_TRUE(compilation.diagnostics.hasErrors());
  bool mentionsDepth = false;
  for (const seg::SourceDiagnostic& d : compilation.diagnostics.all())
    mentionsDepth = mentionsDepth || d.message.find("too deep") != std::string::npos ||
                    d.message.find("too deeply") != std::string::npos;
  EXPECT_TRUE(mentionsDepth) << seg::test::renderAll(compilation).substr(0, 500);
}

TEST(Robustness, TenThousandParentheses) {
  expectRejectedAsTooDeep(std::string(10000, '(') + "true" + std::string(10000, ')'));
}

TEST(Robustness, UnbalancedParentheses) {
  expectRejectedAsTooDeep(std::string(10000, '('));
}

TEST(Robustness, LongPrefixOperatorRuns) {
  std::string nots;
  for (int i = 0; i < 10000; ++i)
    nots += "not ";
  expectRejectedAsTooDeep(nots + "true");
  expectRejectedAsTooDeep("age > " + std::string(10000, '-') + "1");
}

TEST(Robustness, NestedCalls) {
  std::string calls;
  for (int i = 0; i < 10000; ++i)
    calls += "abs(";
  expectRejectedAsTooDeep(calls + "1" + std::string(10000, ')') + " > 0");
}

TEST(Robustness, HundredThousandOperatorChain) {
  std::string chain = "true";
  for (int i = 0; i < 100000; ++i)
    chain += " and true";
  expectRejectedAsTooDeep(chain);
}

TEST(Robustness, NestingJustUnderTheLimitIsAccepted) {
  seg::Compilation compilation = seg::test::compileWithSchema(
      "segment deep = " + std::string(200, '(') + "age > 3" + std::string(200, ')'));
  EXPECT_FALSE(compilation.diagnostics.hasErrors()) << seg::test::renderAll(compilation);
}

TEST(Robustness, LongButFlatListsAreFine) {
  std::string list = "[";
  for (int i = 0; i < 20000; ++i)
    list += (i ? ", \"c" : "\"c") + std::to_string(i) + "\"";
  seg::Compilation compilation =
      seg::test::compileWithSchema("segment many = city in " + list + "]");
  EXPECT_FALSE(compilation.diagnostics.hasErrors()) << seg::test::renderAll(compilation);
}

TEST(Robustness, SyntaxErrorsAreCapped) {
  std::string text;
  for (int i = 0; i < 500; ++i)
    text += "segment = = =\n";
  seg::Compilation compilation = seg::test::compileText(text);
  EXPECT_LE(compilation.diagnostics.errorCount(), 30u);
  EXPECT_GE(compilation.diagnostics.errorCount(), 10u);
}

TEST(Robustness, EmptyAndWhitespaceOnlyFiles) {
  for (const char* text : {"", " ", "\n\n", "// only a comment", "/* */", "\xEF\xBB\xBF"}) {
    seg::Compilation compilation = seg::test::compileText(text);
    expectWellFormed(compilation);
  }
}

} // namespace

// Tests of `seg fmt` (format/Formatter): the canonical layout, exactly the parentheses
// precedence needs, every comment kept in its place, and idempotence over the examples,
// the documentation, tricky snippets and generated programs.
#include "format/Formatter.h"

#include "TestCompile.h"
#include "TestParse.h"
#include "ast/AstPrinter.h"
#include "syntax/Parser.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <random>
#include <regex>
#include <string>
#include <vector>

namespace seg {
namespace {

// ------------------------------------------------------------------------------ helpers

using test::parse;

bool parsesCleanly(const std::string& text) {
  return !parse(text)->result.hadErrors;
}

// Formats `text`, failing the test when it does not parse.
std::string format(const std::string& text) {
  auto parsed = parse(text);
  EXPECT_FALSE(parsed->result.hadErrors) << parsed->rendered() << "in:\n" << text;
  if (parsed->result.hadErrors) return "<syntax error>";
  return formatModule(*parsed->result.module, parsed->result.comments);
}

// The tree as `seg check --ast` prints it, without the locations that formatting moves.
std::string shape(const std::string& text) {
  auto parsed = parse(text);
  static const std::regex location(R"( @test\.seg:\d+:\d+)");
  return std::regex_replace(printAst(*parsed->result.module, parsed->sources), location, "");
}

// Comment texts in order; the formatter may only drop the blanks ending a `//` comment.
std::vector<std::string> commentTexts(const std::string& text) {
  std::vector<std::string> texts;
  auto parsed = parse(text);
  for (const Comment& c : parsed->result.comments) {
    std::string t = c.text;
    if (t.starts_with("//")) t.erase(t.find_last_not_of(" \t\r") + 1);
    texts.push_back(t);
  }
  std::sort(texts.begin(), texts.end());
  return texts;
}

// What formatting must guarantee for any program that parses.
void expectSound(const std::string& source) {
  std::string once = format(source);
  std::string twice = format(once);
  EXPECT_EQ(once, twice) << "formatting is not idempotent; source:\n" << source;
  EXPECT_EQ(shape(source), shape(once)) << "the tree changed; formatted:\n" << once;
  EXPECT_EQ(commentTexts(source), commentTexts(once)) << "comments changed; formatted:\n" << once;
}

// Formats one segment condition and returns what follows `segment s = `.
std::string condition(const std::string& text) {
  std::string out = format("segment s = " + text);
  const std::string prefix = "segment s = ";
  if (!out.starts_with(prefix) || out.back() != '\n') return out;
  return out.substr(prefix.size(), out.size() - prefix.size() - 1);
}

// ------------------------------------------------------------------------ canonical layout

TEST(Formatter, SpacesOperatorsAndDropsRedundantParentheses) {
  EXPECT_EQ(format("segment   a=x==1   and(b)or  not(c)"), "segment a = x == 1 and b or not c\n");
  EXPECT_EQ(format("segment s=f( a ,b ,c( ) )"), "segment s = f(a, b, c())\n");
  EXPECT_EQ(format("segment s=x in[ ]and y not in[1,2,]"),
            "segment s = x in [] and y not in [1, 2]\n");
  EXPECT_EQ(format("segment s = purchase . amount"), "segment s = purchase.amount\n");
}

struct Case {
  const char* input;
  const char* expected;
};

TEST(Formatter, ParenthesesOnlyWherePrecedenceNeedsThem) {
  const Case cases[] = {
      {"(a + b) * c", "(a + b) * c"},
      {"a + (b * c)", "a + b * c"},
      {"a - (b - c)", "a - (b - c)"},
      {"(a - b) - c", "a - b - c"},
      {"a - (b + c)", "a - (b + c)"},
      {"a / (b / c)", "a / (b / c)"},
      {"(a * b) % c", "a * b % c"},
      {"a % (b * c)", "a % (b * c)"},
      {"(a == b) == c", "(a == b) == c"},
      {"a == (b == c)", "a == (b == c)"},
      {"(a < b) != (c >= d)", "(a < b) != (c >= d)"},
      {"not (a and b)", "not (a and b)"},
      {"(not a) and b", "not a and b"},
      {"not a == b", "not a == b"},
      {"(not a) == b", "(not a) == b"},
      {"not not a", "not not a"},
      {"a or (b and c)", "a or b and c"},
      {"(a or b) and c", "(a or b) and c"},
      {"a and (b and c)", "a and (b and c)"},
      {"(a and b) and c", "a and b and c"},
      {"a or (b or c)", "a or (b or c)"},
      {"-(a + b)", "-(a + b)"},
      {"-(a)", "-a"},
      {"- - a", "- -a"},
      {"-(-1)", "- -1"},
      {"-a * b", "-a * b"},
      {"-(a * b)", "-(a * b)"},
      {"a - -b", "a - -b"},
      {"-(not a)", "-(not a)"},
      {"(a between 1 and 2) == true", "(a between 1 and 2) == true"},
      {"a between (1 + 2) and (b and c)", "a between 1 + 2 and (b and c)"},
      {"(a + 1) not between -1 and (2)", "a + 1 not between -1 and 2"},
      {"x in [(a == b), (a + b), (-c)]", "x in [(a == b), a + b, -c]"},
      {"(x in [1]) in [true]", "(x in [1]) in [true]"},
      {"(a == b) is null", "(a == b) is null"},
      {"(a + b) is not null", "a + b is not null"},
      {"(x).y", "x.y"},
      {"(a + b).c", "(a + b).c"},
      {"(f(x)).y.z", "f(x).y.z"},
      {"(@2026-01-01).y", "(@2026-01-01).y"},
      {"count((a or b))", "count(a or b)"},
      {"exists(e where (a or b) then (f) where (c and d) within (7d))",
       "exists(e where a or b then f where c and d within 7d)"},
      {"(a) + (b)", "a + b"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(condition(c.input), c.expected);
    expectSound(std::string("segment s = ") + c.input);
  }
}

TEST(Formatter, LiteralsKeepTheirSpellingAndStringsAreReEscaped) {
  EXPECT_EQ(condition(R"(x == "q\"t\\b\n\t\r")"), R"(x == "q\"t\\b\n\t\r")");
  EXPECT_EQ(condition(R"(x == "\u{1}\u{7f}\u{e9}\u{1F600}")"),
            "x == \"\\u{1}\\u{7F}\u00e9\U0001F600\"");
  EXPECT_EQ(condition("x == \"caf\u00e9\""), "x == \"caf\u00e9\"");
  EXPECT_EQ(condition("x == 1.50 or x == 2e3 or x == 1.0E-2"),
            "x == 1.50 or x == 2e3 or x == 1.0E-2");
  EXPECT_EQ(condition("a < 90s + 30m + 12h + 7d + 2w"), "a < 90s + 30m + 12h + 7d + 2w");
  EXPECT_EQ(condition("a between @2026-03-31 and @2026-03-31T12:00:00.5+02:00"),
            "a between @2026-03-31 and @2026-03-31T12:00:00.5+02:00");
  EXPECT_EQ(condition("a == true or b == false or c < now"), "a == true or b == false or c < now");
  EXPECT_EQ(format("import   \"lib/a \\\"b\\\".seg\""), "import \"lib/a \\\"b\\\".seg\"\n");
}

TEST(Formatter, Schema) {
  EXPECT_EQ(
      format("schema { contact { id: int pii key\n tags: enum { a, b, c, }?\n name:string? }\n"
             " event purchase { amount: float   at2: timestamp } event friend_added { } }"),
      "schema {\n"
      "  contact {\n"
      "    id: int key pii\n"
      "    tags: enum { a, b, c }?\n"
      "    name: string?\n"
      "  }\n"
      "  event purchase {\n"
      "    amount: float\n"
      "    at2: timestamp\n"
      "  }\n"
      "  event friend_added {}\n"
      "}\n");
  EXPECT_EQ(format("schema { }"), "schema {}\n");
}

TEST(Formatter, PartitionsScoresAndMetrics) {
  EXPECT_EQ(format("partition lifecycle {\n  churned  = last_seen_at < now - 90d\n"
                   "  dormant  = else\n}\n"),
            "partition lifecycle {\n"
            "  churned = last_seen_at < now - 90d\n"
            "  dormant = else\n"
            "}\n");
  EXPECT_EQ(format("score lead_score {\n"
                   "  5  per email_open  within 30d  max 30\n"
                   "  1.5 per x where a > -1 max -2.5\n"
                   "  20 if exists(page_view where url == \"/pricing\" within 14d)\n"
                   "  -10 if last_seen_at < now - 60d\n"
                   "  +5 if a\n"
                   "  range -5 100\n"
                   "  decay half_life 14d\n"
                   "}\n"),
            "score lead_score {\n"
            "  5 per email_open within 30d max 30\n"
            "  1.5 per x where a > -1 max -2.5\n"
            "  20 if exists(page_view where url == \"/pricing\" within 14d)\n"
            "  -10 if last_seen_at < now - 60d\n"
            "  +5 if a\n"
            "  range -5 100\n"
            "  decay half_life 14d\n"
            "}\n");
  EXPECT_EQ(format("metric m=percent(nps>=9)-percent(nps<=6)for vip by plan,device"),
            "metric m = percent(nps >= 9) - percent(nps <= 6) for vip by plan, device\n");
  EXPECT_EQ(format("score s {}\npartition p {\n}\n"), "score s {}\n\npartition p {}\n");
}

TEST(Formatter, Clusters) {
  // Options and features keep their order; features are spaced like partition branches.
  EXPECT_EQ(format("cluster   p{ seed   7\n k 3\n a=lifetime_value+  1\n"
                   " b = count(purchase within 30d)  }\n"),
            "cluster p {\n"
            "  seed 7\n"
            "  k 3\n"
            "  a = lifetime_value + 1\n"
            "  b = count(purchase within 30d)\n"
            "}\n");
  EXPECT_EQ(format("cluster c {}\n"), "cluster c {}\n");
}

TEST(Formatter, BlankLines) {
  // At most one blank line is kept; blocks always get one around them; none inside a block's
  // edges, at the start or at the end of the file.
  EXPECT_EQ(format("\n\nsegment a = 1\n\n\n\nsegment b = 2\nsegment c = 3\n"
                   "score s { 1 if a\n\n\n 2 if b\n\n }\nsegment d = 4\n\n\n"),
            "segment a = 1\n"
            "\n"
            "segment b = 2\n"
            "segment c = 3\n"
            "\n"
            "score s {\n"
            "  1 if a\n"
            "\n"
            "  2 if b\n"
            "}\n"
            "\n"
            "segment d = 4\n");
  EXPECT_EQ(format(""), "");
  EXPECT_EQ(format("\n\n  \n"), "");
  EXPECT_EQ(format("segment a = 1\r\n// c\r\n"), "segment a = 1\n// c\n");
}

// ---------------------------------------------------------------------------- long lines

TEST(Formatter, LongConditionsBreakBeforeAndOr) {
  EXPECT_EQ(format("segment pricing_window = count(page_view where url == \"/pricing\" within 14d) "
                   ">= 2 and not exists(purchase within 30d)"),
            "segment pricing_window = count(page_view where url == \"/pricing\" within 14d) >= 2\n"
            "                         and not exists(purchase within 30d)\n");
  // The `and` operands of a broken `or` break in turn, lined up with the `or` operands.
  EXPECT_EQ(format("segment either = count(page_view where url == \"/pricing\" within 14d) >= 2 "
                   "and not exists(purchase within 30d) or lifecycle == churned and nps >= 9 or x"),
            "segment either = count(page_view where url == \"/pricing\" within 14d) >= 2\n"
            "                    and not exists(purchase within 30d)\n"
            "                 or lifecycle == churned and nps >= 9\n"
            "                 or x\n");
  EXPECT_EQ(format("score s {\n  20 if exists(page_view where url == \"/pricing\" within 14d) and "
                   "company_size >= 100 and industry in [\"software\"]\n  -10 if a\n}"),
            "score s {\n"
            "  20 if exists(page_view where url == \"/pricing\" within 14d)\n"
            "        and company_size >= 100\n"
            "        and industry in [\"software\"]\n"
            "  -10 if a\n"
            "}\n");
  EXPECT_EQ(format("metric pricing_conversion = percent(exists(page_view where url == \"/pricing\" "
                   "then purchase)) for exists(page_view within 30d) by plan"),
            "metric pricing_conversion = percent(exists(page_view where url == \"/pricing\" then "
            "purchase))\n"
            "                            for exists(page_view within 30d)\n"
            "                            by plan\n");
  // Nothing to break at: the line stays long rather than changing the program.
  std::string longCall = "segment s = some_really_long_function_name(argument_one, argument_two, "
                         "argument_three) >= some_other_long_value\n";
  EXPECT_EQ(format(longCall), longCall);
  // Exactly 100 columns fit.
  std::string fits = "segment s = " + std::string(40, 'a') + " and " + std::string(43, 'b');
  ASSERT_EQ(fits.size(), 100u);
  EXPECT_EQ(format(fits), fits + "\n");
  EXPECT_EQ(format(fits + "b"), "segment s = " + std::string(40, 'a') + "\n            and " +
                                    std::string(44, 'b') + "\n");
}

TEST(Formatter, NoLineStartsWithABinaryPlusOrMinus) {
  // A line-initial `+`/`-` would start a new score rule; comments move past the operator.
  EXPECT_EQ(format("score s {\n  20 if a - // why\n    b > 1\n  -10 if c\n"
                   "  20 if (a // why\n) - b > 1\n}\n"),
            "score s {\n"
            "  20 if a -  // why\n"
            "      b > 1\n"
            "  -10 if c\n"
            "  20 if a -  // why\n"
            "      b > 1\n"
            "}\n");
  EXPECT_EQ(format("segment s = (a /* one\n  two */) + b > 1"),
            "segment s = a +  /* one\n  two */\n    b > 1\n");
}

// ------------------------------------------------------------------------------ comments

TEST(Formatter, CommentsBeforeAndAfterDeclarations) {
  EXPECT_EQ(format("/* header\n   block */\nimport \"a.seg\" // trailing import\n\n\n"
                   "// about a\nsegment a = x == 1 // trailing\nsegment bb = (x + 1) * 2 > -y   "
                   "// precedence\n/* between */ metric o = ratio(a, b)\n// final\n"),
            "/* header\n"
            "   block */\n"
            "import \"a.seg\"  // trailing import\n"
            "\n"
            "// about a\n"
            "segment a = x == 1             // trailing\n"
            "segment bb = (x + 1) * 2 > -y  // precedence\n"
            "/* between */\n"
            "metric o = ratio(a, b)\n"
            "// final\n");
}

TEST(Formatter, CommentsInsideBlocks) {
  EXPECT_EQ(format("score s { // header comment\n  // leading\n  5 per e max 30 // per rule\n"
                   "  -10 if a - b > 1 // minus rule\n  // closing\n}\n"
                   "partition p { a = x /* after x */ b = else } // after p\n"
                   "partition q { /* only */ }\n"),
            "score s {  // header comment\n"
            "  // leading\n"
            "  5 per e max 30    // per rule\n"
            "  -10 if a - b > 1  // minus rule\n"
            "  // closing\n"
            "}\n"
            "\n"
            "partition p {  // after p\n"
            "  a = x  /* after x */\n"
            "  b = else\n"
            "}\n"
            "\n"
            "partition q {  /* only */\n"
            "}\n");
}

TEST(Formatter, CommentOfAOneLineBlockStaysOnItsFirstLine) {
  EXPECT_EQ(format("schema {\n  event purchase { amount: float }  // a paid order\n"
                   "  event friend_added { }   // a friend\n}\n"),
            "schema {\n"
            "  event purchase {  // a paid order\n"
            "    amount: float\n"
            "  }\n"
            "  event friend_added {}  // a friend\n"
            "}\n");
}

TEST(Formatter, CommentsInsideExpressions) {
  EXPECT_EQ(format("segment p = a // end of a\n   and b // end of b\n   or c"),
            "segment p = a  // end of a\n"
            "               and b  // end of b\n"
            "            or c\n");
  EXPECT_EQ(format("segment o = exists(/* inline */ purchase) and /* before b */ b"),
            "segment o = exists(/* inline */ purchase) and /* before b */ b\n");
  EXPECT_EQ(format("segment q = count(purchase // inside\n  within 7d) > 1"),
            "segment q = count(purchase  // inside\n    within 7d) > 1\n");
  EXPECT_EQ(format("segment q = count(purchase // inside\n) > 1"),
            "segment q = count(purchase)  // inside\n    > 1\n");
  EXPECT_EQ(format("segment q = count(purchase // inside\n)"),
            "segment q = count(purchase)  // inside\n");
  EXPECT_EQ(format("segment r = // why\n  a and b"), "segment r =  // why\n    a and b\n");
  EXPECT_EQ(format("segment r = a and // why\n  b"), "segment r = a  // why\n            and b\n");
}

TEST(Formatter, TrailingCommentsAlignWithinABlock) {
  EXPECT_EQ(format("schema {\n  contact {\n    id: int key // the id\n    gender: enum { f, m }\n"
                   "    email: string pii // personal\n  }\n}\n"),
            "schema {\n"
            "  contact {\n"
            "    id: int key        // the id\n"
            "    gender: enum { f, m }\n"
            "    email: string pii  // personal\n"
            "  }\n"
            "}\n");
}

// ---------------------------------------------------------------------------- round trips

std::vector<std::filesystem::path> sourceFiles(const std::string& folder, const std::string& ext) {
  std::vector<std::filesystem::path> files;
  std::filesystem::path root = test::sourceDir() + "/" + folder;
  if (!std::filesystem::exists(root)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ext) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatterRoundTrip, ExamplesAndStandardLibrary) {
  std::size_t count = 0;
  for (const char* folder : {"examples", "stdlib"}) {
    for (const auto& path : sourceFiles(folder, ".seg")) {
      SCOPED_TRACE(path.string());
      expectSound(test::readFile(path.string()));
      ++count;
    }
  }
  EXPECT_GT(count, 0u);
}

// The ```seg code blocks of a Markdown text.
std::vector<std::string> segBlocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  const std::string open = "```seg\n";
  for (std::size_t at = markdown.find(open); at != std::string::npos;
       at = markdown.find(open, at)) {
    std::size_t begin = at + open.size();
    std::size_t end = markdown.find("\n```", begin - 1);
    if (end == std::string::npos) break;
    blocks.push_back(markdown.substr(begin, end + 1 - begin));
    at = end + 4;
  }
  return blocks;
}

TEST(FormatterRoundTrip, DocumentationSnippets) {
  std::size_t count = 0;
  for (const auto& path : sourceFiles("docs", ".md")) {
    for (const std::string& snippet : segBlocks(test::readFile(path.string()))) {
      if (!parsesCleanly(snippet)) continue; // snippets that show syntax errors
      SCOPED_TRACE(path.string() + ":\n" + snippet);
      expectSound(snippet);
      ++count;
    }
  }
  EXPECT_GT(count, 0u);
}

TEST(FormatterRoundTrip, TrickySnippets) {
  const char* snippets[] = {
      "segment a = x // c\n",
      "segment s = count(e where a then f where b within 2d) >= 1 // c\n",
      "segment s = a + // after plus\n  b > 1\n",
      "segment s = (a // after a in parens\n  ) + b > 1\n",
      "segment s = (a) /* x */ - b > 1\n",
      "segment s = x == /* multi\nline */ 1\n",
      "segment u = a /* multi\nline before and */ and b\n",
      "segment s = max ( ) and //\n - f ( )\n",
      "segment s = a is null and // c\n b\n",
      "segment s = a in [] and // c\n b or // d\n c\n",
      "segment s = f( // c\n a, // d\n b)\n",
      "segment s = not // c\n a\n",
      "segment s = - // c\n a < 1\n",
      "segment s = a.// c\n b\n",
      "segment s = a // one\n // two\n and b\n",
      "segment s = count(x // one\n) // two\n// three\nsegment t = 1\n",
      "segment s = count(x /* a */) /* b */ // c\n",
      "score s {\n  20 if a - // why\n    b > 1\n  -10 if c // d\n  +5 if d\n}\n",
      "score s { 5 per e // c\n where a // d\n within 7d // e\n max 3 // f\n}\n",
      "score s { decay // c\n half_life 14d range // d\n 0 100 }\n",
      "metric m = avg(x) // c\n for a // d\n by a, // e\n b\n",
      "schema { contact { id: int key pii\n  tags: enum { a, /* b */ b, c, }? // trailing comma\n"
      "  /* a */ /* b */ // c\n } event e {} event f { x: int /* x */ y: float } // after f\n}\n",
      "schema { contact { id: // c\n int ? // d\n key } }\n",
      "partition p { a = x /* after x */ b = else } // after\npartition q {}\n",
      "partition withline { // only\n}\n",
      "// only a comment",
      "/* only a block */",
      "segment s = x in [1, -2, (a == b), \"q\\\"uote\\\\back\\nnl\\ttab\\rcr\"] and y not in [] "
      "and "
      "z not between 1 + 2 and 3 * 4 and (w between 1 and 2) is not null or w\n",
      "segment champions = ntile(5, -days_since(last(purchase.at))) >= 4\n"
      "                and ntile(5, count(purchase)) >= 4 // c\n"
      "                and ntile(5, sum(purchase.amount)) >= 4\n",
  };
  for (const char* snippet : snippets) {
    if (!parsesCleanly(snippet)) continue;
    SCOPED_TRACE(snippet);
    expectSound(snippet);
  }
}

// Random programs over the whole grammar, laid out at random, with comments between tokens.
class ProgramGenerator {
public:
  explicit ProgramGenerator(std::uint32_t seed, bool longNames)
      : random_(seed), longNames_(longNames) {}

  std::string program() {
    tokens_.clear();
    for (int n = 1 + pick(5); n > 0; --n)
      declaration();
    return render();
  }

private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  bool chance(int percent) { return pick(100) < percent; }
  void emit(std::string token) { tokens_.push_back(std::move(token)); }
  template <class... T> void emit(std::string first, T... rest) {
    emit(std::move(first));
    emit(std::move(rest)...);
  }

  void name() {
    static const char* names[] = {"a",   "b",       "city", "purchase", "amount", "x_1",
                                  "key", "contact", "max",  "range",    "event",  "decay"};
    std::string n = names[pick(12)];
    emit(longNames_ && chance(50) ? n + "_with_a_rather_long_name" : n);
  }

  void literal() {
    static const char* literals[] = {"0",
                                     "42",
                                     "1.5",
                                     "2.50E-2",
                                     "\"\"",
                                     "\"a\\\"b\\\\\"",
                                     "\"\\n\\t\\r\\u{7}\"",
                                     "\"\u00e9\"",
                                     "90s",
                                     "7d",
                                     "2w",
                                     "@2026-03-31",
                                     "@2026-03-31T12:00:00Z",
                                     "true",
                                     "false",
                                     "now"};
    if (chance(40))
      name();
    else
      emit(literals[pick(16)]);
  }

  void expr(int depth) {
    if (depth > 4) return literal();
    static const char* ops[] = {"or", "and", "==", "!=", "<", "<=", ">",
                                ">=", "+",   "-",  "*",  "/", "%"};
    switch (pick(12)) {
    case 0:
    case 1:
    case 2:
      return literal();
    case 3:
      name();
      emit(".");
      return name();
    case 4:
      return prefixed("not", depth);
    case 5:
      return prefixed("-", depth);
    case 6:
    case 7:
      expr(depth + 1);
      emit(ops[pick(13)]);
      return expr(depth + 1);
    case 8:
      return comparisonTail(depth);
    case 9:
      return call(depth);
    case 10:
      emit("(");
      expr(depth + 1);
      return emit(")");
    default:
      // Long `and`/`or` chains, so that lines get long enough to break.
      expr(depth + 2);
      for (int n = 2 + pick(4); n > 0; --n)
        prefixed(chance(70) ? "and" : "or", depth + 1);
    }
  }

  // `keyword` followed by an expression one level deeper.
  void prefixed(const char* keyword, int depth) {
    emit(keyword);
    expr(depth + 1);
  }

  void comparisonTail(int depth) {
    expr(depth + 1);
    switch (pick(3)) {
    case 0:
      if (chance(30)) emit("not");
      prefixed("between", depth);
      return prefixed("and", depth);
    case 1:
      if (chance(30)) emit("not");
      emit("in", "[");
      for (int i = 0, n = pick(4); i < n; ++i) {
        if (i > 0) emit(",");
        expr(depth + 1);
      }
      emit("]");
      return;
    default:
      emit("is");
      if (chance(50)) emit("not");
      emit("null");
    }
  }

  void call(int depth) {
    static const char* callees[] = {"count", "exists", "f", "max"};
    emit(callees[pick(4)], "(");
    for (int i = 0, n = pick(3); i < n; ++i) {
      if (i > 0) emit(",");
      expr(depth + 1);
      if (chance(30)) prefixed("where", depth);
      if (chance(20)) {
        prefixed("then", depth);
        if (chance(50)) prefixed("where", depth);
      }
      if (chance(30)) prefixed("within", depth);
    }
    emit(")");
  }

  void number() {
    static const char* signs[] = {"", "", "-", "+"};
    static const char* numbers[] = {"5", "10", "1.5"};
    emit(std::string(signs[pick(4)]) + numbers[pick(3)]);
  }

  void declaration() {
    switch (pick(6)) {
    case 0:
      emit("segment");
      name();
      return prefixed("=", -1);
    case 1:
      return metric();
    case 2:
      return partition();
    case 3:
      return score();
    case 4:
      return schema();
    default:
      emit("import", "\"lib/x.seg\"");
    }
  }

  void metric() {
    emit("metric");
    name();
    prefixed("=", -1);
    if (chance(50)) prefixed("for", -1);
    if (chance(50)) {
      emit("by");
      name();
      if (chance(50)) {
        emit(",");
        name();
      }
    }
  }

  void partition() {
    emit("partition");
    name();
    emit("{");
    for (int n = pick(4); n > 0; --n) {
      name();
      if (chance(20))
        emit("=", "else");
      else
        prefixed("=", -1);
    }
    emit("}");
  }

  void score() {
    emit("score");
    name();
    emit("{");
    for (int n = pick(5); n > 0; --n)
      scoreItem();
    emit("}");
  }

  void scoreItem() {
    switch (pick(4)) {
    case 0:
      emit("decay");
      return prefixed("half_life", 0);
    case 1:
      emit("range");
      number();
      return number();
    case 2:
      number();
      emit("per");
      name();
      if (chance(40)) prefixed("where", 0);
      if (chance(40)) prefixed("within", 0);
      if (chance(40)) {
        emit("max");
        number();
      }
      return;
    default:
      number();
      prefixed("if", -1);
    }
  }

  void schema() {
    emit("schema", "{");
    for (int blocks = pick(4); blocks > 0; --blocks) {
      if (chance(30)) {
        emit("contact", "{");
      } else {
        emit("event");
        name();
        emit("{");
      }
      for (int fields = pick(4); fields > 0; --fields)
        field();
      emit("}");
    }
    emit("}");
  }

  void field() {
    name();
    emit(":");
    if (chance(30)) {
      emit("enum", "{");
      for (int i = 0, n = 1 + pick(3); i < n; ++i) {
        if (i > 0) emit(",");
        name();
      }
      if (chance(20)) emit(",");
      emit("}");
    } else {
      static const char* types[] = {"int", "string", "float"};
      emit(types[pick(3)]);
    }
    if (chance(30)) emit("?");
    if (chance(30)) emit("key");
    if (chance(30)) emit("pii");
  }

  std::string render() {
    std::string text;
    for (const std::string& token : tokens_) {
      text += token;
      int r = pick(100);
      if (r < 15)
        text += comment();
      else if (r < 22)
        text += "\n";
      else if (r < 24)
        text += "\n\n\n";
      else
        text += " ";
    }
    return text;
  }

  std::string comment() {
    std::string n = std::to_string(pick(100));
    switch (pick(4)) {
    case 0:
      return " // c" + n + "  \n";
    case 1:
      return " /* b" + n + " */" + (chance(50) ? " " : "\n");
    case 2:
      return " /* m" + n + "\n  x */ ";
    default:
      return " //\n";
    }
  }

  std::vector<std::string> tokens_;
  std::mt19937 random_;
  bool longNames_;
};

TEST(FormatterRoundTrip, GeneratedPrograms) {
  std::size_t sound = 0;
  for (std::uint32_t seed = 1; seed <= 600; ++seed) {
    ProgramGenerator generator(seed, seed % 2 == 0);
    std::string program = generator.program();
    // Random token soup is often invalid (`a < b < c`, a line-initial `-`); skip those.
    if (!parsesCleanly(program)) continue;
    SCOPED_TRACE("seed " + std::to_string(seed) + ":\n" + program);
    expectSound(program);
    ++sound;
    if (testing::Test::HasFailure()) break; // one reproducer is enough
  }
  EXPECT_GT(sound, 200u);
}

} // namespace
} // namespace seg

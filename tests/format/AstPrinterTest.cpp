// Tests of `seg check --ast` (ast/AstPrinter): the exact dump of parsed trees, and of the
// resolutions and types the checker adds.
#include "ast/AstPrinter.h"

#include "TestCompile.h"
#include "syntax/Parser.h"

#include <gtest/gtest.h>
#include <regex>
#include <string>

namespace seg {
namespace {

std::string dumpParsed(const std::string& text) {
  SourceManager sources;
  DiagnosticSink diagnostics;
  FileId id = sources.addFile("test.seg", text);
  ParseResult result = parseFile(sources.file(id), diagnostics);
  EXPECT_FALSE(result.hadErrors) << text;
  return printAst(*result.module, sources);
}

// The dump of a program checked against the CRM schema, from the line naming `first` on,
// without locations (they depend on the length of the schema).
std::string dumpChecked(const std::string& text, const std::string& first) {
  Compilation compilation = test::compileWithSchema(text);
  EXPECT_TRUE(compilation.ok()) << test::renderAll(compilation);
  const LoadedModule& loaded = compilation.program->modules.at(0);
  std::string dump = printAst(*loaded.module, compilation.program->sources);
  std::size_t at = dump.find(first);
  static const std::regex location(R"( @test\.seg:\d+:\d+)");
  return std::regex_replace(at == std::string::npos ? dump : dump.substr(at), location, "");
}

TEST(AstPrinter, ParsedTreeHasNoTypes) {
  EXPECT_EQ(dumpParsed("import \"crm.schema.seg\"\n"
                       "segment ny = city == \"New York\" and not age between 25 and 45\n"),
            "import \"crm.schema.seg\" @test.seg:1:1\n"
            "segment ny @test.seg:2:9\n"
            "  and\n"
            "    ==\n"
            "      name city\n"
            "      string \"New York\"\n"
            "    not\n"
            "      between\n"
            "        name age\n"
            "        int 25\n"
            "        int 45\n");
}

TEST(AstPrinter, EveryExpressionForm) {
  EXPECT_EQ(dumpParsed("segment s = -x.y in [1.50, \"a\\n\"] or t is not null or "
                       "u not between @2026-03-31 and now - 7d or "
                       "count(e where a then f where b within 2w) % 2 == 0 or true\n"),
            "segment s @test.seg:1:9\n"
            "  or\n"
            "    or\n"
            "      or\n"
            "        or\n"
            "          in\n"
            "            neg\n"
            "              member y\n"
            "                name x\n"
            "            float 1.50\n"
            "            string \"a\\n\"\n"
            "          is not null\n"
            "            name t\n"
            "        not between\n"
            "          name u\n"
            "          timestamp @2026-03-31\n"
            "          -\n"
            "            now\n"
            "            duration 7d\n"
            "      ==\n"
            "        %\n"
            "          call count\n"
            "            name e\n"
            "            where\n"
            "              name a\n"
            "            then\n"
            "              name f\n"
            "            then where\n"
            "              name b\n"
            "            within\n"
            "              duration 2w\n"
            "          int 2\n"
            "        int 0\n"
            "    bool true\n");
}

TEST(AstPrinter, Declarations) {
  EXPECT_EQ(dumpParsed("schema {\n  contact { id: int key pii\n tags: enum { a, b }? }\n"
                       "  event friend_added {}\n}\n"
                       "partition p {\n  a = x\n  b = else\n}\n"
                       "score s {\n  decay half_life 14d\n  range 0 100\n"
                       "  5 per e where y within 30d max 30\n  -10 if z\n}\n"
                       "metric m = count() for v by plan, device\n"),
            "schema @test.seg:1:1\n"
            "  contact @test.seg:2:3\n"
            "    field id: int key pii @test.seg:2:13\n"
            "    field tags: enum { a, b }? @test.seg:3:2\n"
            "  event friend_added @test.seg:4:9\n"
            "partition p @test.seg:6:11\n"
            "  branch a @test.seg:7:3\n"
            "    name x\n"
            "  branch b else @test.seg:8:3\n"
            "score s @test.seg:10:7\n"
            "  decay half_life @test.seg:11:3\n"
            "    duration 14d\n"
            "  range 0 100 @test.seg:12:3\n"
            "  per 5 e max 30 @test.seg:13:3\n"
            "    where\n"
            "      name y\n"
            "    within\n"
            "      duration 30d\n"
            "  if -10 @test.seg:14:3\n"
            "    name z\n"
            "metric m by plan, device @test.seg:16:8\n"
            "  call count\n"
            "  for\n"
            "    name v\n");
}

TEST(AstPrinter, CheckedTreeShowsResolutionsAndTypes) {
  EXPECT_EQ(dumpChecked("segment ny_women_25_45 = city == \"New York\" and gender == female\n"
                        "segment buyers = exists(purchase where amount > 10 within 7d)\n",
                        "segment ny_women_25_45"),
            "segment ny_women_25_45\n"
            "  and : bool\n"
            "    == : bool\n"
            "      name city -> contact field : string\n"
            "      string \"New York\" : string\n"
            "    == : bool\n"
            "      name gender -> contact field : enum gender\n"
            "      name female -> enum value : enum gender\n"
            "segment buyers\n"
            "  call exists -> event aggregate event #0 within 604800000000us : bool\n"
            "    name purchase -> event #0\n"
            "    where\n"
            "      > : bool\n"
            "        name amount -> event property #1 : float\n"
            "        int 10 : int\n"
            "    within\n"
            "      duration 7d : duration\n");
}

} // namespace
} // namespace seg

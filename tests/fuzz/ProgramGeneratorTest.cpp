// The program generator's own checks: deterministic per seed, (almost) every program it
// writes checks clean, and every construct the differential test relies on is generated.
#include "ProgramGenerator.h"

#include "FuzzIterations.h"
#include "TestCompile.h"

#include <gtest/gtest.h>
#include <iostream>

namespace seg::fuzz {
namespace {

ProgramShape batchShape() {
  return ProgramShape{};
}

ProgramShape richShape() {
  ProgramShape shape;
  shape.segments = 8;
  shape.partitions = 2;
  shape.scores = 2;
  shape.metrics = 4;
  shape.ntile = true;
  return shape;
}

TEST(ProgramGenerator, SameSeedSameProgram) {
  ProgramGenerator a(42), b(42), c(43);
  std::string first = a.generate(richShape()).text();
  EXPECT_EQ(first, b.generate(richShape()).text());
  EXPECT_NE(first, c.generate(richShape()).text());
}

TEST(ProgramGenerator, ClosureKeepsWhatADefinitionUses) {
  ProgramGenerator generator(7);
  GeneratedProgram program = generator.generate(richShape());
  for (std::size_t i = 0; i < program.definitions.size(); ++i) {
    std::vector<std::size_t> closure = program.closure(i);
    Compilation compilation = test::compileWithSchema(program.textOf(closure));
    EXPECT_TRUE(compilation.ok()) << program.textOf(closure) << test::renderAll(compilation);
  }
}

// Compiles `count` programs of `shape`; returns the rejected definitions (each checked on
// its own with what it uses) and prints the first few diagnostics.
std::size_t countRejected(ProgramGenerator& generator, const ProgramShape& shape, int count,
                          std::size_t& definitions) {
  std::size_t rejected = 0, shown = 0;
  for (int p = 0; p < count; ++p) {
    GeneratedProgram program = generator.generate(shape);
    definitions += program.definitions.size();
    if (test::compileWithSchema(program.text()).ok()) continue;
    for (std::size_t i = 0; i < program.definitions.size(); ++i) {
      std::string text = program.textOf(program.closure(i));
      Compilation compilation = test::compileWithSchema(text);
      if (compilation.ok()) continue;
      // Count a definition only when it fails with its dependencies fine.
      bool ownFault = true;
      for (std::size_t used : program.definitions[i].uses)
        ownFault = ownFault && test::compileWithSchema(program.textOf(program.closure(used))).ok();
      if (!ownFault) continue;
      ++rejected;
      if (shown++ < 5)
        std::cout << "rejected:\n" << program.definitions[i].text << test::renderAll(compilation);
    }
  }
  return rejected;
}

TEST(ProgramGenerator, GeneratedProgramsCheckClean) {
  ProgramGenerator generator(2026);
  std::size_t definitions = 0;
  const int programs = scaledIterations(40);
  std::size_t rejected = countRejected(generator, batchShape(), programs, definitions);
  rejected += countRejected(generator, richShape(), programs * 2, definitions);
  double rate = 100.0 * static_cast<double>(rejected) / static_cast<double>(definitions);
  std::cout << "generator: " << definitions << " definitions, " << rejected << " rejected (" << rate
            << " %)\n";
  EXPECT_LT(rate, 1.0);
}

TEST(ProgramGenerator, CoversEveryConstruct) {
  ProgramGenerator generator(99);
  for (int p = 0; p < 30; ++p) {
    generator.generate(batchShape());
    generator.generate(richShape());
  }
  const auto& seen = generator.coverage();
  const char* required[] = {"and",
                            "or",
                            "not",
                            "op:==",
                            "op:!=",
                            "op:<",
                            "op:<=",
                            "op:>",
                            "op:>=",
                            "between",
                            "not-between",
                            "in",
                            "not-in",
                            "in-nonconstant",
                            "in-empty",
                            "is-null",
                            "is-not-null",
                            "int+",
                            "int-",
                            "int*",
                            "int%",
                            "float+",
                            "float-",
                            "float*",
                            "div",
                            "neg:int",
                            "neg:float",
                            "neg:duration",
                            "int-overflow",
                            "literal:int-special",
                            "literal:negative-zero",
                            "cmp:number",
                            "cmp:string",
                            "cmp:string-two-leaves",
                            "cmp:timestamp",
                            "cmp:duration",
                            "cmp:bool",
                            "enum-eq",
                            "enum-in",
                            "enum-eq-enum",
                            "bool-field",
                            "bool-literal",
                            "fn:days_since",
                            "fn:hours_since",
                            "fn:year",
                            "fn:month",
                            "fn:day_of_week",
                            "fn:hour",
                            "fn:abs-int",
                            "fn:abs-float",
                            "fn:abs-duration",
                            "fn:round",
                            "fn:round-digits",
                            "fn:lower",
                            "fn:upper",
                            "fn:length",
                            "fn:contains",
                            "fn:starts_with",
                            "fn:ends_with",
                            "coalesce:int",
                            "coalesce:float",
                            "coalesce:string",
                            "coalesce:timestamp",
                            "coalesce:bool",
                            "coalesce:enum",
                            "ts+-dur",
                            "dur+ts",
                            "ts-ts",
                            "dur+-dur",
                            "dur*int",
                            "agg:count",
                            "agg:exists",
                            "agg:sum",
                            "agg:avg",
                            "agg:min",
                            "agg:max",
                            "agg:first",
                            "agg:last",
                            "agg:string-valued",
                            "agg:distinct",
                            "agg:days",
                            "agg:sequence",
                            "sequence-gap",
                            "where",
                            "where-at-edge",
                            "within:1d",
                            "within:7d",
                            "within:30d",
                            "ref:segment",
                            "ref:score",
                            "ref:partition-value",
                            "ref:branch-bare",
                            "ref:branch-qualified",
                            "partition-null",
                            "partition-else",
                            "partition-no-else",
                            "score-per",
                            "score-per-where",
                            "score-if",
                            "score-cap",
                            "score-decay",
                            "score-range",
                            "ntile",
                            "pop:count()",
                            "pop:count",
                            "pop:percent",
                            "pop:sum",
                            "pop:avg",
                            "pop:min",
                            "pop:max",
                            "pop:median",
                            "pop:quantile",
                            "pop:ratio",
                            "pop:min-max-time",
                            "metric-for",
                            "metric-by",
                            "metric-by-partition",
                            "metric+",
                            "metric-",
                            "metric*",
                            "metric/",
                            "metric%"};
  for (const char* construct : required)
    EXPECT_GT(seen.count(construct) ? seen.at(construct) : 0, 0u) << construct;
}

} // namespace
} // namespace seg::fuzz

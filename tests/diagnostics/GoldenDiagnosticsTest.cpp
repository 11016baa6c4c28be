// Golden tests: every tests/diagnostics/cases/NAME.seg is checked and its rendered
// diagnostics must equal NAME.err exactly. SEG_UPDATE_GOLDEN=1 rewrites the .err files.
#include "TestCompile.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  for (const auto& entry :
       fs::directory_iterator(seg::test::sourceDir() + "/tests/diagnostics/cases"))
    if (entry.path().extension() == ".seg") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiagnostics, MatchesExpectedOutput) {
  const fs::path dir = seg::test::sourceDir() + "/tests/diagnostics/cases";
  const std::string name = GetParam();
  // Paths relative to the cases folder keep the output independent of the checkout.
  fs::current_path(dir);
  seg::Compilation compilation = seg::compile({seg::CompileInput{name + ".seg", {}, false}});
  std::string actual = seg::test::renderAll(compilation);
  actual += seg::renderSummary(compilation.diagnostics.errorCount(),
                               compilation.diagnostics.warningCount());
  actual += "\n";
  const fs::path expectedPath = dir / (name + ".err");
  if (const char* update = std::getenv("SEG_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(expectedPath, std::ios::binary) << actual;
    GTEST_SUCCEED() << "updated " << expectedPath;
    return;
  }
  ASSERT_TRUE(fs::exists(expectedPath))
      << "missing golden file " << expectedPath << "; run with SEG_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(seg::test::readFile(expectedPath.string()), actual);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenDiagnostics, ::testing::ValuesIn(caseNames()),
                         [](const auto& info) { return info.param; });

} // namespace

// Every example in the repository checks clean: the files of examples/, the standard
// library, and every ```seg block of docs/language.md and of the language specification.
#include "TestCompile.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using seg::test::sourceDir;

namespace {

std::vector<std::string> segBlocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::size_t at = 0;
  while ((at = markdown.find("```seg\n", at)) != std::string::npos) {
    at += 7;
    std::size_t end = markdown.find("\n```", at);
    if (end == std::string::npos) break;
    blocks.push_back(markdown.substr(at, end - at + 1));
    at = end + 4;
  }
  return blocks;
}

// Checks the blocks of a document as one program (definitions may come in any order).
void expectBlocksCheckClean(const std::string& path, const std::string& prelude) {
  std::vector<std::string> blocks = segBlocks(seg::test::readFile(path));
  ASSERT_FALSE(blocks.empty()) << path << " has no ```seg blocks";
  std::string program = prelude;
  for (const std::string& block : blocks)
    program += block + "\n";
  seg::Compilation compilation = seg::test::compileText(program, "doc.seg");
  EXPECT_EQ(compilation.diagnostics.all().size(), 0u)
      << path << " (" << blocks.size() << " blocks, concatenated):\n"
      << seg::test::renderAll(compilation);
}

TEST(Documentation, ExampleFilesCheckClean) {
  std::vector<seg::CompileInput> inputs;
  for (const auto& entry : fs::directory_iterator(sourceDir() + "/examples/crm"))
    if (entry.path().extension() == ".seg") inputs.push_back({entry.path().string(), {}, false});
  ASSERT_GE(inputs.size(), 4u);
  seg::Compilation compilation = seg::compile(inputs);
  EXPECT_EQ(compilation.diagnostics.all().size(), 0u) << seg::test::renderAll(compilation);
  EXPECT_GE(compilation.program->segmentCount, 20u);
  EXPECT_EQ(compilation.program->scoreCount, 2u);
}

TEST(Documentation, StandardLibraryChecksCleanWithTheExampleSchema) {
  std::vector<seg::CompileInput> inputs = {
      {sourceDir() + "/examples/crm/crm.schema.seg", {}, false}};
  for (const auto& entry : fs::directory_iterator(sourceDir() + "/stdlib/std"))
    if (entry.path().extension() == ".seg") inputs.push_back({entry.path().string(), {}, false});
  ASSERT_GE(inputs.size(), 2u);
  seg::Compilation compilation = seg::compile(inputs);
  EXPECT_EQ(compilation.diagnostics.all().size(), 0u) << seg::test::renderAll(compilation);
}

TEST(Documentation, StandardLibraryImportsResolve) {
  seg::Compilation compilation = seg::test::compileText(
      seg::test::crmSchema() + "\nimport \"std/metrics.seg\"\nimport \"std/lifecycle.seg\"\n");
  EXPECT_EQ(compilation.diagnostics.all().size(), 0u) << seg::test::renderAll(compilation);
  EXPECT_EQ(compilation.program->modules.size(), 3u);
}

TEST(Documentation, LanguageReferenceBlocksCheckClean) {
  expectBlocksCheckClean(sourceDir() + "/docs/language.md", seg::test::crmSchema() + "\n");
}

// The specification as of the last snapshot (tests/docs/LANGUAGE.snapshot.md) ...
TEST(Documentation, SpecificationSnapshotBlocksCheckClean) {
  expectBlocksCheckClean(sourceDir() + "/tests/docs/LANGUAGE.snapshot.md", "");
}

// ... and the live one beside the repository, when there is one; a changed
// specification must be snapshotted (and pass) to keep the two in step.
TEST(Documentation, LiveSpecificationMatchesSnapshot) {
  const std::string live = sourceDir() + "/../shared/LANGUAGE.md";
  if (!fs::exists(live)) return; // a plain clone has no steering folder beside it
  EXPECT_EQ(seg::test::readFile(live),
            seg::test::readFile(sourceDir() + "/tests/docs/LANGUAGE.snapshot.md"))
      << "../shared/LANGUAGE.md changed: copy it to tests/docs/LANGUAGE.snapshot.md";
}

} // namespace

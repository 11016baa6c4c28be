// Code linked from the on-disk cache without LLVM (jit::linkStoredProgram, ObjectImage)
// computes exactly what the interpreter does, for a program of several stages, strings,
// event aggregates, ranks and a score; an entry that is not linkable is a miss.
#include "jit/StoredProgram.h"

#include "../exec/ExecTestSupport.h"
#include "TestCompile.h"
#include "jit/EngineChoice.h"
#include "jit/ObjectCache.h"
#include "jit/ObjectImage.h"
#include "plan/Lowering.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace seg::test {
namespace {

namespace fs = std::filesystem;

const char* kProgram = R"(segment picked = n >= 3 and count(ev within 100d) >= 2
segment named = s == "alpha" or g in ["x", "y"]
segment heavy = sum(ev.v within 365d) > 4 and avg(ev.f) > 0.5
segment ranked = ntile(4, n) == 4 or ntile(3, sum(ev.v)) == 1
score points {
  10 if picked
  5 if named
  2 if e == green
  1 per ev within 30d max 3
}
segment scored = points >= 12
)";

runtime::Store store() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  const char* texts[] = {"alpha", "beta", "x", "y", "zeta"};
  for (int i = 0; i < 300; ++i) {
    std::size_t row = b.contact({{"id", i},
                                 {"n", i % 7},
                                 {"s", texts[i % 5]},
                                 {"g", texts[(i / 3) % 5]},
                                 {"e", i % 3 == 0 ? "green" : "red"}});
    for (int k = 0; k < i % 6; ++k)
      b.event("ev", row, kNow - (i + k) * kDay, {{"v", k}, {"f", 0.25 * k}});
  }
  return b.finish();
}

TEST(StoredProgram, LinksWithoutLlvmAndMatchesTheInterpreter) {
  const fs::path dir = fs::temp_directory_path() / ("seg-stored-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::unique_ptr<Ran> reference = run(kProgram, store());
  ASSERT_TRUE(reference);
  const plan::Plan& plan = reference->plan;

  EXPECT_EQ(jit::linkStoredProgram(plan, dir.string()), nullptr); // nothing stored yet
  jit::CompiledEngine compiled = jit::compileEngine(jit::EngineKind::Jit, plan, dir.string());
  ASSERT_NE(compiled.program, nullptr) << compiled.note;
  EXPECT_FALSE(compiled.program->timings().objectFromDisk);

  std::shared_ptr<const jit::CompiledProgram> stored = jit::linkStoredProgram(plan, dir.string());
  ASSERT_NE(stored, nullptr);
  EXPECT_TRUE(stored->timings().objectFromDisk);
  EXPECT_EQ(stored->layout(), compiled.program->layout());

  for (unsigned threads : {1u, 2u}) {
    exec::RunResult result =
        exec::execute(plan, reference->store, {kNow, threads}, [&](exec::BoundPlan& bound) {
          return stored->makeKernel(bound);
        }).value();
    for (std::size_t s = 0; s < plan.slots.size(); ++s) {
      const exec::ContactColumn& got = result.bound->slots[s];
      const exec::ContactColumn& want = reference->result.bound->slots[s];
      EXPECT_EQ(got.validity, want.validity) << plan.slots[s].name;
      EXPECT_EQ(got.values, want.values) << plan.slots[s].name;
    }
  }
  fs::remove_all(dir);
}

TEST(StoredProgram, ObjectsThatAreNotCodeAreRefused) {
  EXPECT_TRUE(std::holds_alternative<std::string>(jit::linkObject("", {})));
  EXPECT_TRUE(std::holds_alternative<std::string>(jit::linkObject("\x7f"
                                                                  "ELF garbage",
                                                                  {})));
  std::string header(64, '\0');
  header.replace(0, 4,
                 "\x7f"
                 "ELF");
  EXPECT_TRUE(std::holds_alternative<std::string>(jit::linkObject(header, {})));
}

} // namespace
} // namespace seg::test

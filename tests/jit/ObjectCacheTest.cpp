// The on-disk code cache: entries round-trip, damaged or foreign entries are misses, and a
// second engine links the stored code instead of compiling, with the same results; a
// stored object that does not link is replaced by a fresh compile, never an error.
#include "jit/ObjectCache.h"

#include "../exec/ExecTestSupport.h"
#include "TestCompile.h"
#include "exec/Interpreter.h"
#include "jit/JitEngine.h"
#include "plan/Lowering.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace seg::test {
namespace {

namespace fs = std::filesystem;

class ObjectCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("seg-object-cache-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    if (fs::exists(dir_))
      for (const auto& e : fs::directory_iterator(dir_))
        out.push_back(e.path());
    return out;
  }

  fs::path dir_;
};

TEST_F(ObjectCacheTest, EntriesRoundTripAndDamageIsAMiss) {
  jit::ObjectCache cache(dir_.string());
  EXPECT_FALSE(cache.load("k1"));
  const std::string object("\x7f"
                           "ELF some bytes\0with a zero",
                           26);
  cache.store("k1", object);
  ASSERT_TRUE(cache.load("k1"));
  EXPECT_EQ(*cache.load("k1"), object);
  ASSERT_EQ(entries().size(), 1u); // no temporary file left behind

  // A flipped byte, a truncated file and a foreign file are all misses.
  const fs::path file = dir_ / "k1.o";
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [&](const std::string& content) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
  };
  std::string flipped = bytes;
  flipped.back() ^= 0x20;
  write(flipped);
  EXPECT_FALSE(cache.load("k1"));
  write(bytes.substr(0, bytes.size() - 3));
  EXPECT_FALSE(cache.load("k1"));
  write("not a cache entry at all");
  EXPECT_FALSE(cache.load("k1"));
  write(bytes);
  EXPECT_TRUE(cache.load("k1"));
}

TEST_F(ObjectCacheTest, DisabledCacheStoresNothing) {
  jit::ObjectCache cache;
  EXPECT_FALSE(cache.enabled());
  cache.store("k", "object");
  EXPECT_FALSE(cache.load("k"));
}

TEST_F(ObjectCacheTest, KeysDependOnProgramAndHost) {
  const std::string a = jit::ObjectCache::keyOf(1, "plan a", "host", "build");
  EXPECT_EQ(a, jit::ObjectCache::keyOf(1, "plan a", "host", "build"));
  EXPECT_NE(a, jit::ObjectCache::keyOf(1, "plan b", "host", "build"));
  EXPECT_NE(a, jit::ObjectCache::keyOf(2, "plan a", "host", "build"));
  EXPECT_NE(a, jit::ObjectCache::keyOf(1, "plan a", "other host", "build"));
  EXPECT_NE(a, jit::ObjectCache::keyOf(1, "plan a", "host", "other build"));
}

// A program over events and attributes, run by a fresh engine on the cache directory;
// returns the segment's members and whether the code came from the disk.
struct CachedRun {
  std::set<std::size_t> members;
  bool fromDisk = false;
};

runtime::Store smallStore() {
  StoreBuilder b(storeSchemaOfText(testSchema()));
  for (int i = 0; i < 200; ++i) {
    std::size_t row = b.contact({{"id", i}, {"n", i % 7}, {"g", "x"}});
    for (int k = 0; k < i % 5; ++k)
      b.event("ev", row, kNow - (i + k) * kDay, {{"v", k}});
  }
  return b.finish();
}

const char* kProgram = "segment picked = n >= 3 and count(ev within 100d) >= 2\n";

CachedRun runWithCache(const fs::path& dir, const runtime::Store& store) {
  Compilation compilation = compileText(testSchema() + "\n" + kProgram);
  EXPECT_TRUE(compilation.ok());
  plan::Plan plan = plan::lowerProgram(*compilation.program);
  jit::JitEngine engine({dir.string(), false});
  jit::CompileResult compiled = engine.compile(plan);
  EXPECT_TRUE(compiled) << compiled.error();
  CachedRun out;
  if (!compiled) return out;
  out.fromDisk = compiled.program()->timings().objectFromDisk;
  auto program = compiled.program();
  exec::RunResult result = exec::execute(plan, store, {kNow, 1}, [&](exec::BoundPlan& bound) {
                             return program->makeKernel(bound);
                           }).value();
  const exec::ContactColumn& column = result.bound->slots.at(0);
  for (std::size_t row = 0; row < store.contacts.rows; ++row)
    if (column.isValid(row) && column.data<std::uint8_t>()[row] != 0) out.members.insert(row);
  return out;
}

TEST_F(ObjectCacheTest, SecondEngineLinksStoredCodeWithTheSameResults) {
  runtime::Store store = smallStore();
  std::unique_ptr<Ran> reference = run(kProgram, smallStore());
  ASSERT_TRUE(reference);
  const std::set<std::size_t> expected = reference->members("picked");
  ASSERT_FALSE(expected.empty());

  CachedRun first = runWithCache(dir_, store);
  EXPECT_FALSE(first.fromDisk);
  EXPECT_EQ(first.members, expected);
  ASSERT_EQ(entries().size(), 1u);

  CachedRun second = runWithCache(dir_, store);
  EXPECT_TRUE(second.fromDisk);
  EXPECT_EQ(second.members, expected);

  // An entry whose checksum holds but whose object is not code: compiled afresh and
  // replaced, so the run after that links from the disk again.
  const std::string key = entries().front().stem().string();
  jit::ObjectCache(dir_.string()).store(key, "this is not an object file");
  CachedRun third = runWithCache(dir_, store);
  EXPECT_FALSE(third.fromDisk);
  EXPECT_EQ(third.members, expected);
  CachedRun fourth = runWithCache(dir_, store);
  EXPECT_TRUE(fourth.fromDisk);
  EXPECT_EQ(fourth.members, expected);
}

} // namespace
} // namespace seg::test

// Engine::Auto on data large enough that the interpreter is slower than compiling: the code
// answers the first run, the interpreter stopping for it; a stop request still cancels.
#include "seg/seg.hpp"

#include <gtest/gtest.h>
#include <numeric>
#include <stop_token>
#include <thread>

namespace seg::test {
namespace {

constexpr const char* kSchema = R"(schema {
  contact {
    id: int key
    x: int
    y: float
  }
}
)";

// Many conditions per contact: interpreting 2 M contacts on one thread takes far longer
// than compiling this (bench/README.md, "Instant answers").
constexpr const char* kProgram =
    R"(segment s = (x % 7 == 3 and y > 0.5) or (x % 11 == 2 and y < 0.25)
  or (x % 13 == 5 and y > 0.1 and y < 0.9) or (x % 17 == 1 and x > 1000) or (x % 19 == 7)
  or (x % 23 == 4 and y > 0.75) or (x % 29 == 9 and y < 0.05)
)";

struct Big {
  static constexpr std::size_t kContacts = 2'000'000;
  std::vector<std::int64_t> id = std::vector<std::int64_t>(kContacts);
  std::vector<std::int64_t> x = std::vector<std::int64_t>(kContacts);
  std::vector<double> y = std::vector<double>(kContacts);
  Big() {
    std::iota(id.begin(), id.end(), 1);
    for (std::size_t i = 0; i < kContacts; ++i) {
      x[i] = static_cast<std::int64_t>((i * 2654435761U) % 1000003U);
      y[i] = static_cast<double>((i * 40503U) % 1000U) / 1000.0;
    }
  }
};

const Big& big() {
  static const Big data; // NOLINT: built once, read only
  return data;
}

Dataset bigDataset() {
  Expected<Schema> schema = Schema::compileSource(kSchema);
  EXPECT_TRUE(schema.ok()) << schema.error().message();
  const Big& b = big();
  Expected<Dataset> data = Dataset::fromColumns(*schema, Big::kContacts,
                                                {{b.id.data(), nullptr, nullptr, nullptr, 0},
                                                 {b.x.data(), nullptr, nullptr, nullptr, 0},
                                                 {b.y.data(), nullptr, nullptr, nullptr, 0}},
                                                {});
  EXPECT_TRUE(data.ok()) << data.error().message();
  return *data;
}

Program bigProgram(const Dataset& dataset) {
  CompileOptions options;
  options.schema = dataset.schema();
  options.codeCacheDirectory = ""; // compiled each time: the race is run for real
  Expected<Program> program = Program::compileSource(kProgram, options);
  EXPECT_TRUE(program.ok()) << program.error().message();
  return *program;
}

std::vector<std::int64_t> members(const Result& result) {
  auto keys = result.segment("s")->intKeys();
  return {keys->begin(), keys->end()};
}

TEST(AutoEngine, TheCodeAnswersWhenItIsReadyBeforeTheInterpreter) {
  Dataset dataset = bigDataset();
  RunOptions options;
  options.threads = 1;
  options.engine = Engine::Interpreter;
  Expected<Result> interpreted = bigProgram(dataset).run(dataset, options);
  ASSERT_TRUE(interpreted.ok());
  ASSERT_GT(interpreted->segment("s")->count(), 0U);

  options.engine = Engine::Auto;
  Program program = bigProgram(dataset);
  Expected<Result> first = program.run(dataset, options);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->engine(), "jit");
  EXPECT_EQ(members(*first), members(*interpreted));
  Expected<Result> second = program.run(dataset, options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->engine(), "jit");
  EXPECT_EQ(members(*second), members(*interpreted));
}

TEST(AutoEngine, AStopRequestCancelsRatherThanWaitingForTheCode) {
  Dataset dataset = bigDataset();
  Program program = bigProgram(dataset);
  std::stop_source stop;
  stop.request_stop();
  RunOptions options;
  options.engine = Engine::Auto;
  options.stop = stop.get_token();
  Expected<Result> result = program.run(dataset, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::Cancelled);
}

} // namespace
} // namespace seg::test

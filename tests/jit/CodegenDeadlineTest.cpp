// LLVM's code generator runs in a child process under a deadline: a child that loops is
// stopped, one that crashes is reported, and the program on which LLVM 19 loops with
// AVX-512 masks (found by the randomized test) is compiled again without AVX-512 once the
// deadline passes, so it still gets machine code.
#include "JitTestSupport.h"
#include "jit/DeadlineChild.h"
#include "jit/JitEngine.h"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>

namespace seg::test {
namespace {

// Both definitions are needed: each alone compiles.
const char* kLoopsInLlvm = R"(schema {
  contact {
    id: int key
    age: int?
    trial_days_left: int?
    company_size: int?
  }
}
segment s6 = coalesce(age, trial_days_left) > 1
metric m12 = (median(trial_days_left) * quantile(age, 0.5)) by company_size
)";

TEST(CodegenDeadline, AProgramThatLoopsLlvmIsCompiledAgainWithoutAvx512) {
  auto lowered = lower(kLoopsInLlvm);
  ASSERT_TRUE(lowered);
  jit::JitEngine engine({"", true, std::chrono::milliseconds(1500)});
  const auto start = std::chrono::steady_clock::now();
  jit::CompileResult compiled = engine.compile(lowered->plan);
  const auto took = std::chrono::steady_clock::now() - start;
  // On a CPU with AVX-512: 1.5 s lost, then the retry without it; elsewhere at once.
  EXPECT_TRUE(compiled) << compiled.error();
  EXPECT_LT(took, std::chrono::seconds(10));

  // The engine is still usable.
  auto other = lower(std::string(kLoopsInLlvm).substr(0, std::string(kLoopsInLlvm).find("metric")));
  ASSERT_TRUE(other);
  jit::CompileResult fine = engine.compile(other->plan);
  EXPECT_TRUE(fine) << fine.error();
}

using jit::ChildResult;
using std::chrono::milliseconds;

TEST(CodegenDeadline, AChildsAnswerComesBackWhole) {
  const std::string big(3 << 20, 'x'); // larger than a pipe's buffer
  ChildResult r = jit::runInChild([&] { return big + "end"; }, milliseconds(20000));
  ASSERT_EQ(r.status, ChildResult::Status::Finished) << r.detail;
  EXPECT_EQ(r.output, big + "end");
  r = jit::runInChild([] { return std::string(); }, milliseconds(20000));
  EXPECT_EQ(r.status, ChildResult::Status::Finished);
  EXPECT_EQ(r.output, "");
}

TEST(CodegenDeadline, AChildThatLoopsIsStoppedAtTheDeadline) {
  const auto start = std::chrono::steady_clock::now();
  ChildResult r = jit::runInChild(
      [] {
        for (volatile bool forever = true; forever;) {
        }
        return std::string("never");
      },
      milliseconds(300));
  EXPECT_EQ(r.status, ChildResult::Status::TimedOut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(CodegenDeadline, AChildThatCrashesIsReported) {
  ChildResult r = jit::runInChild(
      [] {
        std::raise(SIGSEGV);
        return std::string("never");
      },
      milliseconds(20000));
  EXPECT_EQ(r.status, ChildResult::Status::Crashed);
  // "signal 11 (…)"; under AddressSanitizer, whose handler ends the child, "exit status 1".
  EXPECT_TRUE(r.detail.find("signal 11") != std::string::npos ||
              r.detail.find("exit status") != std::string::npos)
      << r.detail;
  r = jit::runInChild([]() -> std::string { throw std::runtime_error("no"); }, milliseconds(20000));
  EXPECT_EQ(r.status, ChildResult::Status::Crashed);
}

} // namespace
} // namespace seg::test

// Helpers for JIT tests: the process's engine, programs compiled and lowered, and runs of
// the interpreter and the JIT compared slot column by slot column, byte for byte.
#pragma once

#include "driver/Compilation.h"
#include "exec/Executor.h"
#include "jit/JitEngine.h"
#include "plan/Plan.h"

#include <memory>
#include <string>

namespace seg::test {

// One engine per process, as the CLI has it.
jit::JitEngine& engine();

// The first difference between two runs' slot columns, described, or "" when every slot
// column is identical byte for byte (values of null rows included: both write zeros).
std::string firstDifference(const plan::Plan& plan, const exec::BoundPlan& expected,
                            const exec::BoundPlan& actual, std::size_t rows);

// Runs `plan` with the interpreter and with the JIT; "" when every slot column matches.
std::string compareEngines(const plan::Plan& plan, const runtime::Store& store, std::int64_t now,
                           unsigned threads);

struct Lowered {
  Compilation compilation;
  plan::Plan plan;
};

// Compiles and lowers `text`; null (and a test failure) when it does not check.
std::unique_ptr<Lowered> lower(const std::string& text);

} // namespace seg::test

#include "JitTestSupport.h"

#include "TestCompile.h"
#include "exec/Interpreter.h"
#include "plan/Lowering.h"

#include <cstring>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace seg::test {
namespace {

std::string show(const exec::ContactColumn& c, std::size_t row) {
  if (!c.isValid(row)) return "null";
  const std::byte* p = c.values.data() + row * exec::widthOf(c.type);
  switch (c.type) {
  case plan::ValueType::Float: {
    double d;
    std::memcpy(&d, p, 8);
    return fmt::format("{}", d);
  }
  case plan::ValueType::Bool:
    return std::to_integer<int>(*p) ? "true" : "false";
  case plan::ValueType::Enum: {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return fmt::format("{}", v);
  }
  default: {
    std::int64_t v;
    std::memcpy(&v, p, 8);
    return fmt::format("{}", v);
  }
  }
}

} // namespace

// The first difference between two runs' slot columns, described, or "" when every slot
// column is identical byte for byte (values of null rows included: both write zeros).
std::string firstDifference(const plan::Plan& plan, const exec::BoundPlan& expected,
                            const exec::BoundPlan& actual, std::size_t rows) {
  for (std::size_t s = 0; s < plan.slots.size(); ++s) {
    const exec::ContactColumn& a = expected.slots[s];
    const exec::ContactColumn& b = actual.slots[s];
    const std::size_t width = exec::widthOf(a.type);
    for (std::size_t row = 0; row < rows; ++row) {
      if (a.isValid(row) == b.isValid(row) &&
          std::memcmp(a.values.data() + row * width, b.values.data() + row * width, width) == 0)
        continue;
      return fmt::format("slot ${} '{}', row {}: interpreter {}, jit {}", s, plan.slots[s].name,
                         row, show(a, row), show(b, row));
    }
    if (a.validity != b.validity) return fmt::format("slot ${}: validity bitmaps differ", s);
    if (a.values != b.values) return fmt::format("slot ${}: value bytes differ", s);
  }
  return "";
}

jit::JitEngine& engine() {
  static jit::JitEngine shared; // one per process, as the CLI has it
  return shared;
}

// Runs `plan` with the interpreter and with the JIT; "" when every slot column matches.
std::string compareEngines(const plan::Plan& plan, const runtime::Store& store, std::int64_t now,
                           unsigned threads) {
  jit::CompileResult compiled = engine().compile(plan);
  if (!compiled) return "compile failed: " + compiled.error();
  exec::RunOptions options;
  options.now = now;
  options.threads = threads;
  exec::RunResult expected = exec::execute(plan, store, options, exec::makeInterpreter).value();
  auto program = compiled.program();
  exec::RunResult actual = exec::execute(plan, store, options, [&](exec::BoundPlan& bound) {
                             return program->makeKernel(bound);
                           }).value();
  return firstDifference(plan, *expected.bound, *actual.bound, store.contacts.rows);
}

std::unique_ptr<Lowered> lower(const std::string& text) {
  auto out = std::make_unique<Lowered>();
  out->compilation = compileText(text);
  if (!out->compilation.ok()) {
    ADD_FAILURE() << renderAll(out->compilation);
    return nullptr;
  }
  out->plan = plan::lowerProgram(*out->compilation.program);
  return out;
}

} // namespace seg::test

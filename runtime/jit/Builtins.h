// The C++ functions generated code calls for what is clearer (and exact) in C++: calendar
// fields, rounding and decay weights, each the very function the interpreter uses, so the
// two engines agree bit for bit. Registered with the JIT as absolute symbols.
#pragma once

#include <span>

namespace seg::jit {

struct HelperSymbol {
  const char* name;
  void* address;
};

std::span<const HelperSymbol> helperSymbols();

} // namespace seg::jit

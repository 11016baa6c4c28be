// Scales the fuzz tests' work: SEG_FUZZ_ITERATIONS=N runs N times the default amount
// (default 1), so CI stays fast and a local run can go as long as wanted.
#pragma once

#include <cstdlib>
#include <string>

namespace seg::fuzz {

inline int iterationFactor() {
  const char* text = std::getenv("SEG_FUZZ_ITERATIONS");
  if (text == nullptr) return 1;
  int factor = std::atoi(text);
  return factor > 0 ? factor : 1;
}

inline int scaledIterations(int base) {
  return base * iterationFactor();
}

} // namespace seg::fuzz

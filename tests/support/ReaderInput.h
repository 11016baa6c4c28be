// Inputs for the CSV and NDJSON reader tests: exact-size copies that AddressSanitizer
// guards, and valid inputs damaged a few random bytes at a time for fuzzing.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <string_view>

namespace seg::test {

// An exact-size heap copy, so that AddressSanitizer catches any read past the end (a
// std::string has a terminator and spare capacity there).
struct ExactCopy {
  explicit ExactCopy(std::string_view text)
      : bytes(std::make_unique<char[]>(text.size())), view(bytes.get(), text.size()) {
    std::memcpy(bytes.get(), text.data(), text.size());
  }
  std::unique_ptr<char[]> bytes;
  std::string_view view;
};

// Applies 1 to `maxEdits` edits to `text` (fewer once it is empty), each replacing,
// inserting or erasing one byte at a random place; new bytes are drawn from `noise`. The
// order of the draws from `rng` fixes the tests' inputs, so keep it.
inline void mutate(std::string& text, std::mt19937_64& rng, std::string_view noise,
                   std::uint64_t maxEdits) {
  for (int k = static_cast<int>(rng() % maxEdits) + 1; k > 0 && !text.empty(); --k) {
    const std::size_t at = rng() % text.size();
    switch (rng() % 3) {
    case 0:
      text[at] = noise[rng() % noise.size()];
      break;
    case 1:
      text.insert(at, 1, noise[rng() % noise.size()]);
      break;
    default:
      text.erase(at, 1);
      break;
    }
  }
}

} // namespace seg::test

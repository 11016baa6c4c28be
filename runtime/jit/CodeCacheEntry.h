// One entry of the on-disk code cache: the object code and what linking it needs without
// generating the module again (the argument layout, chunk size, stage function names), so a
// cache hit is linked by ObjectImage without LLVM.
#pragma once

#include "KernelAbi.h"

#include <optional>
#include <string>
#include <vector>

namespace seg::jit {

struct CodeCacheEntry {
  std::string object; // a relocatable ELF object
  ArgLayout layout;
  unsigned chunkRows = 0;
  std::vector<std::string> stageFunctions; // per stage; empty for a stage without slots
};

std::string encodeEntry(const CodeCacheEntry& entry);
// Nothing for bytes that are not a whole entry of this format.
std::optional<CodeCacheEntry> decodeEntry(const std::string& bytes);

} // namespace seg::jit

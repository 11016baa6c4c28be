// Links a relocatable x86-64 ELF object of the JIT's code generator into executable memory
// without LLVM, for code from the on-disk cache: its allocated sections mapped, its symbols
// resolved (the helpers, then the process), its relocations applied. Only the relocations
// the large code model produces are accepted; any other object is refused, and the caller
// compiles the program with LLVM instead.
#pragma once

#include "Builtins.h"

#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace seg::jit {

// The mapped code, unmapped when the last owner goes.
class ObjectImage {
public:
  ObjectImage(void* base, std::size_t size) : base_(base), size_(size) {}
  ~ObjectImage();
  ObjectImage(const ObjectImage&) = delete;
  ObjectImage& operator=(const ObjectImage&) = delete;

  // The address of a global symbol the object defines, or null.
  void* symbol(const std::string& name) const;

private:
  friend std::variant<std::shared_ptr<ObjectImage>, std::string>
  linkObject(std::string_view object, std::span<const HelperSymbol> helpers);

  void* base_;
  std::size_t size_;
  std::map<std::string, void*, std::less<>> symbols_;
};

// The linked image, or why the object cannot be linked here.
std::variant<std::shared_ptr<ObjectImage>, std::string>
linkObject(std::string_view object, std::span<const HelperSymbol> helpers);

} // namespace seg::jit

#include "FreshZeroAllocator.h"

#include <cstdint>
#include <cstdlib>
#include <sys/mman.h>

namespace seg::exec {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t mappedBytes(std::size_t bytes) {
  return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}

} // namespace

void* allocateFreshZero(std::size_t bytes) {
  if (bytes < kHugePage) {
    void* block = std::calloc(bytes == 0 ? 1 : bytes, 1);
    if (block == nullptr) throw std::bad_alloc();
    return block;
  }
  // Map one huge page more than needed and trim both ends, so the block starts on a huge
  // page boundary (the kernel backs only aligned 2 MiB ranges with huge pages).
  const std::size_t size = mappedBytes(bytes);
  void* mapped =
      mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(mapped, aligned - start);
  const std::uintptr_t tail = start + size + kHugePage - (aligned + size);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
  auto* block = reinterpret_cast<void*>(aligned);
  (void)madvise(block, size, MADV_HUGEPAGE); // a hint: without it, plain pages
  return block;
}

void freeFreshZero(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes < kHugePage)
    std::free(block);
  else
    munmap(block, mappedBytes(bytes));
}

} // namespace seg::exec

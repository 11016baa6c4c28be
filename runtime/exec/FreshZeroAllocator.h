// The allocator of per-contact columns: memory fresh from the system, which is already
// zero, so creating a column of n values writes nothing (a vector's value-initialization
// is skipped); large blocks are mapped in transparent huge pages where the system allows,
// so the first touch of hundreds of megabytes costs a fault per 2 MiB, not per 4 KiB.
// Only a freshly allocated vector is all zero: create columns anew, never grow them.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace seg::exec {

void* allocateFreshZero(std::size_t bytes);
void freeFreshZero(void* block, std::size_t bytes) noexcept;

template <class T> struct FreshZeroAllocator {
  static_assert(std::is_trivially_copyable_v<T>, "for columns of plain values");
  using value_type = T;

  FreshZeroAllocator() = default;
  template <class U> FreshZeroAllocator(const FreshZeroAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(allocateFreshZero(n * sizeof(T))); }
  void deallocate(T* block, std::size_t n) noexcept { freeFreshZero(block, n * sizeof(T)); }

  // Value-initialization leaves the (zero) memory as it is; explicit values are written.
  template <class U> void construct(U* at) noexcept { ::new (static_cast<void*>(at)) U; }
  template <class U, class... Args> void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }

  friend bool operator==(const FreshZeroAllocator&, const FreshZeroAllocator&) { return true; }
};

} // namespace seg::exec

// Counting on membership bitmaps (bit r of word r/64: contact row r is a member).
#pragma once

#include <cstdint>
#include <span>

namespace seg::report {

// Members in both bitmaps (over the shorter one's words).
std::uint64_t sharedMembers(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b);

} // namespace seg::report

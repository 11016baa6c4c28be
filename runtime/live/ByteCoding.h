// Little-endian u64s and length-prefixed strings for the live files' records (the change
// log's batches, the recorded evaluation): writing, and reading that never passes the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace seg::runtime::live {

inline void putU64(std::string& out, std::uint64_t v) {
  char bytes[8];
  std::memcpy(bytes, &v, 8);
  out.append(bytes, 8);
}

inline void putString(std::string& out, std::string_view text) {
  putU64(out, text.size());
  out.append(text);
}

struct ByteReader {
  std::string_view rest;

  bool u64(std::uint64_t& v) {
    if (rest.size() < 8) return false;
    std::memcpy(&v, rest.data(), 8);
    rest.remove_prefix(8);
    return true;
  }
  bool string(std::string& out) {
    std::uint64_t size = 0;
    if (!u64(size) || size > rest.size()) return false;
    out.assign(rest.substr(0, size));
    rest.remove_prefix(size);
    return true;
  }
};

} // namespace seg::runtime::live

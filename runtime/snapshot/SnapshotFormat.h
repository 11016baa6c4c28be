// The on-disk layout of a `.segdb` snapshot, shared by the writer and the reader. Any change
// to it bumps kFormatVersion: readers refuse versions they were not written for.
//
// One file, little-endian throughout:
//
//   0            FileHeader (72 bytes; magic and version keep their offsets in every version,
//                so any reader can say which version wrote a file)
//   128          data sections, each starting on a 64-byte boundary (zero bytes between), so
//                a mapped column starts 64-byte aligned and kernels get aligned loads
//   metaOffset   the meta block (64-byte aligned): schema, row counts, section directory
//   fileSize     = metaOffset + metaSize, the end of the file
//
// The writer streams the sections, then the meta block, and fills the header in last; the
// meta block sits at the end, so a truncated file loses it and its header's fileSize says so.
//
// Meta block, field by field (u8/u32/i32/u64; str = u32 byte length + bytes):
//   str  the schema's describe() text (for people, and checked against the encoding below)
//   the schema, so it can be rebuilt exactly:
//        u32 contact field count, then each column spec
//        i32 key field index (-1: none)
//        u32 event count, then each: str name, u32 property count, each column spec
//        column spec: str name, u8 ValueKind, u8 flags (kFlag*), u32 enum value count, each str
//   u64  contact rows
//   u64  rows of each event table, in schema order
//   u32  section count, then each section entry:
//        u64 offset, u64 length, u64 XXH64 of its bytes, u32 SectionRole, u32 table, u32 column
//
// Tables: 0 is the contact table, 1 + i is the schema's event i. Per table the sections are
//   EventOffsets   event tables only: u32 CSR offsets, contact rows + 1 of them (or none when
//                  the store had none: then the table has no rows)
//   Values         per column: rows × physicalWidth(kind) bytes
//   Validity       per column stored with a bitmap (ColumnBuilder gives every nullable column
//                  one): ceil(rows / 64) u64 words, bit set = value present
//   DictOffsets    per string column: u64 offsets, entries + 1 of them (or none when empty)
//   DictBytes      per string column: the entries' bytes, back to back
//
// Checksums (XXH64, seed 0): the header's last field covers the 64 bytes before it, which
// include the meta block's checksum, which includes every section's checksum. Opening checks
// the header and meta checksums and every section's bounds (O(sections), never O(data));
// checking the sections' own checksums reads all data and is optional.
//
// A snapshot is never changed in place: a new one is renamed over it, so a run that has the
// old one mapped keeps reading the old, complete file.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace seg::runtime::snapshot {

static_assert(std::endian::native == std::endian::little,
              "snapshots map little-endian data in place");

inline constexpr std::array<char, 8> kMagic = {'S', 'E', 'G', 'D', 'B', '\0', '\0', '\1'};
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::size_t kAlignment = 64;
inline constexpr std::uint32_t kContactTable = 0;

inline constexpr std::uint8_t kFlagNullable = 1;
inline constexpr std::uint8_t kFlagKey = 2;
inline constexpr std::uint8_t kFlagPii = 4;

struct FileHeader {
  std::array<char, 8> magic;
  std::uint32_t formatVersion;
  std::uint32_t headerSize; // sizeof(FileHeader)
  std::uint64_t fileSize;
  std::uint64_t metaOffset;
  std::uint64_t metaSize;
  std::uint64_t metaChecksum;
  std::uint64_t schemaFingerprint; // StoreSchema::fingerprint()
  std::uint64_t contactRows;
  std::uint64_t headerChecksum; // XXH64 of the bytes before this field
};
static_assert(sizeof(FileHeader) == 72 && offsetof(FileHeader, formatVersion) == 8 &&
              offsetof(FileHeader, headerChecksum) == 64);

inline constexpr std::size_t kVersionOffset = offsetof(FileHeader, formatVersion);
inline constexpr std::size_t kHeaderChecked = offsetof(FileHeader, headerChecksum);

constexpr std::uint64_t alignUp(std::uint64_t n) {
  return (n + kAlignment - 1) & ~(kAlignment - 1);
}

inline constexpr std::uint64_t kDataStart = alignUp(sizeof(FileHeader));

enum class SectionRole : std::uint32_t {
  EventOffsets = 1,
  Values = 2,
  Validity = 3,
  DictOffsets = 4,
  DictBytes = 5,
};

std::string_view sectionRoleName(SectionRole role);

struct SectionEntry {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  std::uint64_t checksum = 0;
  SectionRole role = SectionRole::Values;
  std::uint32_t table = 0;
  std::uint32_t column = 0; // 0 for EventOffsets
};

} // namespace seg::runtime::snapshot

#include "SnapshotMeta.h"

#include <cstring>
#include <optional>

namespace seg::runtime::snapshot {
namespace {

class Encoder {
public:
  void u8(std::uint8_t v) { raw(&v, 1); }
  void u32(std::uint32_t v) { raw(&v, 4); }
  void i32(std::int32_t v) { raw(&v, 4); }
  void u64(std::uint64_t v) { raw(&v, 8); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void column(const ColumnSpec& c) {
    str(c.name);
    u8(static_cast<std::uint8_t>(c.kind));
    u8((c.nullable ? kFlagNullable : 0) | (c.isKey ? kFlagKey : 0) | (c.isPii ? kFlagPii : 0));
    u32(static_cast<std::uint32_t>(c.enumValues.size()));
    for (const std::string& v : c.enumValues)
      str(v);
  }
  std::string take() { return std::move(out_); }

private:
  void raw(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

// Reads fields until the bytes run out; after that every read yields zero and failed() holds,
// so decoding checks once per loop instead of after every field.
class Decoder {
public:
  explicit Decoder(std::span<const std::byte> bytes) : bytes_(bytes) {}

  bool failed() const { return failed_; }
  bool atEnd() const { return pos_ == bytes_.size(); }
  std::uint8_t u8() { return scalar<std::uint8_t>(); }
  std::uint32_t u32() { return scalar<std::uint32_t>(); }
  std::int32_t i32() { return scalar<std::int32_t>(); }
  std::uint64_t u64() { return scalar<std::uint64_t>(); }
  std::string str() {
    std::uint32_t n = u32();
    if (!take(n)) return {};
    return {reinterpret_cast<const char*>(bytes_.data() + pos_ - n), n};
  }
  // A count of items that each take at least `minBytes`: larger ones cannot be real.
  std::optional<std::uint32_t> count(std::size_t minBytes) {
    std::uint32_t n = u32();
    if (failed_ || n > (bytes_.size() - pos_) / minBytes) {
      failed_ = true;
      return std::nullopt;
    }
    return n;
  }

private:
  template <class T> T scalar() {
    T v{};
    if (take(sizeof v)) std::memcpy(&v, bytes_.data() + pos_ - sizeof v, sizeof v);
    return v;
  }
  bool take(std::size_t n) {
    if (failed_ || n > bytes_.size() - pos_) {
      failed_ = true;
      return false;
    }
    pos_ += n;
    return true;
  }

  std::span<const std::byte> bytes_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

constexpr std::size_t kMinColumnBytes = 4 + 1 + 1 + 4;
constexpr std::size_t kSectionBytes = 8 + 8 + 8 + 4 + 4 + 4;

std::optional<ColumnSpec> decodeColumn(Decoder& in) {
  ColumnSpec c;
  c.name = in.str();
  std::uint8_t kind = in.u8();
  std::uint8_t flags = in.u8();
  if (kind > static_cast<std::uint8_t>(ValueKind::Timestamp)) return std::nullopt;
  if ((flags & ~(kFlagNullable | kFlagKey | kFlagPii)) != 0) return std::nullopt;
  c.kind = static_cast<ValueKind>(kind);
  c.nullable = (flags & kFlagNullable) != 0;
  c.isKey = (flags & kFlagKey) != 0;
  c.isPii = (flags & kFlagPii) != 0;
  auto values = in.count(4);
  if (!values) return std::nullopt;
  for (std::uint32_t i = 0; i < *values && !in.failed(); ++i)
    c.enumValues.push_back(in.str());
  if (in.failed()) return std::nullopt;
  return c;
}

bool decodeColumns(Decoder& in, std::vector<ColumnSpec>& out) {
  auto n = in.count(kMinColumnBytes);
  if (!n) return false;
  for (std::uint32_t i = 0; i < *n; ++i) {
    auto column = decodeColumn(in);
    if (!column) return false;
    out.push_back(std::move(*column));
  }
  return true;
}

bool decodeSchema(Decoder& in, StoreSchema& schema) {
  if (!decodeColumns(in, schema.contactFields)) return false;
  schema.keyField = in.i32();
  if (schema.keyField < -1 || schema.keyField >= static_cast<int>(schema.contactFields.size()))
    return false;
  auto events = in.count(4 + 4);
  if (!events) return false;
  for (std::uint32_t i = 0; i < *events; ++i) {
    EventSpec event;
    event.name = in.str();
    if (!decodeColumns(in, event.properties) || event.properties.empty()) return false;
    if (event.properties[0].kind != ValueKind::Timestamp) return false; // EventTable::at()
    schema.events.push_back(std::move(event));
  }
  return !in.failed();
}

} // namespace

std::string_view sectionRoleName(SectionRole role) {
  switch (role) {
  case SectionRole::EventOffsets:
    return "offsets";
  case SectionRole::Values:
    return "values";
  case SectionRole::Validity:
    return "validity";
  case SectionRole::DictOffsets:
    return "dictionary offsets";
  case SectionRole::DictBytes:
    return "dictionary bytes";
  }
  return "unknown";
}

std::string encodeMeta(const SnapshotMeta& meta) {
  Encoder out;
  out.str(meta.schema.describe());
  out.u32(static_cast<std::uint32_t>(meta.schema.contactFields.size()));
  for (const ColumnSpec& c : meta.schema.contactFields)
    out.column(c);
  out.i32(meta.schema.keyField);
  out.u32(static_cast<std::uint32_t>(meta.schema.events.size()));
  for (const EventSpec& e : meta.schema.events) {
    out.str(e.name);
    out.u32(static_cast<std::uint32_t>(e.properties.size()));
    for (const ColumnSpec& p : e.properties)
      out.column(p);
  }
  out.u64(meta.contactRows);
  for (std::uint64_t rows : meta.eventRows)
    out.u64(rows);
  out.u32(static_cast<std::uint32_t>(meta.sections.size()));
  for (const SectionEntry& s : meta.sections) {
    out.u64(s.offset);
    out.u64(s.length);
    out.u64(s.checksum);
    out.u32(static_cast<std::uint32_t>(s.role));
    out.u32(s.table);
    out.u32(s.column);
  }
  return out.take();
}

std::variant<SnapshotMeta, std::string> decodeMeta(std::span<const std::byte> bytes) {
  Decoder in(bytes);
  SnapshotMeta meta;
  std::string description = in.str();
  if (!decodeSchema(in, meta.schema)) return std::string("its schema cannot be decoded");
  if (description != meta.schema.describe())
    return std::string("its schema encoding disagrees with its description");
  meta.contactRows = in.u64();
  for (std::size_t i = 0; i < meta.schema.events.size(); ++i)
    meta.eventRows.push_back(in.u64());
  auto sections = in.count(kSectionBytes);
  if (!sections) return std::string("its section directory cannot be decoded");
  for (std::uint32_t i = 0; i < *sections; ++i) {
    SectionEntry s;
    s.offset = in.u64();
    s.length = in.u64();
    s.checksum = in.u64();
    std::uint32_t role = in.u32();
    if (role < static_cast<std::uint32_t>(SectionRole::EventOffsets) ||
        role > static_cast<std::uint32_t>(SectionRole::DictBytes))
      return "section " + std::to_string(i) + " has an unknown role";
    s.role = static_cast<SectionRole>(role);
    s.table = in.u32();
    s.column = in.u32();
    meta.sections.push_back(s);
  }
  if (in.failed() || !in.atEnd()) return std::string("its section directory cannot be decoded");
  return meta;
}

} // namespace seg::runtime::snapshot

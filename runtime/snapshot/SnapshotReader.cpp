#include "SnapshotReader.h"

#include "Checksum.h"
#include "MappedFile.h"
#include "SchemaDiff.h"
#include "SnapshotFormat.h"
#include "SnapshotMeta.h"
#include "StoreInvariants.h"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <variant>

namespace seg::runtime {
namespace {

using namespace snapshot;

struct ColumnSections {
  const SectionEntry* values = nullptr;
  const SectionEntry* validity = nullptr;
  const SectionEntry* dictOffsets = nullptr;
  const SectionEntry* dictBytes = nullptr;
};

struct TableSections {
  const SectionEntry* offsets = nullptr; // event tables only
  std::vector<ColumnSections> columns;
};

// Why a file cannot be opened, as the user will read it.
struct Failure {
  std::string message;
};

bool lengthIs(std::uint64_t length, std::uint64_t count, std::uint64_t width) {
  return length % width == 0 && length / width == count;
}

// Everything opening needs, so the checks can be small member functions.
class Opener {
public:
  Opener(std::string path, std::shared_ptr<const MappedFile> file)
      : path_(std::move(path)), file_(std::move(file)), bytes_(file_->bytes()) {}

  SnapshotResult open(const StoreSchema* expected, bool verifyData);

private:
  std::optional<Failure> readHeader();
  std::optional<Failure> readMeta();
  std::optional<Failure> placeSections();
  std::optional<Failure> placeSection(std::size_t index, const SectionEntry& s);
  std::optional<Failure> checkComplete() const;
  std::optional<Failure> checkEnds() const;
  std::optional<Failure> verifyChecksums() const;
  Store build() const;

  Failure corrupt(std::string_view what) const {
    return {fmt::format("snapshot '{}' is corrupt: {}", path_, what)};
  }
  std::string tableName(std::uint32_t table) const {
    return table == kContactTable ? std::string("contact")
                                  : fmt::format("event '{}'", meta_.schema.events[table - 1].name);
  }
  std::string nameOf(const SectionEntry& s) const;
  std::uint64_t rowsOf(std::uint32_t table) const {
    return table == kContactTable ? meta_.contactRows : meta_.eventRows[table - 1];
  }
  const std::vector<ColumnSpec>& specsOf(std::uint32_t table) const {
    return table == kContactTable ? meta_.schema.contactFields
                                  : meta_.schema.events[table - 1].properties;
  }
  template <class T> std::span<const T> view(const SectionEntry* s) const {
    if (s == nullptr) return {};
    return {reinterpret_cast<const T*>(bytes_.data() + s->offset), s->length / sizeof(T)};
  }

  std::string path_;
  std::shared_ptr<const MappedFile> file_;
  std::span<const std::byte> bytes_;
  FileHeader header_{};
  SnapshotMeta meta_;
  std::vector<TableSections> tables_;
};

std::optional<Failure> Opener::readHeader() {
  std::size_t have = std::min(bytes_.size(), kMagic.size());
  if (bytes_.empty()) return Failure{fmt::format("snapshot '{}' is empty", path_)};
  if (std::memcmp(bytes_.data(), kMagic.data(), have) != 0)
    return Failure{fmt::format("'{}' is not a Seg snapshot (it does not start with SEGDB)", path_)};
  if (bytes_.size() < sizeof(FileHeader))
    return Failure{fmt::format("snapshot '{}' is truncated: it has {} bytes, less than a header",
                               path_, bytes_.size())};
  std::memcpy(&header_, bytes_.data(), sizeof header_);
  // Checked before the checksum: another version's header may be laid out differently.
  if (header_.formatVersion != kFormatVersion)
    return Failure{fmt::format("snapshot '{}' was written by format version {}; this seg reads "
                               "version {}",
                               path_, header_.formatVersion, kFormatVersion)};
  if (xxh64(bytes_.data(), kHeaderChecked) != header_.headerChecksum)
    return corrupt("header checksum mismatch");
  if (header_.headerSize != sizeof(FileHeader)) return corrupt("unexpected header size");
  if (bytes_.size() < header_.fileSize)
    return Failure{fmt::format("snapshot '{}' is truncated: it has {} bytes, its header says {}",
                               path_, bytes_.size(), header_.fileSize)};
  if (bytes_.size() > header_.fileSize)
    return corrupt(
        fmt::format("it has {} bytes, its header says {}", bytes_.size(), header_.fileSize));
  if (header_.metaOffset < kDataStart || header_.metaOffset % kAlignment != 0 ||
      header_.metaOffset > header_.fileSize ||
      header_.metaSize != header_.fileSize - header_.metaOffset)
    return corrupt("the directory lies outside the file");
  return std::nullopt;
}

std::optional<Failure> Opener::readMeta() {
  auto block = bytes_.subspan(header_.metaOffset, header_.metaSize);
  if (xxh64(block.data(), block.size()) != header_.metaChecksum)
    return corrupt("directory checksum mismatch");
  auto decoded = decodeMeta(block);
  if (auto* problem = std::get_if<std::string>(&decoded)) return corrupt(*problem);
  meta_ = std::move(std::get<SnapshotMeta>(decoded));
  if (meta_.schema.fingerprint() != header_.schemaFingerprint ||
      meta_.contactRows != header_.contactRows)
    return corrupt("its header and directory disagree");
  return std::nullopt;
}

std::string Opener::nameOf(const SectionEntry& s) const {
  if (s.role == SectionRole::EventOffsets) return fmt::format("{} offsets", tableName(s.table));
  return fmt::format("{} column '{}' {}", tableName(s.table), specsOf(s.table)[s.column].name,
                     sectionRoleName(s.role));
}

std::optional<Failure> Opener::placeSection(std::size_t index, const SectionEntry& s) {
  if (s.table >= tables_.size())
    return corrupt(fmt::format("section {} belongs to no table", index));
  bool columnRole = s.role != SectionRole::EventOffsets;
  if (columnRole ? s.column >= specsOf(s.table).size() : s.table == kContactTable || s.column != 0)
    return corrupt(fmt::format("section {} belongs to no column", index));
  std::string name = nameOf(s);
  if (s.offset < kDataStart || s.offset > header_.metaOffset ||
      s.length > header_.metaOffset - s.offset)
    return corrupt(fmt::format("section {} ({}) lies outside the data area", index, name));
  if (s.offset % kAlignment != 0)
    return corrupt(fmt::format("section {} ({}) is misaligned", index, name));

  std::uint64_t rows = rowsOf(s.table);
  const SectionEntry** slot = nullptr;
  bool sized = true;
  if (!columnRole) {
    slot = &tables_[s.table].offsets;
    sized = s.length == 0 ? rows == 0
                          : meta_.contactRows < UINT32_MAX && rows <= UINT32_MAX &&
                                lengthIs(s.length, meta_.contactRows + 1, sizeof(std::uint32_t));
  } else {
    const ColumnSpec& spec = specsOf(s.table)[s.column];
    ColumnSections& column = tables_[s.table].columns[s.column];
    bool isString = spec.kind == ValueKind::String;
    switch (s.role) {
    case SectionRole::Values:
      slot = &column.values;
      sized = lengthIs(s.length, rows, physicalWidth(spec.kind));
      break;
    case SectionRole::Validity:
      slot = &column.validity;
      sized = lengthIs(s.length, rows / 64 + (rows % 64 != 0), sizeof(std::uint64_t));
      break;
    case SectionRole::DictOffsets:
      slot = &column.dictOffsets;
      sized = isString && s.length % sizeof(std::uint64_t) == 0 &&
              s.length / sizeof(std::uint64_t) <= std::uint64_t{UINT32_MAX} + 1;
      break;
    case SectionRole::DictBytes:
      slot = &column.dictBytes;
      sized = isString;
      break;
    case SectionRole::EventOffsets:
      break;
    }
  }
  if (!sized) return corrupt(fmt::format("section {} ({}) has the wrong size", index, name));
  if (*slot != nullptr) return corrupt(fmt::format("section {} ({}) appears twice", index, name));
  *slot = &s;
  return std::nullopt;
}

std::optional<Failure> Opener::placeSections() {
  tables_.resize(1 + meta_.schema.events.size());
  tables_[kContactTable].columns.resize(meta_.schema.contactFields.size());
  for (std::size_t e = 0; e < meta_.schema.events.size(); ++e)
    tables_[e + 1].columns.resize(meta_.schema.events[e].properties.size());
  for (std::size_t i = 0; i < meta_.sections.size(); ++i)
    if (auto failure = placeSection(i, meta_.sections[i])) return failure;
  return std::nullopt;
}

std::optional<Failure> Opener::checkComplete() const {
  for (std::uint32_t t = 0; t < tables_.size(); ++t) {
    if (t != kContactTable && tables_[t].offsets == nullptr)
      return corrupt(fmt::format("{} has no offsets", tableName(t)));
    const auto& specs = specsOf(t);
    for (std::size_t c = 0; c < specs.size(); ++c) {
      const ColumnSections& column = tables_[t].columns[c];
      bool isString = specs[c].kind == ValueKind::String;
      if (column.values == nullptr ||
          (isString && (column.dictOffsets == nullptr || column.dictBytes == nullptr)))
        return corrupt(fmt::format("{} column '{}' lacks a section", tableName(t), specs[c].name));
    }
  }
  return std::nullopt;
}

// O(1) reads per table that keep kernels inside each table's memory for their last element.
std::optional<Failure> Opener::checkEnds() const {
  for (std::uint32_t t = 0; t < tables_.size(); ++t) {
    if (t != kContactTable) {
      auto offsets = view<std::uint32_t>(tables_[t].offsets);
      if (!offsets.empty() && (offsets.front() != 0 || offsets.back() != rowsOf(t)))
        return corrupt(fmt::format("{} do not span its rows", nameOf(*tables_[t].offsets)));
    }
    for (const ColumnSections& column : tables_[t].columns) {
      auto offsets = view<std::uint64_t>(column.dictOffsets);
      std::uint64_t bytes = column.dictBytes ? column.dictBytes->length : 0;
      bool fits = offsets.empty() ? bytes == 0 : offsets.front() == 0 && offsets.back() == bytes;
      if (!fits)
        return corrupt(fmt::format("{} do not match its bytes", nameOf(*column.dictOffsets)));
    }
  }
  return std::nullopt;
}

std::optional<Failure> Opener::verifyChecksums() const {
  for (const SectionEntry& s : meta_.sections)
    if (xxh64(bytes_.data() + s.offset, s.length) != s.checksum)
      return corrupt(fmt::format("checksum mismatch in {}", nameOf(s)));
  return std::nullopt;
}

Store Opener::build() const {
  Store store;
  store.schema = meta_.schema;
  auto fill = [&](std::uint32_t t, std::vector<Column>& columns,
                  std::vector<Dictionary>& dictionaries) {
    const auto& specs = specsOf(t);
    for (std::size_t c = 0; c < specs.size(); ++c) {
      const ColumnSections& s = tables_[t].columns[c];
      columns.emplace_back(specs[c].kind, rowsOf(t), bytes_.data() + s.values->offset,
                           view<std::uint64_t>(s.validity).data(), file_);
      if (specs[c].kind == ValueKind::String)
        dictionaries.emplace_back(view<std::uint64_t>(s.dictOffsets),
                                  view<char>(s.dictBytes).data(), file_);
      else
        dictionaries.emplace_back();
    }
  };
  store.contacts.rows = meta_.contactRows;
  fill(kContactTable, store.contacts.columns, store.contacts.dictionaries);
  for (std::uint32_t t = 1; t < tables_.size(); ++t) {
    EventTable& table = store.events.emplace_back();
    table.rows = rowsOf(t);
    table.offsets = view<std::uint32_t>(tables_[t].offsets);
    table.offsetsOwner = file_;
    fill(t, table.columns, table.dictionaries);
  }
  return store;
}

SnapshotResult Opener::open(const StoreSchema* expected, bool verifyData) {
  auto failure = readHeader();
  if (!failure) failure = readMeta();
  if (!failure && expected != nullptr) {
    if (auto difference = schemaDifference(meta_.schema, *expected))
      failure = Failure{fmt::format("the schema of snapshot '{}' differs from the program's: {}",
                                    path_, *difference)};
  }
  if (!failure) failure = placeSections();
  if (!failure) failure = checkComplete();
  // Damaged bytes are best reported as such, before the checks they would also break.
  if (!failure && verifyData) failure = verifyChecksums();
  if (!failure) failure = checkEnds();
  if (failure) return {std::nullopt, std::move(failure->message)};
  Store store = build();
  if (verifyData) {
    if (auto problem = checkStoreInvariants(store))
      return {std::nullopt, fmt::format("snapshot '{}' is inconsistent: {}", path_, *problem)};
  }
  return {std::move(store), {}};
}

} // namespace

SnapshotResult openSnapshot(const std::string& path, const StoreSchema* expected, bool verifyData) {
  MappedFileResult mapped = MappedFile::open(path);
  if (!mapped.file) return {std::nullopt, fmt::format("cannot open snapshot: {}", mapped.error)};
  auto file = std::make_shared<const MappedFile>(std::move(*mapped.file));
  return Opener(path, std::move(file)).open(expected, verifyData);
}

} // namespace seg::runtime

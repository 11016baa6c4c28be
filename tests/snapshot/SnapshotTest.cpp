// Snapshots: stores survive a write and a mapped open bit for bit, every damaged, foreign or
// stale file is refused with a clear message, and no failed write leaves a file behind.
#include "snapshot/Checksum.h"
#include "snapshot/SnapshotFormat.h"
#include "snapshot/SnapshotMeta.h"
#include "snapshot/SnapshotReader.h"
#include "snapshot/SnapshotWriter.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

namespace seg::runtime {
namespace {

namespace fs = std::filesystem;
using snapshot::FileHeader;

// ---- building stores by hand ----

ColumnSpec spec(std::string name, ValueKind kind, bool nullable = false,
                std::vector<std::string> enumValues = {}) {
  ColumnSpec c;
  c.name = std::move(name);
  c.kind = kind;
  c.nullable = nullable;
  c.enumValues = std::move(enumValues);
  return c;
}

StoreSchema sampleSchema() {
  StoreSchema s;
  s.contactFields = {spec("id", ValueKind::Int),
                     spec("age", ValueKind::Int, true),
                     spec("score", ValueKind::Float, true),
                     spec("vip", ValueKind::Bool),
                     spec("city", ValueKind::String, true),
                     spec("tier", ValueKind::Enum, true, {"gold", "silver", "bronze"}),
                     spec("signup", ValueKind::Timestamp),
                     spec("email", ValueKind::String)};
  s.contactFields[0].isKey = true;
  s.contactFields[7].isPii = true;
  s.keyField = 0;
  s.events = {
      {"purchase",
       {spec("at", ValueKind::Timestamp), spec("amount", ValueKind::Float),
        spec("sku", ValueKind::String), spec("channel", ValueKind::Enum, true, {"web", "app"})}},
      {"visit", {spec("at", ValueKind::Timestamp), spec("page", ValueKind::String, true)}},
      {"refund", {spec("at", ValueKind::Timestamp), spec("amount", ValueKind::Float)}}};
  return s;
}

// Random values of the column's kind; nullable columns get about one null in four.
void addColumn(const ColumnSpec& c, std::size_t rows, std::mt19937_64& rng,
               std::vector<Column>& columns, std::vector<Dictionary>& dictionaries) {
  ColumnBuilder column(c.kind, c.nullable);
  DictionaryBuilder dictionary;
  for (std::size_t row = 0; row < rows; ++row) {
    if (c.nullable && rng() % 4 == 0) {
      column.appendNull();
      continue;
    }
    switch (c.kind) {
    case ValueKind::Int:
    case ValueKind::Timestamp:
      column.appendInt(static_cast<std::int64_t>(rng()));
      break;
    case ValueKind::Float:
      column.appendFloat(static_cast<double>(rng() % 100000) / 7.0);
      break;
    case ValueKind::Bool:
      column.appendBool(rng() % 2 == 0);
      break;
    case ValueKind::String:
      column.appendCode(dictionary.intern(std::string(rng() % 12, 'a' + rng() % 26)));
      break;
    case ValueKind::Enum:
      column.appendCode(rng() % c.enumValues.size());
      break;
    }
  }
  columns.push_back(column.finish());
  dictionaries.push_back(c.kind == ValueKind::String ? dictionary.finish() : Dictionary());
}

// Events per contact drawn from [0, maxPerContact], sorted by `at` within each contact.
EventTable makeEvents(const EventSpec& spec, std::size_t contacts, std::size_t maxPerContact,
                      std::mt19937_64& rng) {
  auto offsets = std::make_shared<std::vector<std::uint32_t>>(1, 0);
  ColumnBuilder at(ValueKind::Timestamp, false);
  for (std::size_t c = 0; c < contacts; ++c) {
    std::size_t n = maxPerContact == 0 ? 0 : rng() % (maxPerContact + 1);
    std::int64_t t = 1'700'000'000'000 + static_cast<std::int64_t>(rng() % 1000);
    for (std::size_t i = 0; i < n; ++i)
      at.appendInt(t += static_cast<std::int64_t>(rng() % 5));
    offsets->push_back(static_cast<std::uint32_t>(offsets->back() + n));
  }
  EventTable table;
  table.rows = offsets->back();
  table.offsets = *offsets;
  table.offsetsOwner = offsets;
  table.columns.push_back(at.finish());
  table.dictionaries.emplace_back();
  for (std::size_t p = 1; p < spec.properties.size(); ++p)
    addColumn(spec.properties[p], table.rows, rng, table.columns, table.dictionaries);
  return table;
}

// `eventsPerContact[i]` bounds event table i's events per contact.
Store makeStore(StoreSchema schema, std::size_t contacts, std::vector<std::size_t> eventsPerContact,
                std::uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  Store store;
  store.schema = std::move(schema);
  store.contacts.rows = contacts;
  for (const ColumnSpec& c : store.schema.contactFields)
    addColumn(c, contacts, rng, store.contacts.columns, store.contacts.dictionaries);
  for (std::size_t e = 0; e < store.schema.events.size(); ++e)
    store.events.push_back(
        makeEvents(store.schema.events[e], contacts, eventsPerContact.at(e), rng));
  return store;
}

Store sampleStore() {
  return makeStore(sampleSchema(), 150, {4, 9, 0});
}

// ---- comparing stores ----

void expectSameColumn(const Column& a, const Column& b, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(a.kind(), b.kind());
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.hasNulls(), b.hasNulls());
  for (std::size_t row = 0; row < a.size(); ++row)
    ASSERT_EQ(a.isValid(row), b.isValid(row)) << row;
  std::size_t bytes = a.size() * physicalWidth(a.kind());
  if (bytes > 0) {
    EXPECT_EQ(std::memcmp(a.rawValues(), b.rawValues(), bytes), 0);
  }
  if (a.hasNulls() && a.size() > 0) {
    EXPECT_EQ(std::memcmp(a.validity(), b.validity(), bitmapWords(a.size()) * 8), 0);
  }
}

void expectSameDictionary(const Dictionary& a, const Dictionary& b, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.offsets().size(), b.offsets().size());
  for (std::size_t i = 0; i < a.offsets().size(); ++i)
    EXPECT_EQ(a.offsets()[i], b.offsets()[i]);
  for (std::uint32_t code = 0; code < a.size(); ++code)
    EXPECT_EQ(a.at(code), b.at(code));
}

void expectSameColumns(const std::vector<ColumnSpec>& specs, const std::vector<Column>& a,
                       const std::vector<Column>& b, const std::vector<Dictionary>& da,
                       const std::vector<Dictionary>& db) {
  ASSERT_EQ(a.size(), specs.size());
  ASSERT_EQ(b.size(), specs.size());
  ASSERT_EQ(db.size(), specs.size());
  for (std::size_t c = 0; c < specs.size(); ++c) {
    expectSameColumn(a[c], b[c], specs[c].name);
    expectSameDictionary(da[c], db[c], specs[c].name);
  }
}

void expectSameStore(const Store& a, const Store& b) {
  EXPECT_EQ(a.schema, b.schema);
  ASSERT_EQ(a.contacts.rows, b.contacts.rows);
  expectSameColumns(a.schema.contactFields, a.contacts.columns, b.contacts.columns,
                    a.contacts.dictionaries, b.contacts.dictionaries);
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    SCOPED_TRACE(a.schema.events[e].name);
    const EventTable& x = a.events[e];
    const EventTable& y = b.events[e];
    ASSERT_EQ(x.rows, y.rows);
    ASSERT_EQ(x.offsets.size(), y.offsets.size());
    for (std::size_t i = 0; i < x.offsets.size(); ++i)
      EXPECT_EQ(x.offsets[i], y.offsets[i]);
    expectSameColumns(a.schema.events[e].properties, x.columns, y.columns, x.dictionaries,
                      y.dictionaries);
  }
}

// ---- files ----

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Replaces rather than truncates: ext4 flushes a truncated file to disk on close, which made
// the byte-by-byte tests wait on the disk thousands of times.
void writeFile(const fs::path& path, std::string_view bytes) {
  fs::remove(path);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

FileHeader headerOf(std::string_view bytes) {
  FileHeader header;
  std::memcpy(&header, bytes.data(), sizeof header);
  return header;
}

snapshot::SnapshotMeta metaOf(std::string_view bytes) {
  FileHeader header = headerOf(bytes);
  auto block = std::as_bytes(std::span(bytes.data() + header.metaOffset, header.metaSize));
  return std::get<snapshot::SnapshotMeta>(snapshot::decodeMeta(block));
}

// Replaces the meta block and reseals both checksums, so only the structural checks can
// object to what `change` did.
std::string withMeta(std::string bytes,
                     const std::function<void(snapshot::SnapshotMeta&)>& change) {
  FileHeader header = headerOf(bytes);
  snapshot::SnapshotMeta meta = metaOf(bytes);
  change(meta);
  std::string encoded = snapshot::encodeMeta(meta);
  bytes.resize(header.metaOffset);
  bytes += encoded;
  header.metaSize = encoded.size();
  header.fileSize = bytes.size();
  header.metaChecksum = xxh64(encoded.data(), encoded.size());
  header.headerChecksum = xxh64(&header, snapshot::kHeaderChecked);
  std::memcpy(bytes.data(), &header, sizeof header);
  return bytes;
}

class SnapshotTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "segdb-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (dir_.empty()) return;
    fs::permissions(dir_, fs::perms::owner_all); // after ReadOnlyDirectoryFailsCleanly
    fs::remove_all(dir_);
  }

  fs::path path(const std::string& name = "data.segdb") const { return dir_ / name; }

  std::vector<std::string> filesInDir() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  // Writes `store` and returns the file's bytes.
  std::string written(const Store& store) {
    auto error = writeSnapshot(store, path());
    EXPECT_FALSE(error) << *error;
    return readFile(path());
  }

  // The error from opening `bytes` as a snapshot.
  std::string openError(std::string_view bytes, bool verifyData = true,
                        const StoreSchema* expected = nullptr) {
    writeFile(path("bad.segdb"), bytes);
    SnapshotResult result = openSnapshot(path("bad.segdb"), expected, verifyData);
    EXPECT_FALSE(result.store) << "opened a bad snapshot";
    return result.error;
  }

  SnapshotResult reopen(const StoreSchema* expected = nullptr, bool verifyData = true) {
    return openSnapshot(path(), expected, verifyData);
  }

  fs::path dir_;
};

// ---- checksum ----

TEST(ChecksumTest, MatchesReferenceXxh64) {
  EXPECT_EQ(xxh64("", 0), 0xef46db3751d8e999ull);
  EXPECT_EQ(xxh64("a", 1), 0xd24ec4f1a98c6e5bull);
  EXPECT_EQ(xxh64("abc", 3), 0x44bc2cf5ad770999ull);
  std::string_view s = "Nobody inspects the spammish repetition";
  EXPECT_EQ(xxh64(s.data(), s.size()), 0xfbcea83c8a378bf1ull);
  unsigned char bytes[100];
  for (int i = 0; i < 100; ++i)
    bytes[i] = static_cast<unsigned char>(i);
  EXPECT_EQ(xxh64(bytes, 100), 0x6ac1e58032166597ull);
  EXPECT_EQ(xxh64(bytes, 100, 42), 0x819d2b726001d507ull);
}

// ---- round trips ----

TEST_F(SnapshotTest, RoundTripsEveryValueValidityBitAndDictionaryEntry) {
  Store store = sampleStore();
  ASSERT_GT(store.events[0].rows, 0u);
  ASSERT_EQ(store.events[2].rows, 0u);
  written(store);
  for (bool verify : {true, false}) {
    SnapshotResult opened = reopen(&store.schema, verify);
    ASSERT_TRUE(opened.store) << opened.error;
    expectSameStore(store, *opened.store);
  }
}

TEST_F(SnapshotTest, SchemaIsRebuiltExactlyWithoutAnExpectedSchema) {
  Store store = sampleStore();
  written(store);
  SnapshotResult opened = reopen(nullptr);
  ASSERT_TRUE(opened.store) << opened.error;
  EXPECT_EQ(opened.store->schema, store.schema);
  EXPECT_EQ(opened.store->schema.describe(), store.schema.describe());
  EXPECT_TRUE(opened.store->schema.contactFields[0].isKey);
  EXPECT_TRUE(opened.store->schema.contactFields[7].isPii);
}

TEST_F(SnapshotTest, RoundTripsZeroContacts) {
  Store store = makeStore(sampleSchema(), 0, {3, 3, 3});
  ASSERT_EQ(store.events[0].offsets.size(), 1u);
  written(store);
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
  EXPECT_EQ(opened.store->batchCount(), 0u);
}

TEST_F(SnapshotTest, RoundTripsAnEmptySchema) {
  Store store;
  written(store);
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
}

TEST_F(SnapshotTest, RoundTripsEventTablesWithoutOffsets) {
  Store store = makeStore(sampleSchema(), 0, {0, 0, 0});
  store.events[1].offsets = {};
  store.events[1].offsetsOwner = nullptr;
  written(store);
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
}

TEST_F(SnapshotTest, RoundTripsAllNullsAndEmptyStrings) {
  StoreSchema schema;
  schema.contactFields = {spec("nothing", ValueKind::String, true),
                          spec("blank", ValueKind::String), spec("n", ValueKind::Int, true)};
  Store store;
  store.schema = schema;
  store.contacts.rows = 70;
  ColumnBuilder nothing(ValueKind::String, true), blank(ValueKind::String, false),
      n(ValueKind::Int, true);
  DictionaryBuilder blanks;
  for (int i = 0; i < 70; ++i) {
    nothing.appendNull();
    blank.appendCode(blanks.intern(i % 2 ? "" : "x"));
    n.appendNull();
  }
  store.contacts.columns = {nothing.finish(), blank.finish(), n.finish()};
  store.contacts.dictionaries = {DictionaryBuilder().finish(), blanks.finish(), Dictionary()};
  written(store);
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
  EXPECT_EQ(opened.store->contacts.dictionaries[1].at(1), "");
}

TEST_F(SnapshotTest, RoundTripsManyRowsAcrossBitmapWords) {
  Store store = makeStore(sampleSchema(), 5000, {3, 2, 1}, 7);
  written(store);
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
}

TEST_F(SnapshotTest, MappedColumnsAre64ByteAligned) {
  written(sampleStore());
  SnapshotResult opened = reopen();
  ASSERT_TRUE(opened.store) << opened.error;
  auto aligned = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; };
  for (const Column& c : opened.store->contacts.columns) {
    EXPECT_TRUE(aligned(c.rawValues()));
    if (c.hasNulls()) {
      EXPECT_TRUE(aligned(c.validity()));
    }
  }
  for (const EventTable& t : opened.store->events) {
    EXPECT_TRUE(aligned(t.offsets.data()));
    for (const Column& c : t.columns)
      EXPECT_TRUE(aligned(c.rawValues()));
  }
}

TEST_F(SnapshotTest, AColumnKeepsTheMappingAliveAfterTheStoreIsGone) {
  Store store = sampleStore();
  written(store);
  Column age;
  Dictionary cities;
  {
    SnapshotResult opened = reopen();
    ASSERT_TRUE(opened.store) << opened.error;
    age = opened.store->contacts.columns[1];
    cities = opened.store->contacts.dictionaries[4];
  }
  expectSameColumn(store.contacts.columns[1], age, "age");
  expectSameDictionary(store.contacts.dictionaries[4], cities, "city");
}

TEST_F(SnapshotTest, RewritingGivesIdenticalBytes) {
  Store store = sampleStore();
  std::string first = written(store);
  SnapshotResult opened = reopen();
  ASSERT_TRUE(opened.store) << opened.error;
  ASSERT_FALSE(writeSnapshot(*opened.store, path("again.segdb")));
  EXPECT_EQ(readFile(path("again.segdb")), first);
}

// ---- refusing bad files ----

TEST_F(SnapshotTest, MissingFileIsAnError) {
  SnapshotResult result = openSnapshot(path("absent.segdb"), nullptr, true);
  EXPECT_FALSE(result.store);
  EXPECT_NE(result.error.find("No such file or directory"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("absent.segdb"), std::string::npos) << result.error;
}

TEST_F(SnapshotTest, DirectoryIsAnError) {
  SnapshotResult result = openSnapshot(dir_, nullptr, true);
  EXPECT_FALSE(result.store);
  EXPECT_NE(result.error.find("not a regular file"), std::string::npos) << result.error;
}

TEST_F(SnapshotTest, EmptyFileIsAnError) {
  EXPECT_NE(openError("").find("is empty"), std::string::npos);
}

TEST_F(SnapshotTest, WrongMagicIsNotASnapshot) {
  std::string csv = "id,age,city\n1,30,Paris\n2,41,Lyon\n" + std::string(200, '\n');
  EXPECT_NE(openError(csv).find("is not a Seg snapshot"), std::string::npos) << openError(csv);
  std::string bytes = written(sampleStore());
  bytes[0] = 'X';
  EXPECT_NE(openError(bytes).find("is not a Seg snapshot"), std::string::npos);
}

TEST_F(SnapshotTest, OtherFormatVersionsAreNamed) {
  std::string bytes = written(sampleStore());
  for (std::uint32_t version : {0u, 2u, 3u}) {
    std::memcpy(bytes.data() + snapshot::kVersionOffset, &version, sizeof version);
    EXPECT_EQ(openError(bytes), fmt::format("snapshot '{}' was written by format version {}; this "
                                            "seg reads version 1",
                                            path("bad.segdb").string(), version));
  }
}

TEST_F(SnapshotTest, EveryHeaderByteIsChecked) {
  std::string good = written(sampleStore());
  for (std::size_t i = 0; i < sizeof(FileHeader); ++i) {
    std::string bytes = good;
    bytes[i] ^= 0x20;
    std::string error = openError(bytes);
    const char* expected = i < 8    ? "is not a Seg snapshot"
                           : i < 12 ? "was written by format version"
                                    : "is corrupt: header checksum mismatch";
    EXPECT_NE(error.find(expected), std::string::npos) << "byte " << i << ": " << error;
  }
}

TEST_F(SnapshotTest, EveryDirectoryByteIsChecked) {
  std::string good = written(sampleStore());
  FileHeader header = headerOf(good);
  for (std::size_t i = header.metaOffset; i < good.size(); ++i) {
    std::string bytes = good;
    bytes[i] ^= 0x01;
    std::string error = openError(bytes, false);
    EXPECT_NE(error.find("is corrupt: directory checksum mismatch"), std::string::npos)
        << "byte " << i << ": " << error;
  }
}

TEST_F(SnapshotTest, EveryDataSectionIsCheckedWhenVerifying) {
  std::string good = written(sampleStore());
  snapshot::SnapshotMeta meta = metaOf(good);
  int checked = 0;
  for (const snapshot::SectionEntry& s : meta.sections) {
    if (s.length == 0) continue;
    for (std::uint64_t at : {s.offset, s.offset + s.length / 2, s.offset + s.length - 1}) {
      std::string bytes = good;
      bytes[at] ^= 0x04;
      std::string error = openError(bytes, true);
      EXPECT_NE(error.find("is corrupt: checksum mismatch in "), std::string::npos)
          << "byte " << at << ": " << error;
      ++checked;
    }
  }
  EXPECT_GT(checked, 30);
}

TEST_F(SnapshotTest, DataChecksumsNameTheSection) {
  Store store = sampleStore();
  std::string bytes = written(store);
  for (const snapshot::SectionEntry& s : metaOf(bytes).sections)
    if (s.role == snapshot::SectionRole::Values && s.table == 0 && s.column == 1)
      bytes[s.offset + 8] ^= 1;
  EXPECT_NE(openError(bytes).find("checksum mismatch in contact column 'age' values"),
            std::string::npos)
      << openError(bytes);
}

TEST_F(SnapshotTest, DataChecksumsAreSkippedWithoutVerifying) {
  Store store = sampleStore();
  std::string bytes = written(store);
  for (const snapshot::SectionEntry& s : metaOf(bytes).sections)
    if (s.role == snapshot::SectionRole::Values && s.table == 0 && s.column == 0)
      bytes[s.offset] ^= 1;
  writeFile(path(), bytes);
  SnapshotResult opened = reopen(nullptr, false);
  ASSERT_TRUE(opened.store) << opened.error;
  EXPECT_EQ(opened.store->contacts.columns[0].values<std::int64_t>()[0],
            store.contacts.columns[0].values<std::int64_t>()[0] ^ 1);
}

TEST_F(SnapshotTest, TruncationAnywhereIsAnError) {
  std::string good = written(sampleStore());
  std::vector<std::size_t> sizes;
  for (std::size_t n = 1; n <= 300; ++n)
    sizes.push_back(n);
  for (std::size_t n = 300; n < good.size(); n += good.size() / 97)
    sizes.push_back(n);
  FileHeader header = headerOf(good);
  for (std::size_t n :
       {header.metaOffset - 1, header.metaOffset, header.metaOffset + 1, good.size() - 1})
    sizes.push_back(n);
  for (std::size_t n : sizes) {
    std::string error = openError(std::string_view(good).substr(0, n), false);
    EXPECT_NE(error.find("is truncated"), std::string::npos) << n << " bytes: " << error;
  }
}

TEST_F(SnapshotTest, TrailingBytesAreAnError) {
  std::string bytes = written(sampleStore()) + "more";
  EXPECT_NE(openError(bytes).find("is corrupt"), std::string::npos);
}

// ---- structural checks behind valid checksums (a writer bug or a forged file) ----

TEST_F(SnapshotTest, SectionsOutsideTheDataAreaAreErrors) {
  std::string good = written(sampleStore());
  FileHeader header = headerOf(good);
  auto error = [&](const std::function<void(snapshot::SectionEntry&)>& change) {
    return openError(withMeta(good, [&](snapshot::SnapshotMeta& m) { change(m.sections[3]); }),
                     false);
  };
  EXPECT_NE(
      error([&](auto& s) { s.offset = header.metaOffset + 64; }).find("outside the data area"),
      std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.length = header.metaOffset; }).find("outside the data area"),
            std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.offset = 0; }).find("outside the data area"), std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.offset += 8; }).find("is misaligned"), std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.offset = UINT64_MAX - 63; }).find("outside the data area"),
            std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.length -= 8; }).find("has the wrong size"), std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.table = 99; }).find("belongs to no table"), std::string::npos);
  EXPECT_NE(error([&](auto& s) { s.column = 99; }).find("belongs to no column"), std::string::npos);
}

TEST_F(SnapshotTest, MissingAndDuplicateSectionsAreErrors) {
  std::string good = written(sampleStore());
  std::string missing = withMeta(good, [](auto& m) { m.sections.erase(m.sections.begin()); });
  EXPECT_NE(openError(missing).find("column 'id' lacks a section"), std::string::npos);
  std::string doubled = withMeta(good, [](auto& m) { m.sections.push_back(m.sections[0]); });
  EXPECT_NE(openError(doubled).find("appears twice"), std::string::npos);
  std::string noOffsets = withMeta(good, [](auto& m) {
    std::erase_if(m.sections, [](const auto& s) {
      return s.role == snapshot::SectionRole::EventOffsets && s.table == 2;
    });
  });
  EXPECT_NE(openError(noOffsets).find("event 'visit' has no offsets"), std::string::npos);
}

TEST_F(SnapshotTest, RowCountsMustMatchTheOffsets) {
  std::string good = written(sampleStore());
  // The column sections shrink with the row count, so only the offsets' end can object.
  std::string bytes = withMeta(good, [](snapshot::SnapshotMeta& m) {
    std::uint64_t old = m.eventRows[0], rows = old - 1;
    m.eventRows[0] = rows;
    for (auto& s : m.sections) {
      if (s.table != 1) continue;
      if (s.role == snapshot::SectionRole::Values) s.length = s.length / old * rows;
      if (s.role == snapshot::SectionRole::Validity) s.length = bitmapWords(rows) * 8;
    }
  });
  EXPECT_NE(openError(bytes, false).find("event 'purchase' offsets do not span its rows"),
            std::string::npos)
      << openError(bytes, false);
}

TEST_F(SnapshotTest, VerifyingChecksCodesAndOffsetsInsideTheData) {
  StoreSchema schema;
  schema.contactFields = {spec("city", ValueKind::String)};
  Store store;
  store.schema = schema;
  store.contacts.rows = 4;
  ColumnBuilder city(ValueKind::String, false);
  DictionaryBuilder cities;
  for (std::uint32_t code : {cities.intern("Paris"), cities.intern("Lyon"), 1u, 99u})
    city.appendCode(code);
  store.contacts.columns = {city.finish()};
  store.contacts.dictionaries = {cities.finish()};
  ASSERT_FALSE(writeSnapshot(store, path()));
  EXPECT_TRUE(reopen(nullptr, false).store);
  SnapshotResult verified = reopen(nullptr, true);
  EXPECT_FALSE(verified.store);
  EXPECT_NE(verified.error.find("contact column 'city': row 3 has code 99 of 2"), std::string::npos)
      << verified.error;
}

// ---- schema mismatches ----

class SchemaMismatchTest : public SnapshotTest {
protected:
  void SetUp() override {
    SnapshotTest::SetUp();
    written(sampleStore());
  }
  // The reason after the fixed prefix.
  std::string mismatch(const StoreSchema& program) {
    std::string error = openError(readFile(path()), true, &program);
    std::string prefix = fmt::format("the schema of snapshot '{}' differs from the program's: ",
                                     path("bad.segdb").string());
    EXPECT_EQ(error.substr(0, prefix.size()), prefix) << error;
    return error.substr(std::min(prefix.size(), error.size()));
  }
};

TEST_F(SchemaMismatchTest, FieldType) {
  StoreSchema program = sampleSchema();
  program.contactFields[1].kind = ValueKind::Float;
  program.contactFields[1].nullable = false;
  EXPECT_EQ(mismatch(program), "contact field 'age' is int? in the snapshot, float in the program");
}

TEST_F(SchemaMismatchTest, Nullability) {
  StoreSchema program = sampleSchema();
  program.contactFields[3].nullable = true;
  EXPECT_EQ(mismatch(program), "contact field 'vip' is bool in the snapshot, bool? in the program");
}

TEST_F(SchemaMismatchTest, EnumValues) {
  StoreSchema program = sampleSchema();
  program.contactFields[5].enumValues.push_back("platinum");
  EXPECT_EQ(mismatch(program), "contact field 'tier' is enum? {gold,silver,bronze} in the "
                               "snapshot, enum? {gold,silver,bronze,platinum} in the program");
}

TEST_F(SchemaMismatchTest, PiiFlag) {
  StoreSchema program = sampleSchema();
  program.contactFields[7].isPii = false;
  EXPECT_EQ(mismatch(program), "contact field 'email' is string pii in the snapshot, string in "
                               "the program");
}

TEST_F(SchemaMismatchTest, MissingAndExtraFields) {
  StoreSchema program = sampleSchema();
  program.contactFields.push_back(spec("country", ValueKind::String));
  EXPECT_EQ(mismatch(program), "contact field 'country' is not in the snapshot");
  program = sampleSchema();
  program.contactFields.erase(program.contactFields.begin() + 2);
  EXPECT_EQ(mismatch(program), "the snapshot has contact field 'score', which the program does "
                               "not declare");
}

TEST_F(SchemaMismatchTest, FieldOrder) {
  StoreSchema program = sampleSchema();
  std::swap(program.contactFields[1], program.contactFields[2]);
  EXPECT_EQ(mismatch(program),
            "contact field 'score' is number 3 in the snapshot, 2 in the program");
}

TEST_F(SchemaMismatchTest, KeyField) {
  StoreSchema program = sampleSchema();
  program.keyField = -1;
  EXPECT_EQ(mismatch(program), "the key field is 'id' in the snapshot, none in the program");
}

TEST_F(SchemaMismatchTest, Events) {
  StoreSchema program = sampleSchema();
  program.events[0].properties[1].kind = ValueKind::Int;
  EXPECT_EQ(mismatch(program),
            "event 'purchase' property 'amount' is float in the snapshot, int in the program");
  program = sampleSchema();
  program.events.push_back({"login", {spec("at", ValueKind::Timestamp)}});
  EXPECT_EQ(mismatch(program), "event 'login' is not in the snapshot");
  program = sampleSchema();
  program.events.pop_back();
  EXPECT_EQ(mismatch(program), "the snapshot has event 'refund', which the program does not "
                               "declare");
  program = sampleSchema();
  std::swap(program.events[0], program.events[1]);
  EXPECT_EQ(mismatch(program), "event 'visit' is number 2 in the snapshot, 1 in the program");
}

TEST_F(SchemaMismatchTest, EqualSchemaOpens) {
  StoreSchema program = sampleSchema();
  EXPECT_TRUE(reopen(&program).store);
}

// ---- atomic writes ----

TEST_F(SnapshotTest, SuccessfulWriteLeavesOnlyTheSnapshot) {
  written(sampleStore());
  EXPECT_EQ(filesInDir(), std::vector<std::string>{"data.segdb"});
}

TEST_F(SnapshotTest, OverwriteReplacesTheOldSnapshotAndAStaleTemporary) {
  written(makeStore(sampleSchema(), 10, {1, 1, 1}));
  writeFile(path(fmt::format("data.segdb.tmp-{}", ::getpid())), "left by a crash");
  Store store = sampleStore();
  written(store);
  EXPECT_EQ(filesInDir(), std::vector<std::string>{"data.segdb"});
  SnapshotResult opened = reopen(&store.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(store, *opened.store);
}

TEST_F(SnapshotTest, MissingDirectoryFailsCleanly) {
  auto error = writeSnapshot(sampleStore(), path("absent/data.segdb"));
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("No such file or directory"), std::string::npos) << *error;
  EXPECT_TRUE(filesInDir().empty());
}

TEST_F(SnapshotTest, InconsistentStoreIsRefused) {
  Store store = sampleStore();
  store.contacts.columns.pop_back();
  auto error = writeSnapshot(store, path());
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("the contact table has 7 columns, its schema 8"), std::string::npos)
      << *error;
  EXPECT_TRUE(filesInDir().empty());
}

// Root ignores directory permissions, so the write runs as `nobody` in a child process.
TEST_F(SnapshotTest, ReadOnlyDirectoryFailsCleanly) {
  Store store = sampleStore();
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                            fs::perms::group_exec | fs::perms::others_read |
                            fs::perms::others_exec);
  auto child = [&] {
    if (::geteuid() == 0 && ::setuid(65534) != 0) std::_Exit(2);
    auto error = writeSnapshot(store, path());
    if (error) std::fprintf(stderr, "%s\n", error->c_str());
    std::_Exit(error ? 0 : 1);
  };
  EXPECT_EXIT(child(), ::testing::ExitedWithCode(0), "cannot write snapshot .*Permission denied");
  EXPECT_TRUE(filesInDir().empty());
}

// A full disk, as the file size limit makes it: every write past the limit fails.
TEST_F(SnapshotTest, FullDiskKeepsTheOldSnapshot) {
  Store old = makeStore(sampleSchema(), 20, {1, 1, 1});
  written(old);
  Store big = makeStore(sampleSchema(), 3000, {5, 5, 5});
  auto child = [&] {
    std::signal(SIGXFSZ, SIG_IGN); // report the failed write instead of dying of it
    rlimit limit{64 * 1024, RLIM_INFINITY};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) std::_Exit(2);
    auto error = writeSnapshot(big, path());
    if (error) std::fprintf(stderr, "%s\n", error->c_str());
    std::_Exit(error ? 0 : 1);
  };
  EXPECT_EXIT(child(), ::testing::ExitedWithCode(0), "cannot write snapshot .*File too large");
  EXPECT_EQ(filesInDir(), std::vector<std::string>{"data.segdb"});
  SnapshotResult opened = reopen(&old.schema);
  ASSERT_TRUE(opened.store) << opened.error;
  expectSameStore(old, *opened.store);
}

} // namespace
} // namespace seg::runtime

// LiveStore::subStore: a few contacts' data, gathered from the snapshot and the pending
// changes without merging the whole store, for re-evaluating only the contacts a batch touched.
#include "PendingChanges.h"

#include <cstring>
#include <unordered_map>

namespace seg::runtime::live {
namespace {

struct Storage {
  std::vector<std::byte> values;
  std::vector<std::uint64_t> validity;
};

// One source column, finished (the snapshot's) or pending (a builder and its dictionary).
struct SourceColumn {
  const std::byte* values = nullptr;
  const Column* column = nullptr;
  const ColumnBuilder* builder = nullptr;
  const Dictionary* dictionary = nullptr;
  const DictionaryBuilder* dictionaryBuilder = nullptr;

  bool valid(std::size_t row) const {
    return column != nullptr ? column->isValid(row) : builder->isValid(row);
  }
  std::string_view text(std::uint32_t code) const {
    return dictionary != nullptr ? dictionary->at(code) : dictionaryBuilder->at(code);
  }
};

SourceColumn finished(const Column& column, const Dictionary& dictionary) {
  return {static_cast<const std::byte*>(column.rawValues()), &column, nullptr, &dictionary, nullptr};
}

SourceColumn pending(const ColumnBuilder& builder, const DictionaryBuilder& dictionary) {
  return {builder.rawData(), nullptr, &builder, nullptr, &dictionary};
}

// Gathers (source, row) picks of one column into a new column; strings get a dictionary of
// only the texts picked.
class ColumnGather {
public:
  ColumnGather(const ColumnSpec& spec, std::size_t rows)
      : spec_(spec), width_(physicalWidth(spec.kind)) {
    storage_->values.resize(rows * width_);
    if (spec_.nullable) storage_->validity.assign(bitmapWords(rows), 0);
  }

  void add(const SourceColumn& source, std::size_t row) {
    const std::size_t at = length_++;
    if (!source.valid(row)) return; // zero bytes, validity bit clear
    if (spec_.nullable) storage_->validity[at >> 6] |= std::uint64_t{1} << (at & 63);
    if (spec_.kind == ValueKind::String) {
      std::uint32_t code = 0;
      std::memcpy(&code, source.values + row * 4, 4);
      code = dictionary_.intern(source.text(code));
      std::memcpy(storage_->values.data() + at * 4, &code, 4);
    } else {
      std::memcpy(storage_->values.data() + at * width_, source.values + row * width_, width_);
    }
  }

  void finish(std::vector<Column>& columns, std::vector<Dictionary>& dictionaries) {
    const std::uint64_t* validity = spec_.nullable ? storage_->validity.data() : nullptr;
    columns.emplace_back(spec_.kind, length_, storage_->values.data(), validity, storage_);
    dictionaries.push_back(spec_.kind == ValueKind::String ? dictionary_.finish() : Dictionary());
  }

private:
  const ColumnSpec& spec_;
  std::size_t width_;
  std::size_t length_ = 0;
  std::shared_ptr<Storage> storage_ = std::make_shared<Storage>();
  DictionaryBuilder dictionary_;
};

} // namespace

Store LiveStore::subStore(std::span<const std::uint32_t> rows) const {
  const StoreSchema& schema = base_->schema;
  Pending& changes = *pending_;
  Store out;
  out.schema = schema;
  out.contacts.rows = rows.size();
  for (std::size_t f = 0; f < schema.contactFields.size(); ++f) {
    const SourceColumn source =
        changes.contactsCopied
            ? pending(changes.contactColumns[f], changes.contactDictionaries[f])
            : finished(base_->contacts.columns[f], base_->contacts.dictionaries[f]);
    ColumnGather gather(schema.contactFields[f], rows.size());
    for (std::uint32_t row : rows)
      gather.add(source, row);
    gather.finish(out.contacts.columns, out.contacts.dictionaries);
  }

  const std::size_t baseRows = base_->contacts.rows;
  for (std::size_t t = 0; t < schema.events.size(); ++t) {
    const EventSpec& spec = schema.events[t];
    const EventTable& table = base_->events[t];
    Pending::Events& appended = changes.events[t];
    const bool anyAppended = !appended.contactRows.empty();
    if (anyAppended && !appended.byContact)
      appended.byContact =
          orderEvents(appended.contactRows, appended.columns[0].view<std::int64_t>(), rows_);
    std::span<const std::int64_t> tableAt =
        table.rows != 0 ? table.at() : std::span<const std::int64_t>{};
    std::span<const std::int64_t> appendedAt =
        anyAppended ? appended.columns[0].view<std::int64_t>() : std::span<const std::int64_t>{};

    // Per picked event: from the table (index) or appended (index | high bit).
    constexpr std::uint64_t kAppended = std::uint64_t{1} << 63;
    std::vector<std::uint64_t> picks;
    auto offsets = std::make_shared<std::vector<std::uint32_t>>(rows.size() + 1, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::uint32_t c = rows[r];
      std::uint32_t i = 0, iEnd = 0;
      if (c < baseRows && !table.offsets.empty()) {
        i = table.offsets[c];
        iEnd = table.offsets[c + 1];
      }
      std::uint32_t j = 0, jEnd = 0;
      if (anyAppended) {
        j = appended.byContact->offsets[c];
        jEnd = appended.byContact->offsets[c + 1];
      }
      const std::vector<std::uint32_t>* order = anyAppended ? &appended.byContact->order : nullptr;
      while (i < iEnd && j < jEnd) {
        if (tableAt[i] <= appendedAt[(*order)[j]]) // ties: the snapshot's first
          picks.push_back(i++);
        else
          picks.push_back(kAppended | (*order)[j++]);
      }
      while (i < iEnd)
        picks.push_back(i++);
      while (j < jEnd)
        picks.push_back(kAppended | (*order)[j++]);
      (*offsets)[r + 1] = static_cast<std::uint32_t>(picks.size());
    }
    EventTable events;
    events.rows = picks.size();
    for (std::size_t p = 0; p < spec.properties.size(); ++p) {
      const ColumnSpec& property = spec.properties[p];
      ColumnGather gather(property, picks.size());
      const SourceColumn fromTable =
          table.rows != 0 ? finished(table.columns[p], table.dictionaries[p]) : SourceColumn{};
      const SourceColumn fromAppended =
          anyAppended ? pending(appended.columns[p], appended.dictionaries[p]) : SourceColumn{};
      for (std::uint64_t pick : picks) {
        if ((pick & kAppended) != 0)
          gather.add(fromAppended, pick & ~kAppended);
        else
          gather.add(fromTable, pick);
      }
      gather.finish(events.columns, events.dictionaries);
    }
    events.offsets = *offsets;
    events.offsetsOwner = offsets;
    out.events.push_back(std::move(events));
  }
  return out;
}

} // namespace seg::runtime::live

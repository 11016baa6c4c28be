// LiveStore::subStore: a few contacts' data, gathered from the snapshot and the pending
// changes without merging the whole store, for re-evaluating only the contacts a batch touched.
#include "PendingChanges.h"
#include "exec/ThreadPool.h"

#include <algorithm>
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
  std::size_t dictionarySize() const {
    return dictionary != nullptr          ? dictionary->size()
           : dictionaryBuilder != nullptr ? dictionaryBuilder->size()
                                          : 0;
  }
};

SourceColumn finished(const Column& column, const Dictionary& dictionary) {
  return {static_cast<const std::byte*>(column.rawValues()), &column, nullptr, &dictionary,
          nullptr};
}

SourceColumn pending(const ColumnBuilder& builder, const DictionaryBuilder& dictionary) {
  return {builder.rawData(), nullptr, &builder, nullptr, &dictionary};
}

// Gathers (source, row) picks of one column into a new column; strings get a dictionary of
// only the texts picked. A pending dictionary extends the snapshot's (its codes mean the same
// texts), so one code → new code map serves both sources: each text is copied once.
class ColumnGather {
public:
  ColumnGather(const ColumnSpec& spec, std::size_t rows, std::size_t dictionaryEntries = 0)
      : spec_(spec), width_(physicalWidth(spec.kind)) {
    storage_->values.resize(rows * width_);
    if (spec_.nullable) storage_->validity.assign(bitmapWords(rows), 0);
    // Dense when the rows would touch a fair share of the entries; else a hash map.
    if (spec_.kind == ValueKind::String && dictionaryEntries <= rows * 8)
      dense_.assign(dictionaryEntries, kUnmapped);
  }

  void add(const SourceColumn& source, std::size_t row) {
    const std::size_t at = length_++;
    if (!source.valid(row)) return; // zero bytes, validity bit clear
    if (spec_.nullable) storage_->validity[at >> 6] |= std::uint64_t{1} << (at & 63);
    if (spec_.kind == ValueKind::String) {
      std::uint32_t code = 0;
      std::memcpy(&code, source.values + row * 4, 4);
      std::uint32_t mapped = kUnmapped;
      if (code < dense_.size()) {
        mapped = dense_[code];
        if (mapped == kUnmapped) mapped = dense_[code] = addText(source.text(code));
      } else {
        auto [it, fresh] = sparse_.try_emplace(code, 0);
        if (fresh) it->second = addText(source.text(code));
        mapped = it->second;
      }
      std::memcpy(storage_->values.data() + at * 4, &mapped, 4);
    } else {
      std::memcpy(storage_->values.data() + at * width_, source.values + row * width_, width_);
    }
  }

  void finish(std::vector<Column>& columns, std::vector<Dictionary>& dictionaries) {
    const std::uint64_t* validity = spec_.nullable ? storage_->validity.data() : nullptr;
    columns.emplace_back(spec_.kind, length_, storage_->values.data(), validity, storage_);
    if (spec_.kind != ValueKind::String) {
      dictionaries.emplace_back();
      return;
    }
    auto texts = std::make_shared<Texts>(std::move(texts_));
    dictionaries.emplace_back(texts->offsets, texts->bytes.data(), texts);
  }

private:
  const ColumnSpec& spec_;
  std::size_t width_;
  std::size_t length_ = 0;
  // A new code per source code: the source's texts are distinct, so no text is looked up.
  std::uint32_t addText(std::string_view text) {
    texts_.bytes.append(text);
    texts_.offsets.push_back(texts_.bytes.size());
    return static_cast<std::uint32_t>(texts_.offsets.size() - 2);
  }

  std::shared_ptr<Storage> storage_ = std::make_shared<Storage>();
  struct Texts {
    std::vector<std::uint64_t> offsets{0};
    std::string bytes;
  };
  Texts texts_;
  static constexpr std::uint32_t kUnmapped = ~std::uint32_t{0};
  std::vector<std::uint32_t> dense_;
  std::unordered_map<std::uint32_t, std::uint32_t> sparse_;
};

} // namespace

// The events that arrived since the last sort, sorted by (contact, at) and merged after the
// sorted ones at ties (they arrived later).
void LiveStore::Pending::Events::sortByContact() {
  Events& events = *this;
  const std::size_t total = events.contactRows.size();
  if (events.sortedRows == total) return;
  const std::span<const std::int64_t> at = events.columns[0].view<std::int64_t>();
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    if (events.contactRows[a] != events.contactRows[b])
      return events.contactRows[a] < events.contactRows[b];
    return at[a] < at[b];
  };
  std::vector<std::uint32_t> fresh(total - events.sortedRows);
  for (std::size_t i = 0; i < fresh.size(); ++i)
    fresh[i] = static_cast<std::uint32_t>(events.sortedRows + i);
  std::stable_sort(fresh.begin(), fresh.end(), before);
  std::vector<std::uint32_t> merged;
  merged.reserve(total);
  std::merge(events.byContact.begin(), events.byContact.end(), fresh.begin(), fresh.end(),
             std::back_inserter(merged), before); // stable: the earlier arrivals first
  events.byContact = std::move(merged);
  events.sortedRows = total;
}

Store LiveStore::subStore(std::span<const std::uint32_t> rows, const std::vector<bool>& eventTypes,
                          unsigned threads) const {
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
    ColumnGather gather(schema.contactFields[f], rows.size(), source.dictionarySize());
    for (std::uint32_t row : rows)
      gather.add(source, row);
    gather.finish(out.contacts.columns, out.contacts.dictionaries);
  }

  const std::size_t baseRows = base_->contacts.rows;
  const auto none = std::make_shared<const std::vector<std::uint32_t>>(rows.size() + 1, 0);
  out.events.resize(schema.events.size());
  // Each type's events on a thread of their own: the types share nothing but the rows.
  exec::ThreadPool pool(std::min<unsigned>(exec::ThreadPool::resolve(threads),
                                           static_cast<unsigned>(schema.events.size())));
  pool.forEach(schema.events.size(), [&](std::size_t t) {
    const EventSpec& spec = schema.events[t];
    if (!eventTypes.empty() && !(t < eventTypes.size() && eventTypes[t])) {
      out.events[t] = noEvents(spec, none);
      return;
    }
    const EventTable& table = base_->events[t];
    Pending::Events& appended = changes.events[t];
    const bool anyAppended = !appended.contactRows.empty();
    if (anyAppended) appended.sortByContact();
    std::span<const std::int64_t> tableAt =
        table.rows != 0 ? table.at() : std::span<const std::int64_t>{};
    std::span<const std::int64_t> appendedAt =
        anyAppended ? appended.columns[0].view<std::int64_t>() : std::span<const std::int64_t>{};

    // Per picked event: from the table (index) or appended (index | high bit).
    constexpr std::uint64_t kAppended = std::uint64_t{1} << 63;
    std::vector<std::uint64_t> picks;
    auto offsets = std::make_shared<std::vector<std::uint32_t>>(rows.size() + 1, 0);
    const std::vector<std::uint32_t>& order = appended.byContact;
    std::size_t j = 0; // rows ascend: one walk through the sorted appended events
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::uint32_t c = rows[r];
      std::uint32_t i = 0, iEnd = 0;
      if (c < baseRows && !table.offsets.empty()) {
        i = table.offsets[c];
        iEnd = table.offsets[c + 1];
      }
      if (anyAppended && j < order.size() && appended.contactRows[order[j]] < c)
        j = static_cast<std::size_t>(
            std::lower_bound(order.begin() + static_cast<std::ptrdiff_t>(j), order.end(), c,
                             [&](std::uint32_t e, std::uint32_t contact) {
                               return appended.contactRows[e] < contact;
                             }) -
            order.begin());
      std::size_t jEnd = j;
      while (anyAppended && jEnd < order.size() && appended.contactRows[order[jEnd]] == c)
        ++jEnd;
      while (i < iEnd && j < jEnd) {
        if (tableAt[i] <= appendedAt[order[j]]) // ties: the snapshot's first
          picks.push_back(i++);
        else
          picks.push_back(kAppended | order[j++]);
      }
      while (i < iEnd)
        picks.push_back(i++);
      while (j < jEnd)
        picks.push_back(kAppended | order[j++]);
      (*offsets)[r + 1] = static_cast<std::uint32_t>(picks.size());
    }
    EventTable events;
    events.rows = picks.size();
    for (std::size_t p = 0; p < spec.properties.size(); ++p) {
      const ColumnSpec& property = spec.properties[p];
      const SourceColumn fromTable =
          table.rows != 0 ? finished(table.columns[p], table.dictionaries[p]) : SourceColumn{};
      const SourceColumn fromAppended =
          anyAppended ? pending(appended.columns[p], appended.dictionaries[p]) : SourceColumn{};
      ColumnGather gather(property, picks.size(),
                          std::max(fromTable.dictionarySize(), fromAppended.dictionarySize()));
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
    out.events[t] = std::move(events);
  });
  return out;
}

} // namespace seg::runtime::live

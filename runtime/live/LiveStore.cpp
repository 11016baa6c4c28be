#include "LiveStore.h"

#include "ContactUpserts.h"
#include "EventMerge.h"
#include "PendingChanges.h"
#include "load/EventLoader.h"
#include "load/LoadProgress.h"

#include <algorithm>

namespace seg::runtime::live {

namespace {

DictionaryBuilder seededDictionary(const Dictionary& base) {
  DictionaryBuilder builder;
  for (std::uint32_t code = 0; code < base.size(); ++code)
    builder.intern(base.at(code));
  return builder;
}

void setStaged(const ColumnSpec& spec, const StagedValue& value, std::uint32_t row,
               ColumnBuilder& column, DictionaryBuilder& dictionary) {
  if (value.null) {
    column.setNull(row);
    return;
  }
  switch (spec.kind) {
  case ValueKind::Int:
  case ValueKind::Timestamp:
    column.setRaw(row, &value.integer);
    break;
  case ValueKind::Float:
    column.setRaw(row, &value.real);
    break;
  case ValueKind::Bool: {
    std::uint8_t b = value.code != 0 ? 1 : 0;
    column.setRaw(row, &b);
    break;
  }
  case ValueKind::Enum:
    column.setRaw(row, &value.code);
    break;
  case ValueKind::String: {
    std::uint32_t code = dictionary.intern(value.text);
    column.setRaw(row, &code);
    break;
  }
  }
}

} // namespace

std::unique_ptr<ContactKeys> indexKeys(const Store& store) {
  const ColumnSpec& spec = store.schema.contactFields[store.schema.keyField];
  const Column& column = store.contacts.columns[store.schema.keyField];
  const bool stringKeys = spec.kind == ValueKind::String;
  auto keys = std::make_unique<ContactKeys>(stringKeys, store.contacts.rows);
  for (std::uint32_t row = 0; row < store.contacts.rows; ++row) {
    if (stringKeys) {
      const Dictionary& dictionary = store.contacts.dictionaries[store.schema.keyField];
      keys->insertString(dictionary.at(column.values<std::uint32_t>()[row]), row);
    } else {
      keys->insertInt(column.values<std::int64_t>()[row], row);
    }
  }
  return keys;
}

LiveStore::LiveStore(std::shared_ptr<const Store> base)
    : base_(std::move(base)), rows_(base_->contacts.rows), pending_(std::make_unique<Pending>()),
      current_(base_) {
  pending_->events.resize(base_->schema.events.size());
  mergedEvents_.resize(base_->schema.events.size());
}

LiveStore::~LiveStore() = default;
LiveStore::LiveStore(LiveStore&&) noexcept = default;
LiveStore& LiveStore::operator=(LiveStore&&) noexcept = default;

std::optional<ApplyCounts> LiveStore::apply(const ChangeBatch& batch, unsigned threads,
                                            LoadReport& report) {
  const StoreSchema& schema = base_->schema;
  // A copy of the key index when the batch may create contacts: a rejected batch leaves the
  // store's own untouched.
  std::unique_ptr<ContactKeys> working;
  std::vector<ParsedUpserts> upserts;
  std::size_t rows = rows_;
  for (const ChangePart& part : batch.parts) {
    if (part.kind != ChangeKind::Contacts) continue;
    if (!working) working = std::make_unique<ContactKeys>(keys());
    ParsedUpserts parsed;
    if (!parseUpserts(schema, part.name, part.bytes, *working, rows, report, parsed)) continue;
    for (std::size_t i = 0; i < parsed.newKeys.size(); ++i) {
      const auto row = static_cast<std::uint32_t>(rows + i);
      if (working->stringKeys())
        working->insertString(parsed.newKeys[i], row);
      else
        working->insertInt(std::stoll(parsed.newKeys[i]), row);
    }
    rows += parsed.created;
    upserts.push_back(std::move(parsed));
  }
  const ContactKeys& keys = working ? *working : this->keys();
  EventAccumulator events(schema);
  LoadProgress quiet(false);
  bool anyEvents = false;
  for (const ChangePart& part : batch.parts) {
    if (part.kind != ChangeKind::Events) continue;
    anyEvents = true;
    events.load(EventInput{part.name, part.type}, part.bytes, keys, EventColumns{}, threads, report,
                quiet);
  }
  if (report.hasFatal() || report.rejectedCount() != 0) return std::nullopt;

  ApplyCounts counts;
  Pending& pending = *pending_;
  if (!upserts.empty() && !pending.contactsCopied) {
    for (std::size_t f = 0; f < schema.contactFields.size(); ++f) {
      const ColumnSpec& spec = schema.contactFields[f];
      ColumnBuilder column(spec.kind, spec.nullable);
      column.reserve(rows_ + 1024);
      column.appendColumn(base_->contacts.columns[f]);
      pending.contactColumns.push_back(std::move(column));
      pending.contactDictionaries.push_back(spec.kind == ValueKind::String
                                                ? seededDictionary(base_->contacts.dictionaries[f])
                                                : DictionaryBuilder());
    }
    pending.contactsCopied = true;
  }
  for (const ParsedUpserts& parsed : upserts) {
    for (const ContactUpsert& upsert : parsed.rows) {
      if (upsert.row >= pending.contactColumns[0].size()) {
        for (ColumnBuilder& column : pending.contactColumns)
          column.appendNull();
        ++counts.contactsCreated;
      } else {
        ++counts.contactsUpdated;
      }
      for (std::size_t f = 0; f < schema.contactFields.size(); ++f)
        if (upsert.present[f])
          setStaged(schema.contactFields[f], upsert.values[f], upsert.row,
                    pending.contactColumns[f], pending.contactDictionaries[f]);
      pending.touched.push_back(upsert.row);
    }
  }
  std::vector<bool> changedTypes(schema.events.size(), false);
  if (anyEvents) {
    // In arrival order: sorting happens once, when a run needs the merged store.
    std::vector<EventAccumulator::Arrivals> arrivals = events.finishInArrivalOrder();
    for (std::size_t t = 0; t < arrivals.size(); ++t) {
      EventAccumulator::Arrivals& batchEvents = arrivals[t];
      if (batchEvents.contactRows.empty()) continue;
      const EventSpec& spec = schema.events[t];
      Pending::Events& target = pending.events[t];
      changedTypes[t] = true;
      if (!target.seeded) {
        for (std::size_t p = 0; p < spec.properties.size(); ++p) {
          target.columns.emplace_back(spec.properties[p].kind, spec.properties[p].nullable);
          target.dictionaries.push_back(spec.properties[p].kind == ValueKind::String
                                            ? seededDictionary(base_->events[t].dictionaries[p])
                                            : DictionaryBuilder());
        }
        target.seeded = true;
      }
      target.contactRows.insert(target.contactRows.end(), batchEvents.contactRows.begin(),
                                batchEvents.contactRows.end());
      pending.touched.insert(pending.touched.end(), batchEvents.contactRows.begin(),
                             batchEvents.contactRows.end());
      for (std::size_t p = 0; p < spec.properties.size(); ++p) {
        if (spec.properties[p].kind == ValueKind::String) {
          const DictionaryBuilder& local = batchEvents.dictionaries[p];
          std::vector<std::uint32_t> remap(local.size());
          for (std::uint32_t code = 0; code < local.size(); ++code)
            remap[code] = target.dictionaries[p].intern(local.at(code));
          target.columns[p].appendFrom(batchEvents.columns[p], remap);
        } else {
          target.columns[p].appendFrom(batchEvents.columns[p]);
        }
      }
      counts.eventsAppended += batchEvents.contactRows.size();
    }
  }
  if (working) keys_ = std::move(working);
  // What the batch changed must be merged again; the rest stays merged.
  if (!upserts.empty()) mergedContacts_.reset();
  for (std::size_t t = 0; t < schema.events.size(); ++t)
    if (rows != rows_ || changedTypes[t]) mergedEvents_[t].stale = true;
  rows_ = rows;
  current_.reset();
  return counts;
}

const ContactTable& LiveStore::mergedContacts() const {
  if (mergedContacts_) return *mergedContacts_;
  const Pending& pending = *pending_;
  auto table = std::make_shared<ContactTable>();
  if (pending.contactsCopied) {
    table->rows = rows_;
    // Finished from copies: the pending builders stay appendable.
    std::vector<ColumnBuilder> columns = pending.contactColumns;
    for (std::size_t f = 0; f < columns.size(); ++f) {
      table->columns.push_back(columns[f].finish());
      DictionaryBuilder dictionary = pending.contactDictionaries[f];
      table->dictionaries.push_back(base_->schema.contactFields[f].kind == ValueKind::String
                                        ? dictionary.finish()
                                        : Dictionary());
    }
  } else {
    *table = base_->contacts;
  }
  mergedContacts_ = table;
  return *table;
}

const EventTable& LiveStore::mergedEvents(std::size_t t) const {
  MergedEvents& merged = mergedEvents_[t];
  if (merged.table && !merged.stale) return *merged.table;
  const Pending::Events& events = pending_->events[t];
  PendingEvents appended;
  if (!events.contactRows.empty()) {
    appended.contactRows = events.contactRows;
    std::vector<ColumnBuilder> columns = events.columns; // copies, as above
    for (std::size_t p = 0; p < columns.size(); ++p) {
      appended.columns.push_back(columns[p].finish());
      if (base_->schema.events[t].properties[p].kind == ValueKind::String) {
        DictionaryBuilder dictionary = events.dictionaries[p];
        appended.dictionaries.push_back(dictionary.finish());
      } else {
        appended.dictionaries.emplace_back();
      }
    }
  }
  // Onto the last merge, which holds the snapshot's events and the pending ones before
  // `pendingRows` in arrival order: ties still fall as in one load of all of them.
  const EventTable& onto = merged.table ? *merged.table : base_->events[t];
  appended.firstRow = merged.table ? merged.pendingRows : 0;
  merged.table = std::make_shared<const EventTable>(
      mergeEvents(base_->schema.events[t], onto, appended, rows_));
  merged.pendingRows = events.contactRows.size();
  merged.stale = false;
  return *merged.table;
}

std::shared_ptr<const Store> LiveStore::current() const {
  if (current_) return current_;
  auto store = std::make_shared<Store>();
  store->schema = base_->schema;
  store->contacts = mergedContacts();
  for (std::size_t t = 0; t < base_->events.size(); ++t)
    store->events.push_back(mergedEvents(t));
  current_ = store;
  return current_;
}

EventTable noEvents(const EventSpec& spec,
                    std::shared_ptr<const std::vector<std::uint32_t>> offsets) {
  EventTable empty;
  for (const ColumnSpec& property : spec.properties) {
    empty.columns.emplace_back(property.kind, 0, nullptr, nullptr, nullptr);
    empty.dictionaries.emplace_back();
  }
  empty.offsets = *offsets;
  empty.offsetsOwner = std::move(offsets);
  return empty;
}

std::shared_ptr<const Store> LiveStore::currentFor(const std::vector<bool>& eventTypes) const {
  if (current_) return current_;
  auto store = std::make_shared<Store>();
  store->schema = base_->schema;
  store->contacts = mergedContacts();
  auto none = std::make_shared<std::vector<std::uint32_t>>(rows_ + 1, 0);
  for (std::size_t t = 0; t < base_->events.size(); ++t) {
    if (t < eventTypes.size() && eventTypes[t]) {
      store->events.push_back(mergedEvents(t));
      continue;
    }
    store->events.push_back(noEvents(base_->schema.events[t], none));
  }
  return store;
}

const ContactKeys& LiveStore::keys() const {
  // Indexed on first use: a store nobody changes (every `seg run`) never pays for it.
  if (!keys_) keys_ = indexKeys(*base_);
  return *keys_;
}

std::pair<Column, Dictionary> LiveStore::keyColumn() const {
  const auto key = static_cast<std::size_t>(base_->schema.keyField);
  if (!pending_->contactsCopied)
    return {base_->contacts.columns[key], base_->contacts.dictionaries[key]};
  ColumnBuilder column = pending_->contactColumns[key];
  DictionaryBuilder dictionary = pending_->contactDictionaries[key];
  const bool strings = base_->schema.contactFields[key].kind == ValueKind::String;
  return {column.finish(), strings ? dictionary.finish() : Dictionary()};
}

std::vector<std::uint32_t> LiveStore::takeTouched() {
  std::vector<std::uint32_t> touched = std::move(pending_->touched);
  pending_->touched.clear();
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  return touched;
}

} // namespace seg::runtime::live

// A snapshot's store with the changes accepted since: contact upserts applied to copies of
// the contact columns, appended events kept per type until a run needs them merged in. The
// merged store is exactly what a full load of the same rows would give (ties in `at` keep
// arrival order: the snapshot's events first, then each batch's in file order).
#pragma once

#include "ChangeBatch.h"
#include "load/ContactKeys.h"
#include "load/LoadReport.h"
#include "store/Store.h"

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace seg::runtime::live {

struct ApplyCounts {
  std::uint64_t contactsUpdated = 0;
  std::uint64_t contactsCreated = 0;
  std::uint64_t eventsAppended = 0;
};

class LiveStore {
public:
  explicit LiveStore(std::shared_ptr<const Store> base);
  ~LiveStore();
  LiveStore(LiveStore&&) noexcept;
  LiveStore& operator=(LiveStore&&) noexcept;

  const StoreSchema& schema() const { return base_->schema; }
  std::size_t contactRows() const { return rows_; }

  // Parses and checks every part against the current contacts (contacts parts first, so
  // events may name contacts the same batch creates). Any rejected row or fatal problem is
  // in `report` and leaves the store as it was; else the batch is applied.
  std::optional<ApplyCounts> apply(const ChangeBatch& batch, unsigned threads, LoadReport& report);

  // The merged store (made on first call after a change, then shared). Tables a batch did
  // not change stay merged from before.
  std::shared_ptr<const Store> current() const;
  // The same with only the event types marked merged; the others are empty (for runs of
  // definitions that read no other type: a full pass without merging what they skip).
  std::shared_ptr<const Store> currentFor(const std::vector<bool>& eventTypes) const;

  // A store of only these contacts (`rows` ascending), with their events as current() merges
  // them: a run on it answers for them exactly as a run on the whole store does, for every
  // definition that reads no population step (ntile). Dictionaries hold only the texts
  // those rows use. Costs O(their data), whatever the store's size. With `eventTypes`, only
  // the types marked have events (for definitions that read no other type). The types are
  // gathered on `threads` threads (0: one per core).
  Store subStore(std::span<const std::uint32_t> rows, const std::vector<bool>& eventTypes = {},
                 unsigned threads = 1) const;

  // The contact key column as it is now (cheap: one column), and a key's row.
  std::pair<Column, Dictionary> keyColumn() const;
  std::optional<std::uint32_t> findContact(std::string_view key) const { return keys().find(key); }

  // Contact rows whose data `apply` has changed since the last call (upserted, created, or
  // with new events), ascending.
  std::vector<std::uint32_t> takeTouched();

private:
  struct Pending;
  std::shared_ptr<const Store> base_;
  std::size_t rows_ = 0;
  const ContactKeys& keys() const;
  mutable std::unique_ptr<ContactKeys> keys_; // made on first use
  std::unique_ptr<Pending> pending_;
  mutable std::shared_ptr<const Store> current_;
  const ContactTable& mergedContacts() const;
  const EventTable& mergedEvents(std::size_t type) const;
  mutable std::shared_ptr<const ContactTable> mergedContacts_;
  // Per event type: the last merge and how many pending rows it holds; a batch of new events
  // makes it stale, and the next merge folds only the rows after those into it.
  struct MergedEvents {
    std::shared_ptr<const EventTable> table;
    std::size_t pendingRows = 0;
    bool stale = false;
  };
  mutable std::vector<MergedEvents> mergedEvents_;
};

// The key index of a store's contacts.
std::unique_ptr<ContactKeys> indexKeys(const Store& store);

} // namespace seg::runtime::live

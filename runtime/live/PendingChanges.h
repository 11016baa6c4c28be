// The changes a LiveStore holds but has not merged: private to the live store's units.
#pragma once

#include "LiveStore.h"
#include "store/Column.h"
#include "store/Dictionary.h"

#include <vector>

namespace seg::runtime::live {

// Changes not yet merged: copies of the contact columns once any contact changed, and the
// appended events per type in arrival order.
struct LiveStore::Pending {
  bool contactsCopied = false;
  std::vector<ColumnBuilder> contactColumns;
  std::vector<DictionaryBuilder> contactDictionaries;
  struct Events {
    bool seeded = false;
    std::vector<std::uint32_t> contactRows;
    std::vector<ColumnBuilder> columns;
    std::vector<DictionaryBuilder> dictionaries; // extend the snapshot's: its codes stay valid
    // The appended events by (contact, at), ties in arrival order: indexes into `columns`.
    // The first `sortedRows` events are in it; those that arrived since are merged in when
    // a sub-store next needs them, so each event is sorted once.
    std::vector<std::uint32_t> byContact;
    std::size_t sortedRows = 0;
    void sortByContact(); // brings byContact up to date (SubStore.cpp)
  };
  std::vector<Events> events;
  std::vector<std::uint32_t> touched;
};

// A table of no events of type `spec` for `contacts` contacts: what a store for definitions
// that never read the type holds in its place.
EventTable noEvents(const EventSpec& spec,
                    std::shared_ptr<const std::vector<std::uint32_t>> offsets);

} // namespace seg::runtime::live

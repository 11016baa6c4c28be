// The changes a LiveStore holds but has not merged: private to the live store's units.
#pragma once

#include "LiveStore.h"
#include "load/EventOrder.h"
#include "store/Column.h"
#include "store/Dictionary.h"

#include <optional>
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
    // The appended events by contact (made when a sub-store needs them, reset by apply).
    std::optional<EventOrder> byContact;
  };
  std::vector<Events> events;
  std::vector<std::uint32_t> touched;
};


} // namespace seg::runtime::live

// Loads event files, in parallel chunks, into per-type event tables sorted by
// (contact, at) with CSR offsets. One file per type, or one file with a `type` column.
#pragma once

#include "ContactKeys.h"
#include "LoadProgress.h"
#include "LoadReport.h"
#include "store/Store.h"

#include <memory>
#include <string>
#include <vector>

namespace seg::runtime {

struct EventInput {
  std::string path;
  std::string type; // the event type when given as TYPE=PATH; else from a `type` column
                    // or the file name (purchase.csv)
};

struct EventColumns {
  std::string contactId = "contact_id";
  std::string type = "type";
  std::string at = "at";
};

class EventAccumulator {
public:
  explicit EventAccumulator(const StoreSchema& schema);
  ~EventAccumulator();
  EventAccumulator(const EventAccumulator&) = delete;
  EventAccumulator& operator=(const EventAccumulator&) = delete;

  // Returns false on a fatal problem (reported); rejected rows are in the report.
  bool load(const EventInput& input, std::string_view file, const ContactKeys& keys,
            const EventColumns& names, unsigned threads, LoadReport& report,
            LoadProgress& progress);
  // Sorts and builds the tables; `contacts` is the number of contact rows.
  std::vector<EventTable> finish(std::size_t contacts);

  // The events of each type as read (file order), not sorted: what a live batch appends.
  struct Arrivals {
    std::vector<std::uint32_t> contactRows;
    std::vector<ColumnBuilder> columns; // parallel to EventSpec::properties
    std::vector<DictionaryBuilder> dictionaries;
  };
  std::vector<Arrivals> finishInArrivalOrder();

  struct Part;

private:
  const StoreSchema& schema_;
  std::vector<std::vector<std::unique_ptr<Part>>> parts_; // per event type, in file order
};

} // namespace seg::runtime

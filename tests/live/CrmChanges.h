// Random CRM data and random change batches as CSV text, with a model of what a full load of
// everything so far holds: the reference the live store and its deltas are checked against.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace seg::test {

struct ChangeText {
  std::string contacts; // CSV with a header, or empty
  std::string events;   // CSV with a header, or empty
  bool expectRejected = false;
};

class CrmChanges {
public:
  CrmChanges(std::uint64_t seed, std::size_t contacts, std::size_t events, std::int64_t nowMicros);

  // The data so far, as one load would read it: contacts folded (upserts applied in order,
  // new contacts after the others), every event in arrival order.
  std::string contactsCsv() const;
  std::string eventsCsv() const;

  // A batch: upserts (changed fields, nulls, new contacts) and events (out of time order,
  // some at the same instant as others). With `bad`, one row is invalid: the batch must be
  // rejected, so the model does not take it.
  ChangeText nextBatch(std::int64_t nowMicros, bool bad);

  std::size_t contactCount() const { return rows_.size(); }

private:
  std::string value(std::size_t column, bool allowNull);
  std::string eventRow(std::int64_t key, std::int64_t nowMicros);
  std::string timestamp(std::int64_t micros) const;

  std::mt19937_64 random_;
  std::vector<std::vector<std::string>> rows_; // contact rows, schema column order
  std::map<std::int64_t, std::size_t> rowOf_;
  std::vector<std::string> events_;
  struct Recent {
    std::int64_t key;
    std::string type;
    std::int64_t at;
  };
  std::vector<Recent> recent_; // reused for ties
  std::int64_t nextKey_ = 1;
};

} // namespace seg::test

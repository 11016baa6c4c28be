// The reference evaluator: walks the plan's node DAG for one contact row at a time (and,
// inside event aggregates, one event at a time; inside string tables, one dictionary
// entry at a time), memoizing each node's value for as long as its scope's input stays
// the same. Simple by design: it is the oracle the JIT is tested against.
#pragma once

#include "BoundPlan.h"
#include "Value.h"

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seg::exec {

// StringRank: 2k + 1 for the k-th text of the sorted `collation`, 2k for an absent text
// that sorts after k of them (so ranks order and equal exactly as texts do).
std::int64_t collationRank(const std::vector<std::string>& collation, std::string_view text);

class Evaluator {
public:
  explicit Evaluator(const BoundPlan& bound);

  // Contact scope: the row whose values Contact-scope nodes read.
  void beginRow(std::size_t row);
  // Event scope: the event (of `eventType`, store row `eventRow`) that EventField reads.
  void beginEvent(std::int32_t eventType, std::size_t eventRow);
  // Lut scope: the text LutInput yields (nothing: null).
  void beginLutEntry(std::optional<std::string_view> input);

  Value eval(plan::NodeId root);

  const BoundPlan& bound() const { return bound_; }
  std::size_t row() const { return row_; }

  struct EventContext {
    std::int32_t eventType = -1;
    std::size_t eventRow = 0;
    std::uint64_t stamp = 0;
  };
  // Aggregates save and restore the event context around their own scans.
  EventContext eventContext() const { return event_; }
  void restoreEventContext(const EventContext& context) { event_ = context; }

private:
  bool fresh(plan::NodeId id) const;
  std::uint64_t stampOf(plan::Scope scope) const;
  // The node's value, its operands being fresh already.
  Value compute(plan::NodeId id);
  Value computeStringLut(const plan::Node& n);
  Value computeString(const plan::Node& n);
  std::string_view keep(std::string text); // owned by the evaluator until the next row

  const BoundPlan& bound_;
  const plan::Plan& plan_;
  std::vector<Value> values_;
  std::vector<std::uint64_t> stamps_; // the scope stamp a node's value was computed under
  std::uint64_t counter_ = 0;
  std::uint64_t contactStamp_ = 0;
  std::uint64_t lutStamp_ = 0;
  EventContext event_;
  std::size_t row_ = 0;
  std::optional<std::string_view> lutInput_;
  std::deque<std::string> arena_; // deque: growing never moves the strings already kept
};

} // namespace seg::exec

// Population ranks (`ntile`) in a query: every rank a segment reads is a column of one
// subquery over all contacts, ntile(k, x) = min(k, 1 + floor(k × L ÷ N)) with L from rank()
// (the number of contacts with a strictly smaller x; ties share it) and N = count(x), both
// over every contact, whatever segment the ntile appears in.
#pragma once

#include "sql/SqlEventAggregates.h"
#include "sql/SqlQueryContext.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace seg::sql {

class ExprTranslator;

class RankColumns {
public:
  // `contactKey`: the contact's key column in the outer query ("c.id").
  RankColumns(const QueryContext& context, std::string contactKey);

  // "ranks.r<i>" for rank `index`; on a construct not translated yet, tells `reader`.
  std::string reference(std::int32_t index, ExprTranslator& reader);
  // "LEFT JOIN (…) AS ranks ON …\n", or "" when no rank is read.
  std::string join() const;
  // ClickHouse (no window functions in 18.16): per rank, a relation of the key (named
  // `keyName`) and its bucket, for the contacts whose input is not null.
  std::vector<EventAggregates::Joined> clickhouseJoins(const std::string& keyName) const;

private:
  const QueryContext& context_;
  std::string contactKey_;
  EventAggregates inputAggregates_; // the inputs' event aggregates
  // ClickHouse: each input's own aggregates and contact fields, so that a rank's relation
  // computes only what its input reads.
  std::vector<std::unique_ptr<EventAggregates>> ownAggregates_;
  std::vector<std::set<std::int32_t>> ownFields_;
  std::vector<std::pair<std::int64_t, std::string>> inputs_; // buckets, input expression
  std::vector<std::int32_t> ranks_;                          // plan rank of each input
  std::vector<bool> floats_;                                 // whether input i is a float
  std::set<std::int32_t> inputFields_;                       // contact fields the inputs read
};

} // namespace seg::sql

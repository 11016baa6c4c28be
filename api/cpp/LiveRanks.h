// Ranks in live evaluations: what a run ranked over every contact (each ntile's input, its
// order keys sorted), kept so that a later evaluation of a few contacts ranks them among
// everyone — and learns whose rank their change moved — without a pass over everyone's
// events or a re-ranking of everyone.
#pragma once

#include "exec/Executor.h"
#include "live/SortedRankKeys.h"
#include "plan/Plan.h"

#include <future>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace seg::detail {

struct RankedColumns {
  std::shared_ptr<const exec::ContactColumn> input; // every contact's input
  // The valid inputs' order keys, ascending: a full pass sorts them in the background (the
  // evaluation needs them only when a later one patches them), a patch has them at once.
  std::shared_future<std::shared_ptr<const runtime::live::SortedKeys>> sorted;
  const runtime::live::SortedKeys& keys() const { return *sorted.get(); }
};
// By the name of the ntile's input slot (which a selection of the plan keeps) and its
// bucket count.
using RankState = std::map<std::string, RankedColumns>;

// Ranks as usual, then keeps each ntile's input and its sorted keys in `out` (those that
// live::rankKeepable says can be kept).
exec::RankFiller capturingRanks(RankState& out);

// For a run on a store of just `rows` (ascending rows of all `contacts`): their new inputs
// patched into `last` (old keys out of the sorted ones, new keys in), their ranks among
// everyone filled in; `next` gets the patched state and `moved` the other rows whose rank
// changed (ascending): those whose key lies between a bucket threshold before and after.
exec::RankFiller patchingRanks(const RankState& last, std::span<const std::uint32_t> rows,
                               std::size_t contacts, RankState& next,
                               std::vector<std::uint32_t>& moved);

// For a run on a store of just `rows`: their ranks as `state` has them.
exec::RankFiller readingRanks(const RankState& state, std::span<const std::uint32_t> rows);

} // namespace seg::detail

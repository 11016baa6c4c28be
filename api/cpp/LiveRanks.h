// Ranks in live evaluations: what a run ranked over every contact (each ntile's input and
// rank), kept so that a later evaluation of a few contacts ranks them among everyone — and
// learns whose rank their change moved — without a pass over every contact's events.
#pragma once

#include "exec/Executor.h"
#include "plan/Plan.h"

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace seg::detail {

struct RankedColumns {
  exec::ContactColumn input; // every contact's input to the ntile
  exec::ContactColumn rank;  // and its rank
};
// By the name of the ntile's input slot (which a selection of the plan keeps) and its
// bucket count.
using RankState = std::map<std::string, RankedColumns>;

// Ranks as usual, then copies each ntile's input and rank into `out` (those that
// live::rankKeepable says can be kept).
exec::RankFiller capturingRanks(RankState& out);

// For a run on a store of just `rows` (ascending rows of all `contacts`): their new inputs
// patched into `last`, everyone ranked, their ranks filled in; `next` gets the patched state
// and `moved` the other rows whose rank changed (ascending).
exec::RankFiller patchingRanks(const RankState& last, std::span<const std::uint32_t> rows,
                               std::size_t contacts, RankState& next,
                               std::vector<std::uint32_t>& moved);

// For a run on a store of just `rows`: their ranks as `state` has them.
exec::RankFiller readingRanks(const RankState& state, std::span<const std::uint32_t> rows);

} // namespace seg::detail

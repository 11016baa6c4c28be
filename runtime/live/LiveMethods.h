// Which segments and partitions a live evaluation re-evaluates per changed contact, and which
// need a pass over every contact: those that read a rank (ntile) or a cluster, since one
// contact's value moves everyone's. `seg explain` prints it; LiveDataset::evaluate follows it.
#pragma once

#include "plan/Plan.h"

#include <string>
#include <vector>

namespace seg::runtime::live {

struct LiveMethod {
  std::string name;
  bool perContact = true;
  std::string reason; // why not per contact: "reads ntile"
  // Its ranks can be kept from one evaluation to the next (ntiles of per-contact inputs), so
  // changed contacts are ranked among everyone without a pass over everyone's events.
  bool ranksKept = false;
  // Reads `now` (a window, decay, days_since, `now` itself): when time moves, values may
  // change without new data, at moments the timer derives from each contact's timestamps.
  bool readsNow = false;
  // Why those moments cannot be derived (decay changes a score continuously), so a move of
  // `now` needs a pass over every contact; empty when the timer bounds them.
  std::string untimed;
};

// A rank that can be kept: an ntile (not a cluster) of inputs that read no other rank.
bool rankKeepable(const plan::Rank& rank);

// The segments and partitions of `plan`, in plan order.
std::vector<LiveMethod> liveMethods(const plan::Plan& plan);

} // namespace seg::runtime::live

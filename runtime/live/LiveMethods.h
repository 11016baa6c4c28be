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
  // Reads `now` (a window, decay, days_since, `now` itself): when time moves, every contact's
  // value may change; otherwise only changed contacts' can.
  bool readsNow = false;
};

// The segments and partitions of `plan`, in plan order.
std::vector<LiveMethod> liveMethods(const plan::Plan& plan);

} // namespace seg::runtime::live

#include "LiveMethods.h"

#include "TimeDependence.h"
#include "plan/PlanSelection.h"

#include <algorithm>

namespace seg::runtime::live {

bool rankKeepable(const plan::Rank& rank) {
  return !rank.cluster && rank.stage == 1;
}

std::vector<LiveMethod> liveMethods(const plan::Plan& plan) {
  std::vector<LiveMethod> out;
  for (const plan::Slot& slot : plan.slots) {
    if (!slot.definition) continue;
    if (slot.kind != plan::SlotKind::Segment && slot.kind != plan::SlotKind::Partition) continue;
    const plan::Plan selected = plan::selectSlots(plan, {slot.name});
    LiveMethod method{slot.name, selected.ranks.empty(), "", false, false, ""};
    if (!method.perContact) method.reason = "reads a population rank (ntile or a cluster)";
    method.ranksKept = !method.perContact &&
                       std::all_of(selected.ranks.begin(), selected.ranks.end(), rankKeepable);
    TimeDependence time = timeDependence(selected);
    method.readsNow = time.readsNow;
    method.untimed = std::move(time.untimed);
    out.push_back(std::move(method));
  }
  return out;
}

} // namespace seg::runtime::live

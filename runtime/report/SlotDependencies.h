// Which outputs a definition reads, directly or through others (`vip = high_spenders and
// …` reads high_spenders): a segment inside one it is defined from is no surprise.
#pragma once

#include "plan/Plan.h"

#include <vector>

namespace seg::report {

// reads[a][b]: slot a's value depends on slot b's (transitively; never on itself).
std::vector<std::vector<bool>> slotDependencies(const plan::Plan& plan);

} // namespace seg::report

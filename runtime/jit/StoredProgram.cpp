// The entry is found by the same key the back end stores it under (BackendLoader's build and
// host keys), so a hit here is exactly a hit there.
#include "StoredProgram.h"

#include "BackendLoader.h"
#include "Builtins.h"
#include "CodeCacheEntry.h"
#include "ObjectCache.h"
#include "ObjectImage.h"
#include "SupportedPlan.h"
#include "plan/PlanPrinter.h"

#include <chrono>

namespace seg::jit {

std::shared_ptr<const CompiledProgram> linkStoredProgram(const plan::Plan& plan,
                                                         const std::string& cacheDirectory) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const ObjectCache disk(cacheDirectory);
  if (!disk.enabled() || unsupportedReason(plan)) return nullptr;
  const std::string planText = plan::printPlan(plan);
  std::optional<std::string> bytes =
      disk.load(ObjectCache::keyOf(plan.fingerprint, planText, hostKey(), buildKey()));
  if (!bytes) return nullptr;
  std::optional<CodeCacheEntry> entry = decodeEntry(*bytes);
  if (!entry || entry->stageFunctions.size() != static_cast<std::size_t>(plan.stageCount))
    return nullptr;
  const auto linkStart = Clock::now();
  auto linked = linkObject(entry->object, helperSymbols());
  auto* image = std::get_if<std::shared_ptr<ObjectImage>>(&linked);
  if (image == nullptr) return nullptr;
  CompiledProgram::Parts parts;
  parts.fingerprint = plan.fingerprint;
  for (const std::string& name : entry->stageFunctions) {
    if (name.empty()) {
      parts.stages.push_back(nullptr);
      continue;
    }
    void* address = (*image)->symbol(name);
    if (address == nullptr) return nullptr;
    parts.stages.push_back(reinterpret_cast<StageFunction>(address));
  }
  parts.layout = std::move(entry->layout);
  parts.chunkRows = entry->chunkRows;
  parts.code = *image;
  auto millisSince = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  parts.timings.machineCodeMs = millisSince(linkStart);
  parts.timings.objectFromDisk = true;
  parts.timings.totalMs = millisSince(start);
  return std::make_shared<const CompiledProgram>(std::move(parts));
}

} // namespace seg::jit

// Builds a `cluster NAME { … }` declaration: a partition whose branches c1 … ck are made
// here from the `k` option, so that names like `personas.c2` resolve as any branch does.
#include "syntax/AstBuilder.h"

#include <algorithm>
#include <fmt/format.h>

namespace seg {

DeclPtr AstBuilder::buildCluster(P::ClusterDeclContext* ctx, bool clean) {
  auto name = buildName(ctx->name());
  if (!name) return nullptr;
  auto decl = std::make_unique<PartitionDecl>(range(ctx));
  decl->name = *name;
  decl->incomplete = !clean;
  ClusterSpec spec;
  for (auto* itemCtx : ctx->clusterItem()) {
    if (!isCleanSubtree(itemCtx)) {
      decl->incomplete = true;
      continue;
    }
    if (auto* feature = dynamic_cast<P::ClusterFeatureContext*>(itemCtx)) {
      ClusterFeature f{range(feature), *buildName(feature->name()), buildExpr(feature->expr(), 1)};
      if (!f.value) {
        decl->incomplete = true;
        continue;
      }
      spec.features.push_back(std::move(f));
    } else if (auto* option = dynamic_cast<P::ClusterOptionContext*>(itemCtx)) {
      auto value = buildNumber(option->value);
      if (!value) {
        decl->incomplete = true;
        continue;
      }
      spec.options.push_back({range(option), *buildName(option->option), *value});
    }
  }
  // The branches exist once the first `k` is a usable literal; the checker reports the rest.
  auto k = std::find_if(spec.options.begin(), spec.options.end(),
                        [](const ClusterOption& o) { return o.name.text == "k"; });
  if (k != spec.options.end() && k->value.isInt && k->value.value >= kMinClusters &&
      k->value.value <= kMaxClusters)
    for (int i = 1; i <= static_cast<int>(k->value.value); ++i) {
      PartitionBranch branch;
      branch.range = k->range;
      branch.name = {fmt::format("c{}", i), k->range};
      decl->branches.push_back(std::move(branch));
    }
  decl->cluster = std::move(spec);
  return decl;
}

} // namespace seg

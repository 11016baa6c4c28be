// Builds a `cluster NAME { … }` declaration: a partition whose branches c1 … ck are made
// here from the `k` option, so that names like `personas.c2` resolve as any branch does.
#include "syntax/AstBuilder.h"

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
  // The branches exist once `k` is a usable literal; the checker reports any other `k`.
  for (const ClusterOption& option : spec.options) {
    if (option.name.text != "k" || !option.value.isInt || option.value.value < kMinClusters ||
        option.value.value > kMaxClusters)
      continue;
    decl->branches.clear();
    for (int i = 1; i <= static_cast<int>(option.value.value); ++i) {
      PartitionBranch branch;
      branch.range = option.range;
      branch.name = {fmt::format("c{}", i), option.range};
      decl->branches.push_back(std::move(branch));
    }
  }
  decl->cluster = std::move(spec);
  return decl;
}

} // namespace seg

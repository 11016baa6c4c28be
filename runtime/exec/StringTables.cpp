// Builds the string tables with the reference evaluator in Lut scope: first the plan's
// collation (the texts StringRanks order), then one table per StringLut.
#include "StringTables.h"

#include "ColumnValues.h"
#include "Evaluator.h"
#include "ThreadPool.h"

#include <algorithm>

namespace seg::exec {
namespace {

// The StringRank nodes inside a StringLut body.
std::vector<plan::NodeId> ranksIn(const plan::Plan& plan, plan::NodeId body) {
  std::vector<plan::NodeId> ranks, work{body};
  std::vector<bool> seen(plan.nodes.size(), false);
  while (!work.empty()) {
    plan::NodeId id = work.back();
    work.pop_back();
    if (id >= plan.nodes.size() || seen[id]) continue;
    seen[id] = true;
    const plan::Node& n = plan.nodes[id];
    if (n.op == plan::Op::StringRank) ranks.push_back(id);
    for (plan::NodeId o : n.operands)
      work.push_back(o);
  }
  return ranks;
}

// The dictionary a StringLut's entries stand for; none (no entry but the null input's)
// for a lookup without a leaf.
const runtime::Dictionary& dictionaryOfLut(const BoundPlan& bound, const plan::Node& lut) {
  static const runtime::Dictionary kNone;
  if (lut.operands.empty()) return kNone;
  return bound.dictionaryOf(bound.plan->nodes.at(lut.operands[0]));
}

// The input of dictionary entry `entry`; the entry after the last is the null input.
std::optional<std::string_view> entryText(const runtime::Dictionary& dictionary,
                                          std::size_t entry) {
  if (entry < dictionary.size()) return dictionary.at(static_cast<std::uint32_t>(entry));
  return std::nullopt;
}

// Every text a StringRank operand takes, for every entry of its StringLut's dictionary:
// a StringRank only ever sees these (the lowering puts them inside StringLuts only), so
// its rank is exact.
void buildCollation(BoundPlan& bound) {
  const plan::Plan& plan = *bound.plan;
  bound.collation.clear();
  Evaluator evaluator(bound);
  for (const plan::Node& n : plan.nodes) {
    if (n.op != plan::Op::StringLut) continue;
    std::vector<plan::NodeId> ranks = ranksIn(plan, n.body);
    if (ranks.empty()) continue;
    const runtime::Dictionary& dictionary = dictionaryOfLut(bound, n);
    for (std::size_t entry = 0; entry <= dictionary.size(); ++entry) {
      evaluator.beginLutEntry(entryText(dictionary, entry));
      for (plan::NodeId rank : ranks) {
        Value text = evaluator.eval(plan.nodes[rank].operands.at(0));
        if (text.valid) bound.collation.emplace_back(text.s);
      }
    }
  }
  std::sort(bound.collation.begin(), bound.collation.end());
  bound.collation.erase(std::unique(bound.collation.begin(), bound.collation.end()),
                        bound.collation.end());
}

} // namespace

void buildStringTables(BoundPlan& bound, ThreadPool* pool) {
  const plan::Plan& plan = *bound.plan;
  bound.strings.clear();
  bound.stringTableOf.clear();
  buildCollation(bound);
  // Every table sized first, then filled in pieces side by side: a column of a million
  // distinct texts (emails) makes a million-entry table.
  struct Piece {
    std::size_t table, from, to;
  };
  constexpr std::size_t kPieceEntries = 16384;
  std::vector<Piece> pieces;
  for (plan::NodeId id = 0; id < plan.nodes.size(); ++id) {
    const plan::Node& n = plan.nodes[id];
    if (n.op != plan::Op::StringLut) continue;
    StringTable table;
    table.node = id;
    table.type = n.type;
    table.entries = dictionaryOfLut(bound, n).size() + 1;
    table.values.assign(table.entries * widthOf(n.type), std::byte{0});
    table.valid.assign(table.entries, 0);
    for (std::size_t from = 0; from < table.entries; from += kPieceEntries)
      pieces.push_back({bound.strings.size(), from, std::min(table.entries, from + kPieceEntries)});
    bound.stringTableOf[id] = bound.strings.size();
    bound.strings.push_back(std::move(table));
  }
  auto fill = [&](std::size_t p) {
    const Piece& piece = pieces[p];
    StringTable& table = bound.strings[piece.table];
    const plan::Node& n = plan.nodes[table.node];
    const runtime::Dictionary& dictionary = dictionaryOfLut(bound, n);
    Evaluator evaluator(bound);
    const std::size_t width = widthOf(n.type);
    for (std::size_t entry = piece.from; entry < piece.to; ++entry) {
      evaluator.beginLutEntry(entryText(dictionary, entry));
      Value value = evaluator.eval(n.body);
      table.valid[entry] = value.valid ? 1 : 0;
      if (value.valid) storeValue(table.values.data() + entry * width, n.type, value);
    }
  };
  if (pool != nullptr) {
    pool->forEach(pieces.size(), fill);
  } else {
    for (std::size_t p = 0; p < pieces.size(); ++p)
      fill(p);
  }
}

} // namespace seg::exec

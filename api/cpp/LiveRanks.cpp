#include "LiveRanks.h"

#include "live/LiveMethods.h"
#include "store/Store.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace seg::detail {

namespace {

// A kept rank's key: its input slot's name and its bucket count (two ntiles may share an
// input).
std::string inputName(const plan::Plan& plan, const plan::Rank& rank) {
  return plan.slots.at(static_cast<std::size_t>(rank.inputSlot)).name + "/" +
         std::to_string(rank.buckets);
}

const RankedColumns& kept(const RankState& state, const std::string& name) {
  auto it = state.find(name);
  if (it == state.end()) throw std::logic_error("no kept rank for '" + name + "'");
  return it->second;
}

// `column` made `rows` long; the rows added are null.
exec::ContactColumn grown(const exec::ContactColumn& column, std::size_t rows) {
  exec::ContactColumn out;
  out.type = column.type;
  out.resize(rows);
  std::memcpy(out.values.data(), column.values.data(),
              std::min(column.values.size(), out.values.size()));
  std::copy_n(column.validity.begin(), std::min(column.validity.size(), out.validity.size()),
              out.validity.begin());
  return out;
}

// Row i of `from` to row rows[i] of `to` (8-byte values: ranks and their inputs).
void scatter(const exec::ContactColumn& from, std::span<const std::uint32_t> rows,
             exec::ContactColumn& to) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    to.data<std::int64_t>()[rows[i]] = from.data<std::int64_t>()[i];
    to.setValid(rows[i], from.isValid(i));
  }
}

// Row rows[i] of `from` to row i of `to`.
void gather(const exec::ContactColumn& from, std::span<const std::uint32_t> rows,
            exec::ContactColumn& to) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool valid = from.isValid(rows[i]);
    to.data<std::int64_t>()[i] = valid ? from.data<std::int64_t>()[rows[i]] : 0;
    to.setValid(i, valid);
  }
}

bool differs(const exec::ContactColumn& a, const exec::ContactColumn& b, std::size_t row) {
  const bool valid = a.isValid(row);
  if (valid != b.isValid(row)) return true;
  return valid && a.data<std::int64_t>()[row] != b.data<std::int64_t>()[row];
}

} // namespace

exec::RankFiller capturingRanks(RankState& out) {
  return [&out](exec::BoundPlan& bound, std::int32_t stage, exec::ThreadPool* pool) {
    exec::computeRanks(bound, stage, pool);
    const plan::Plan& plan = *bound.plan;
    for (std::size_t r = 0; r < plan.ranks.size(); ++r)
      if (plan.ranks[r].stage == stage && runtime::live::rankKeepable(plan.ranks[r]))
        out[inputName(plan, plan.ranks[r])] = {
            bound.slots[static_cast<std::size_t>(plan.ranks[r].inputSlot)], bound.ranks[r]};
  };
}

exec::RankFiller patchingRanks(const RankState& last, std::span<const std::uint32_t> rows,
                               std::size_t contacts, RankState& next,
                               std::vector<std::uint32_t>& moved) {
  return [&last, rows, contacts, &next, &moved](exec::BoundPlan& bound, std::int32_t stage,
                                                exec::ThreadPool* pool) {
    const plan::Plan& plan = *bound.plan;
    std::vector<std::size_t> due;
    for (std::size_t r = 0; r < plan.ranks.size(); ++r)
      if (plan.ranks[r].stage == stage) due.push_back(r);
    if (due.empty()) return;
    // Everyone, with these rows' inputs as they are now, ranked by the engines' own code.
    runtime::Store everyone;
    everyone.contacts.rows = contacts;
    exec::BoundPlan all;
    all.plan = &plan;
    all.store = &everyone;
    all.now = bound.now;
    all.slots.resize(plan.slots.size());
    all.ranks.resize(plan.ranks.size());
    for (std::size_t r : due) {
      if (!runtime::live::rankKeepable(plan.ranks[r]))
        throw std::logic_error("a rank that cannot be kept");
      const auto slot = static_cast<std::size_t>(plan.ranks[r].inputSlot);
      if (all.slots[slot].values.empty()) {
        all.slots[slot] = grown(kept(last, inputName(plan, plan.ranks[r])).input, contacts);
        scatter(bound.slots[slot], rows, all.slots[slot]);
      }
      all.ranks[r].type = plan::ValueType::Int;
      all.ranks[r].resize(contacts);
    }
    exec::computeRanks(all, stage, pool);
    std::vector<std::uint64_t> changed(runtime::bitmapWords(contacts), 0);
    for (std::uint32_t row : rows)
      changed[row >> 6] |= std::uint64_t{1} << (row & 63); // re-evaluated anyway
    std::vector<std::uint32_t> found;
    for (std::size_t r : due) {
      const std::string name = inputName(plan, plan.ranks[r]);
      const exec::ContactColumn& before = kept(last, name).rank;
      const exec::ContactColumn& after = all.ranks[r];
      const std::size_t old = std::min(contacts, before.values.size() / sizeof(std::int64_t));
      for (std::size_t row = 0; row < contacts; ++row) {
        if ((changed[row >> 6] >> (row & 63)) & 1u) continue;
        if (row < old && !differs(before, after, row)) continue;
        changed[row >> 6] |= std::uint64_t{1} << (row & 63);
        found.push_back(static_cast<std::uint32_t>(row));
      }
      gather(after, rows, bound.ranks[r]);
    }
    std::sort(found.begin(), found.end());
    moved = std::move(found);
    std::map<std::size_t, std::string> movedTo; // an input two ntiles share: copied for the second
    for (std::size_t r : due) {
      const std::string name = inputName(plan, plan.ranks[r]);
      const auto slot = static_cast<std::size_t>(plan.ranks[r].inputSlot);
      auto first = movedTo.find(slot);
      exec::ContactColumn input =
          first != movedTo.end() ? next.at(first->second).input : std::move(all.slots[slot]);
      movedTo.emplace(slot, name);
      next[name] = {std::move(input), std::move(all.ranks[r])};
    }
  };
}

exec::RankFiller readingRanks(const RankState& state, std::span<const std::uint32_t> rows) {
  return [&state, rows](exec::BoundPlan& bound, std::int32_t stage, exec::ThreadPool*) {
    const plan::Plan& plan = *bound.plan;
    for (std::size_t r = 0; r < plan.ranks.size(); ++r)
      if (plan.ranks[r].stage == stage)
        gather(kept(state, inputName(plan, plan.ranks[r])).rank, rows, bound.ranks[r]);
  };
}

} // namespace seg::detail

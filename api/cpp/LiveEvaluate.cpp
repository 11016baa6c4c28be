// seg::LiveDataset::evaluate: who entered and left each segment since the last recorded
// evaluation, re-evaluating only the changed contacts, those the timer says are due and
// those whose kept rank moved, or every contact when a definition needs it (and why).
#include "Detail.h"
#include "LiveRanks.h"
#include "LiveState.h"
#include "live/ChangeTimes.h"
#include "live/EvaluationJournal.h"
#include "live/EvaluationRecord.h"
#include "live/LiveMethods.h"
#include "plan/PlanSelection.h"
#include "seg/Live.h"

#include <algorithm>
#include <bit>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iterator>

namespace seg {

namespace {

std::vector<std::uint32_t> rowsOf(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint32_t> rows;
  for (std::size_t w = 0; w < words.size(); ++w)
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      rows.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
  return rows;
}

} // namespace

namespace {

// The definitions of the last evaluation that need a pass over every contact: those that read
// a rank always, those that read `now` in ways the timer cannot follow when it moved; the
// others need only the changed contacts and those whose timer is due.
std::vector<std::string> passOverEveryone(const LiveDataset::State::LastEvaluation& last,
                                          bool nowMoved) {
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  std::vector<std::string> out;
  for (const std::string& name : last.selection)
    if ((listed(last.ranked, name) && !(last.ranks && listed(last.rankedKept, name))) ||
        (nowMoved && listed(last.untimed, name)))
      out.push_back(name);
  return out;
}

// Why an evaluation must look at every contact, or nothing when only the touched ones will do.
std::optional<std::string> fullPassReason(const LiveDataset::State& state, const Program& program,
                                          const RunOptions& options, std::int64_t now,
                                          const live::EvaluationRecord* previous, std::size_t due) {
  const auto& last = state.last;
  if (!previous) return "full: the first evaluation";
  if (!last || last->evaluation != previous->evaluation)
    return "full: the last evaluation was recorded by another process";
  if (last->program != program.data().get()) return "full: another program than the last";
  if (!options.definitions.empty()) return "full: a selection of definitions";
  if (now < last->nowMicros) return "full: `now` moved back";
  for (std::int64_t instant : last->timer.instants)
    if (instant >= last->nowMicros && instant <= now)
      return "full: `now` passed a moment a definition compares it with";
  const std::size_t everyone = passOverEveryone(*last, last->nowMicros != now).size();
  if (everyone == last->selection.size())
    return last->nowMicros != now ? "full: `now` moved" : "full: every definition reads ntile";
  if (state.touched.size() * 10 > state.store->contactRows())
    return "full: more than a tenth of the contacts changed";
  if ((state.touched.size() + due) * 10 > state.store->contactRows())
    return "full: more than a tenth of the contacts changed or are due by the timer";
  return std::nullopt;
}

// The contacts whose timer is due by `now`: the last evaluation's moment for them has come.
std::vector<std::uint32_t> dueRows(const LiveDataset::State::LastEvaluation* last,
                                   std::int64_t now) {
  std::vector<std::uint32_t> rows;
  if (last == nullptr || !last->nextChange || now <= last->nowMicros) return rows;
  const std::vector<std::int64_t>& next = *last->nextChange;
  for (std::size_t row = 0; row < next.size(); ++row)
    if (next[row] <= now) rows.push_back(static_cast<std::uint32_t>(row));
  return rows;
}

// The delta of `name` between `before` (none: nobody was a member) and a result of every contact.
SegmentDelta fullDelta(const Result& result, const std::string& name,
                       const std::vector<std::uint64_t>* before, std::size_t words) {
  Members members = *result.segment(name);
  std::span<const std::uint64_t> now = members.bitmap();
  std::vector<std::uint64_t> entered(now.size()), left(now.size());
  for (std::size_t w = 0; w < now.size(); ++w) {
    const std::uint64_t old = before && w < before->size() ? (*before)[w] : 0;
    entered[w] = now[w] & ~old;
    left[w] = old & ~now[w];
  }
  auto bits = std::make_shared<std::vector<std::uint64_t>>(now.begin(), now.end());
  bits->resize(words, 0);
  return {name, rowsOf(entered), rowsOf(left), members.count(), std::move(bits)};
}

// Which event types a plan reads (its aggregates and event fields).
std::vector<bool> eventTypesRead(const plan::Plan& plan, std::size_t types) {
  std::vector<bool> read(types, false);
  auto mark = [&](std::int32_t type) {
    if (type >= 0 && static_cast<std::size_t>(type) < types)
      read[static_cast<std::size_t>(type)] = true;
  };
  for (const plan::Aggregate& aggregate : plan.aggregates) {
    mark(aggregate.eventType);
    mark(aggregate.thenEventType);
  }
  for (const plan::Node& node : plan.nodes)
    mark(node.eventType);
  return read;
}

// Segments and partition branches of a result, in report order.
std::vector<std::string> memberNames(const Result& result) {
  std::vector<std::string> names = result.segmentNames();
  for (const std::string& name : result.partitionNames()) {
    Expected<Partition> partition = result.partition(name);
    for (const Members& branch : partition->branches)
      names.push_back(branch.name());
  }
  return names;
}

} // namespace

Expected<Deltas> LiveDataset::evaluate(const Program& program, const RunOptions& options) const {
  std::optional<live::EvaluationRecord> readBack;
  const live::EvaluationRecord* previous = state_->written.get();
  if (previous == nullptr) {
    auto recorded = live::readEvaluation(state_->path);
    if (auto* error = std::get_if<std::string>(&recorded)) return Error(ErrorCode::Data, *error);
    readBack = std::move(std::get<std::optional<live::EvaluationRecord>>(recorded));
    if (readBack) {
      if (auto error = live::applyJournal(state_->path, *readBack))
        return Error(ErrorCode::Data, *error);
      previous = &*readBack;
    }
  }
  Expected<std::int64_t> now = detail::evaluationTime(options);
  if (!now) return now.error();
  RunOptions run = options;
  run.nowMicros = *now;

  auto record = std::make_shared<live::EvaluationRecord>();
  record->evaluation = previous ? previous->evaluation + 1 : 1;
  record->nowMicros = *now;
  record->contacts = state_->store->contactRows();
  record->logSequence = state_->writer->nextSequence();
  Deltas deltas;
  deltas.evaluation = record->evaluation;
  deltas.nowMicros = *now;
  if (previous) deltas.previousNowMicros = previous->nowMicros;
  deltas.contacts = record->contacts;
  const std::size_t words = (record->contacts + 63) / 64;

  auto current = std::make_shared<State::LastEvaluation>();
  current->program = program.data().get();
  current->evaluation = record->evaluation;
  current->nowMicros = *now;
  const std::vector<std::uint32_t> due = dueRows(state_->last.get(), *now);
  std::optional<std::string> reason =
      fullPassReason(*state_, program, options, *now, previous, due.size());
  if (!reason) {
    // Only the contacts changed since the last evaluation and those whose timer is due, on a
    // store of just them: the others' memberships cannot have moved (no new data, no moment
    // of theirs passed, no population step).
    const std::vector<std::uint32_t>& touched = state_->touched;
    std::vector<std::uint32_t> rows;
    std::set_union(touched.begin(), touched.end(), due.begin(), due.end(),
                   std::back_inserter(rows));
    auto sub =
        liveData(*state_->schema, state_->store->subStore(rows, {}, state_->options.threads));
    const State::LastEvaluation& last = *state_->last;
    const bool nowMoved = last.nowMicros != *now;
    const std::size_t contacts = record->contacts;
    // Definitions that read a rank the last pass could not keep, or `now` in ways the timer
    // cannot follow when it moved: a pass over everyone, with only the event types they read
    // merged in. Those whose ranks were kept: the same rows, ranked among everyone, and the
    // rows whose rank that moved. The rest: the changed and due rows alone.
    std::vector<std::string> everyone = passOverEveryone(last, nowMoved);
    auto listed = [](const std::vector<std::string>& list, const std::string& name) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    std::vector<std::string> local, reRanked;
    for (const std::string& name : last.selection)
      if (!listed(everyone, name)) (listed(last.ranked, name) ? reRanked : local).push_back(name);
    std::optional<Result> partial;
    if (!local.empty()) {
      run.definitions = local;
      Expected<Result> result = program.run(Dataset(sub), run);
      if (!result) return result.error();
      partial = std::move(*result);
    }
    auto ranks = std::make_shared<detail::RankState>(); // what this evaluation ranked
    std::optional<Result> rankedRows, rankMoved;
    std::vector<std::uint32_t> moved;
    if (!reRanked.empty()) {
      RunOptions some = run;
      some.definitions = reRanked;
      detail::RankState next;
      Expected<Result> result =
          detail::runProgram(program.data(), Dataset(sub), some,
                             detail::patchingRanks(*last.ranks, rows, contacts, next, moved));
      if (!result) return result.error();
      if ((rows.size() + moved.size()) * 10 > contacts) {
        // So many ranks moved that a pass over everyone costs less.
        everyone.insert(everyone.end(), reRanked.begin(), reRanked.end());
        reRanked.clear();
        moved.clear();
      } else {
        rankedRows = std::move(*result);
        for (auto& [name, columns] : next)
          (*ranks)[name] = std::move(columns);
        if (!moved.empty()) {
          // Their ranks are handed in, so the events only their rank inputs read are left out.
          const std::vector<bool> types = plan::eventTypesBesideRankInputs(
              program.data()->plan, reRanked, state_->store->schema().events.size());
          auto movedData = liveData(*state_->schema,
                                    state_->store->subStore(moved, types, state_->options.threads));
          Expected<Result> movedResult = detail::runProgram(
              program.data(), Dataset(movedData), some, detail::readingRanks(*ranks, moved));
          if (!movedResult) return movedResult.error();
          rankMoved = std::move(*movedResult);
        }
      }
    }
    std::optional<Result> whole;
    if (!everyone.empty()) {
      RunOptions all = run;
      all.definitions = everyone;
      const std::vector<bool> types = eventTypesRead(
          plan::selectSlots(program.data()->plan, everyone), state_->store->schema().events.size());
      auto data = liveData(*state_->schema, *state_->store->currentFor(types));
      detail::RankState captured;
      Expected<Result> result =
          detail::runProgram(program.data(), Dataset(data), all, detail::capturingRanks(captured));
      if (!result) return result.error();
      whole = std::move(*result);
      for (auto& [name, columns] : captured)
        (*ranks)[name] = std::move(columns);
    }
    current->selection = last.selection;
    current->ranked = last.ranked;
    current->rankedKept = last.rankedKept;
    if (last.ranks) // ranks this evaluation did not need stay as they were
      for (const auto& [name, columns] : *last.ranks)
        if (!ranks->contains(name)) ranks->emplace(name, columns);
    current->ranks = ranks->empty() ? nullptr : std::move(ranks);
    current->timed = last.timed;
    current->untimed = last.untimed;
    current->names = last.names;
    current->timer = last.timer;
    if (last.nextChange) {
      // The timer moves on for the contacts just evaluated; the others' moments still lie
      // ahead (none of theirs was due), so they stand.
      auto next = std::make_shared<std::vector<std::int64_t>>(*last.nextChange);
      next->resize(contacts, live::kNoChange);
      const std::vector<std::int64_t> fresh =
          live::nextChanges(sub->store, last.timer, *now, options.threads);
      for (std::size_t i = 0; i < rows.size(); ++i)
        (*next)[rows[i]] = fresh[i];
      current->nextChange = std::move(next);
    }
    deltas.method = fmt::format("incremental: {} contact{} re-evaluated", rows.size(),
                                rows.size() == 1 ? "" : "s");
    if (!due.empty())
      deltas.method +=
          fmt::format(" ({} changed, {} due by the timer)", touched.size(), due.size());
    if (!reRanked.empty())
      deltas.method += fmt::format("; {} re-ranked among everyone ({} more whose rank moved)",
                                   fmt::join(reRanked, ", "), moved.size());
    if (!everyone.empty())
      deltas.method += fmt::format("; a full pass for {} ({})", fmt::join(everyone, ", "),
                                   nowMoved ? "ntile or decay" : "ntile");
    // The rows a re-ranked definition was evaluated on, in order, and where each one's value
    // is: in the run over the changed rows (false) or over those whose rank moved (true).
    std::vector<std::uint32_t> rankedOrder;
    std::vector<std::pair<bool, std::uint32_t>> rankedAt;
    for (std::size_t i = 0, j = 0; i < rows.size() || j < moved.size();) {
      if (j == moved.size() || (i < rows.size() && rows[i] < moved[j])) {
        rankedOrder.push_back(rows[i]);
        rankedAt.emplace_back(false, static_cast<std::uint32_t>(i++));
      } else {
        rankedOrder.push_back(moved[j]);
        rankedAt.emplace_back(true, static_cast<std::uint32_t>(j++));
      }
    }
    for (std::size_t n = 0; n < current->names.size(); ++n) {
      const std::string& name = current->names[n];
      const std::string definition = name.substr(0, name.find('.'));
      if (listed(everyone, definition)) {
        deltas.segments.push_back(fullDelta(*whole, name, last.bits[n].get(), words));
        current->bits.push_back(
            std::const_pointer_cast<std::vector<std::uint64_t>>(deltas.segments.back().bitmap));
        continue;
      }
      // The last members, copied only when someone entered or left (or contacts were added).
      std::shared_ptr<std::vector<std::uint64_t>> bits = last.bits[n];
      auto own = [&] {
        if (bits != last.bits[n]) return;
        bits = std::make_shared<std::vector<std::uint64_t>>(*last.bits[n]);
        bits->resize(words, 0);
      };
      if (bits->size() != words) own();
      SegmentDelta delta{name, {}, {}, 0, nullptr};
      auto update = [&](std::uint32_t row, bool is) {
        const std::uint64_t mask = std::uint64_t{1} << (row % 64);
        const bool was = ((*bits)[row / 64] & mask) != 0;
        if (was == is) return;
        own();
        (is ? delta.entered : delta.left).push_back(row);
        (*bits)[row / 64] ^= mask;
      };
      if (listed(reRanked, definition)) {
        Members changed = *rankedRows->segment(name);
        std::optional<Members> movedMembers;
        if (rankMoved) movedMembers = *rankMoved->segment(name);
        for (std::size_t k = 0; k < rankedOrder.size(); ++k)
          update(rankedOrder[k], rankedAt[k].first ? movedMembers->contains(rankedAt[k].second)
                                                   : changed.contains(rankedAt[k].second));
      } else {
        Members members = *partial->segment(name);
        for (std::size_t i = 0; i < rows.size(); ++i)
          update(rows[i], members.contains(i));
      }
      for (std::uint64_t w : *bits)
        delta.members += static_cast<std::uint64_t>(std::popcount(w));
      delta.bitmap = bits;
      current->bits.push_back(bits);
      deltas.segments.push_back(std::move(delta));
    }
  } else {
    deltas.method = *reason;
    Dataset data = dataset();
    auto captured = std::make_shared<detail::RankState>();
    Expected<Result> result =
        detail::runProgram(program.data(), data, run, detail::capturingRanks(*captured));
    if (!result) return result.error();
    current->names = memberNames(*result);
    current->selection = result->segmentNames();
    for (const std::string& name : result->partitionNames())
      current->selection.push_back(name);
    for (const live::LiveMethod& method : live::liveMethods(program.data()->plan)) {
      if (std::find(current->selection.begin(), current->selection.end(), method.name) ==
          current->selection.end())
        continue;
      if (!method.perContact) current->ranked.push_back(method.name);
      if (method.readsNow) current->timed.push_back(method.name);
      if (method.readsNow && !method.untimed.empty()) current->untimed.push_back(method.name);
      if (method.ranksKept) current->rankedKept.push_back(method.name);
    }
    if (!current->rankedKept.empty()) current->ranks = std::move(captured);
    // The timer of the definitions a pass over the changed and due contacts keeps exact.
    std::vector<std::string> timedPerContact;
    auto listed = [](const std::vector<std::string>& list, const std::string& name) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (const std::string& name : current->timed)
      if ((!listed(current->ranked, name) || listed(current->rankedKept, name)) &&
          !listed(current->untimed, name))
        timedPerContact.push_back(name);
    if (!timedPerContact.empty()) {
      current->timer =
          live::timeDependence(plan::selectSlots(program.data()->plan, timedPerContact));
      current->nextChange = std::make_shared<const std::vector<std::int64_t>>(
          live::nextChanges(*state_->store->current(), current->timer, *now, options.threads));
    }
    for (const std::string& name : current->names) {
      const std::vector<std::uint64_t>* before = nullptr;
      if (previous)
        for (const live::RecordedMembers& r : previous->members)
          if (r.name == name) before = &r.words;
      deltas.segments.push_back(fullDelta(*result, name, before, words));
      current->bits.push_back(
          std::const_pointer_cast<std::vector<std::uint64_t>>(deltas.segments.back().bitmap));
    }
    deltas.dataset = std::move(data);
    deltas.result = std::move(*result);
  }
  {
    auto keys = std::make_shared<detail::DeltaKeys>();
    keys->store.schema = state_->store->schema();
    keys->store.contacts.rows = record->contacts;
    keys->store.contacts.columns.resize(keys->store.schema.contactFields.size());
    keys->store.contacts.dictionaries.resize(keys->store.schema.contactFields.size());
    auto [column, dictionary] = state_->store->keyColumn();
    keys->store.contacts.columns[keys->store.schema.keyField] = std::move(column);
    keys->store.contacts.dictionaries[keys->store.schema.keyField] = std::move(dictionary);
    deltas.keys = std::move(keys);
  }
  for (std::size_t n = 0; n < current->names.size(); ++n)
    record->members.push_back({current->names[n], *current->bits[n]});
  // Definitions this run did not evaluate keep their last recorded members.
  if (previous)
    for (const live::RecordedMembers& r : previous->members)
      if (std::find(current->names.begin(), current->names.end(), r.name) == current->names.end())
        record->members.push_back(r);
  deltas.recording = std::make_shared<Recording>(Recording{record, current});
  return deltas;
}

} // namespace seg

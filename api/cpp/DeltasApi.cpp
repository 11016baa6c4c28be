// seg::Deltas as the documents `seg watch` prints: JSON for programs, a table for people.
#include "Detail.h"
#include "report/ContactValues.h"
#include "report/NumberFormat.h"
#include "report/PiiMask.h"
#include "seg/Live.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace seg {
namespace {

// The key of a contact row as `seg run --members` writes it: a number for int keys.
nlohmann::ordered_json keyOf(const Deltas& deltas, std::uint32_t row, bool revealPii) {
  std::optional<std::string> text = deltas.key(row, revealPii);
  if (!text) return nullptr;
  const auto* keys = static_cast<const detail::DeltaKeys*>(deltas.keys.get());
  const runtime::ColumnSpec& spec = keys->store.schema.contactFields[keys->store.schema.keyField];
  if (spec.kind == runtime::ValueKind::Int && (!spec.isPii || revealPii)) return std::stoll(*text);
  return *text;
}

} // namespace

std::optional<std::string> Deltas::key(std::size_t row, bool revealPii) const {
  const auto* source = static_cast<const detail::DeltaKeys*>(keys.get());
  if (source == nullptr || row >= source->store.contacts.rows) return std::nullopt;
  const auto field = static_cast<std::size_t>(source->store.schema.keyField);
  std::optional<std::string> text = report::contactValueText(source->store, field, row);
  const runtime::ColumnSpec& spec = source->store.schema.contactFields[field];
  if (text && spec.isPii && !revealPii) text = report::maskPii(*text, spec.kind);
  return text;
}

std::string Deltas::toJson(bool revealPii) const {
  nlohmann::ordered_json doc;
  doc["evaluation"] = evaluation;
  doc["now"] = report::isoTimestamp(nowMicros);
  doc["previous_now"] =
      previousNowMicros ? nlohmann::ordered_json(report::isoTimestamp(*previousNowMicros)) : nullptr;
  doc["contacts"] = contacts;
  doc["method"] = method;
  nlohmann::ordered_json segmentsDoc = nlohmann::ordered_json::object();
  for (const SegmentDelta& delta : segments) {
    nlohmann::ordered_json entry;
    entry["entered"] = nlohmann::ordered_json::array();
    for (std::uint32_t row : delta.entered)
      entry["entered"].push_back(keyOf(*this, row, revealPii));
    entry["left"] = nlohmann::ordered_json::array();
    for (std::uint32_t row : delta.left)
      entry["left"].push_back(keyOf(*this, row, revealPii));
    entry["members"] = delta.members;
    segmentsDoc[delta.name] = std::move(entry);
  }
  doc["segments"] = std::move(segmentsDoc);
  return doc.dump(2) + "\n";
}

std::string Deltas::toTable(bool revealPii) const {
  std::string out = fmt::format(
      "evaluation {} at {}{}\n", evaluation, report::isoTimestamp(nowMicros),
      previousNowMicros ? fmt::format(" (changes since {})", report::isoTimestamp(*previousNowMicros))
                        : std::string(" (first: every member entered)"));
  std::size_t width = 7;
  for (const SegmentDelta& delta : segments)
    width = std::max(width, delta.name.size());
  out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  examples\n", "segment", width, "entered",
                     "left", "members");
  std::size_t unchanged = 0;
  for (const SegmentDelta& delta : segments) {
    if (delta.entered.empty() && delta.left.empty()) {
      ++unchanged;
      continue;
    }
    std::string examples;
    auto addExamples = [&](const std::vector<std::uint32_t>& rows, char sign) {
      for (std::size_t i = 0; i < rows.size() && i < 3; ++i)
        examples += fmt::format("{}{}{} ", examples.empty() && i == 0 ? "" : "", sign,
                                key(rows[i], revealPii).value_or("null"));
      if (rows.size() > 3) examples += "… ";
    };
    addExamples(delta.entered, '+');
    addExamples(delta.left, '-');
    if (!examples.empty()) examples.pop_back();
    out += fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  {}\n", delta.name, width,
                       fmt::format("+{}", delta.entered.size()),
                       fmt::format("-{}", delta.left.size()), delta.members, examples);
  }
  if (unchanged != 0)
    out += fmt::format("{} segment{} unchanged\n", unchanged, unchanged == 1 ? "" : "s");
  return out;
}

} // namespace seg

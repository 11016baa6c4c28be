// seg::Deltas as the documents `seg watch` prints: JSON for programs, a table for people.
#include "Detail.h"
#include "report/NumberFormat.h"
#include "seg/Live.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace seg {
namespace {

// The key of a contact row as `seg run --members` writes it: a number for int keys.
nlohmann::ordered_json keyOf(const Dataset& data, std::uint32_t row, bool revealPii) {
  const Field& key = data.schema().keyField();
  Expected<std::optional<std::string>> text = data.fieldText(key.name, row, revealPii);
  if (!text || !*text) return nullptr;
  if (key.type == FieldType::Int && !key.pii) return std::stoll(**text);
  return **text;
}

std::string keyText(const Dataset& data, std::uint32_t row, bool revealPii) {
  Expected<std::optional<std::string>> text =
      data.fieldText(data.schema().keyField().name, row, revealPii);
  return text && *text ? **text : "null";
}

} // namespace

std::string Deltas::toJson(bool revealPii) const {
  nlohmann::ordered_json doc;
  doc["evaluation"] = evaluation;
  doc["now"] = report::isoTimestamp(nowMicros);
  doc["previous_now"] =
      previousNowMicros ? nlohmann::ordered_json(report::isoTimestamp(*previousNowMicros)) : nullptr;
  doc["contacts"] = result.contacts();
  nlohmann::ordered_json segmentsDoc = nlohmann::ordered_json::object();
  for (const SegmentDelta& delta : segments) {
    nlohmann::ordered_json entry;
    entry["entered"] = nlohmann::ordered_json::array();
    for (std::uint32_t row : delta.entered)
      entry["entered"].push_back(keyOf(dataset, row, revealPii));
    entry["left"] = nlohmann::ordered_json::array();
    for (std::uint32_t row : delta.left)
      entry["left"].push_back(keyOf(dataset, row, revealPii));
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
                                keyText(dataset, rows[i], revealPii));
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

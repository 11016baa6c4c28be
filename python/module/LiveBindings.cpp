// seg.LiveDataset and seg.Deltas: a snapshot that takes changes (durable before apply()
// returns) and the contacts that entered and left each segment between evaluations. The
// work runs without the GIL.
#include "Bindings.h"
#include "Conversions.h"
#include "Errors.h"
#include "seg/Live.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace segpy {
namespace {

seg::ChangeKind kindNamed(const std::string& kind) {
  if (kind == "events") return seg::ChangeKind::Events;
  if (kind == "contacts") return seg::ChangeKind::Contacts;
  raiseInvalid("a change is 'events' or 'contacts', not '" + kind + "'");
}

py::dict applyReport(const seg::ApplyReport& report) {
  py::dict out;
  out["sequence"] = report.sequence;
  out["events"] = report.eventsAppended;
  out["contacts_created"] = report.contactsCreated;
  out["contacts_updated"] = report.contactsUpdated;
  return out;
}

py::dict apply(seg::LiveDataset& live, std::vector<seg::Change> batch) {
  auto applied = [&] {
    py::gil_scoped_release nogil;
    return live.apply(batch);
  }();
  return applyReport(unwrap(std::move(applied)));
}

// Rows as numpy uint32, keys as Python ints (int keys) or str.
py::object keysOf(const seg::Deltas& deltas, const std::vector<std::uint32_t>& rows, bool intKeys,
                  bool revealPii) {
  py::list keys;
  for (std::uint32_t row : rows) {
    std::optional<std::string> key = deltas.key(row, revealPii);
    if (!key)
      keys.append(py::none());
    else if (intKeys)
      keys.append(py::int_(std::stoll(*key)));
    else
      keys.append(py::str(*key));
  }
  return std::move(keys);
}

py::array_t<std::uint32_t> rowArray(const std::vector<std::uint32_t>& rows) {
  py::array_t<std::uint32_t> out(static_cast<py::ssize_t>(rows.size()));
  std::copy(rows.begin(), rows.end(), out.mutable_data());
  return out;
}

constexpr const char* kApplyDoc = R"(Applies one batch of changes, whole or not at all, and makes
it durable (in the snapshot's change log, synced) before returning. Each change is (kind, name,
text): kind "events" (appended) or "contacts" (upserted by key); name only for messages and the
format (".ndjson"/".jsonl"/".json": NDJSON, else CSV); text in a layout `seg import` reads.
Raises seg.DataError with the loader's messages when any row is bad (nothing is applied).
Returns {"sequence", "events", "contacts_created", "contacts_updated"}.)";

constexpr const char* kAdvanceDoc = R"(Evaluates `program` at `now` and returns the Deltas since
the evaluation recorded with the data (every member entered, if none), then records this one.
Only the contacts changed since are re-evaluated when `now` has not moved (Deltas.method says).)";

} // namespace

void bindLive(py::module_& m) {
  py::class_<seg::Deltas>(m, "Deltas",
                          "Who entered and left each segment and partition branch between two "
                          "evaluations.")
      .def_readonly("evaluation", &seg::Deltas::evaluation)
      .def_readonly("now_micros", &seg::Deltas::nowMicros)
      .def_readonly("previous_now_micros", &seg::Deltas::previousNowMicros)
      .def_readonly("contacts", &seg::Deltas::contacts)
      .def_readonly("method", &seg::Deltas::method)
      .def(
          "segments",
          [](const seg::Deltas& d, bool revealPii) {
            const bool numbers = d.intKeys(revealPii);
            py::dict out;
            for (const seg::SegmentDelta& s : d.segments) {
              py::dict one;
              one["entered"] = keysOf(d, s.entered, numbers, revealPii);
              one["left"] = keysOf(d, s.left, numbers, revealPii);
              one["entered_rows"] = rowArray(s.entered);
              one["left_rows"] = rowArray(s.left);
              one["members"] = s.members;
              out[py::str(s.name)] = std::move(one);
            }
            return out;
          },
          py::arg("reveal_pii") = false,
          "{name: {'entered': [keys], 'left': [keys], 'entered_rows', 'left_rows' (numpy "
          "uint32 contact rows), 'members': n}}; a pii key masked unless reveal_pii")
      .def("to_json", &seg::Deltas::toJson, py::arg("reveal_pii") = false,
           "the document `seg watch --format json` prints")
      .def("__repr__", [](const seg::Deltas& d) {
        std::size_t changed = 0;
        for (const seg::SegmentDelta& s : d.segments)
          changed += !s.entered.empty() || !s.left.empty();
        return "<seg.Deltas evaluation " + std::to_string(d.evaluation) + ", " +
               std::to_string(changed) + " of " + std::to_string(d.segments.size()) +
               " segments changed (" + d.method + ")>";
      });

  py::class_<seg::LiveDataset>(m, "LiveDataset",
                               "A snapshot that takes changes, durably, and reports deltas. One "
                               "writer per data set at a time (a lock file); not for use from "
                               "several threads at once.")
      .def_static(
          "open",
          [](py::handle path, unsigned threads, double lockWait) {
            std::string p = pathString(path);
            seg::LiveOptions options;
            options.threads = threads;
            options.lockWaitSeconds = lockWait;
            auto opened = [&] {
              py::gil_scoped_release nogil;
              return seg::LiveDataset::open(p, options);
            }();
            return unwrap(std::move(opened));
          },
          py::arg("snapshot"), py::kw_only(), py::arg("threads") = 0, py::arg("lock_wait") = 30.0,
          "opens a snapshot and replays its change log")
      .def(
          "apply",
          [](seg::LiveDataset& live,
             const std::vector<std::tuple<std::string, std::string, std::string>>& changes) {
            std::vector<seg::Change> batch;
            for (const auto& [kind, name, text] : changes)
              batch.push_back({kindNamed(kind), name, "", text});
            return apply(live, std::move(batch));
          },
          py::arg("changes"), kApplyDoc)
      .def(
          "append_events",
          [](seg::LiveDataset& live, const std::string& text, const std::string& name,
             const std::string& type) {
            return apply(live, {seg::Change{seg::ChangeKind::Events, name, type, text}});
          },
          py::arg("text"), py::kw_only(), py::arg("name") = "events.ndjson", py::arg("type") = "",
          "apply() of one events text (NDJSON unless name says .csv)")
      .def(
          "upsert_contacts",
          [](seg::LiveDataset& live, const std::string& text, const std::string& name) {
            return apply(live, {seg::Change{seg::ChangeKind::Contacts, name, "", text}});
          },
          py::arg("text"), py::kw_only(), py::arg("name") = "contacts.ndjson",
          "apply() of one contacts text (upserts by key)")
      .def(
          "advance",
          [](seg::LiveDataset& live, const seg::Program& program, py::handle now,
             std::optional<std::int64_t> nowMicros, const std::string& engine, unsigned threads) {
            seg::RunOptions options;
            setNow(options, now);
            if (nowMicros) options.nowMicros = nowMicros;
            options.engine = engineNamed(engine);
            options.threads = threads;
            auto deltas = [&] {
              py::gil_scoped_release nogil;
              return live.advance(program, options);
            }();
            return unwrap(std::move(deltas));
          },
          py::arg("program"), py::arg("now") = py::none(), py::kw_only(),
          py::arg("now_micros") = py::none(), py::arg("engine") = "jit", py::arg("threads") = 0,
          kAdvanceDoc)
      .def(
          "compact",
          [](seg::LiveDataset& live) {
            auto report = [&] {
              py::gil_scoped_release nogil;
              return live.compact();
            }();
            seg::CompactReport r = unwrap(std::move(report));
            py::dict out;
            out["batches"] = r.batches;
            out["contacts"] = r.contacts;
            out["events"] = r.events;
            out["snapshot_bytes"] = r.snapshotBytes;
            return out;
          },
          "folds the change log into a new snapshot, switched in atomically")
      .def_property_readonly(
          "dataset",
          [](const seg::LiveDataset& live) {
            py::gil_scoped_release nogil;
            return live.dataset();
          },
          "the data as it is now (a seg.Dataset)")
      .def_property_readonly("log_bytes", &seg::LiveDataset::logBytes)
      .def_property_readonly("replay_note", &seg::LiveDataset::replayNote);

  // program.watch(live, now) reads as the issue's "program watches a data set": the same call.
  py::type::of<seg::Program>().attr("watch") = py::cpp_function(
      [](const seg::Program& program, seg::LiveDataset& live, py::handle now) {
        seg::RunOptions options;
        setNow(options, now);
        auto deltas = [&] {
          py::gil_scoped_release nogil;
          return live.advance(program, options);
        }();
        return unwrap(std::move(deltas));
      },
      py::is_method(py::type::of<seg::Program>()), py::arg("live"), py::arg("now") = py::none(),
      "live.advance(program, now): the Deltas since the evaluation recorded with the data");
}

} // namespace segpy

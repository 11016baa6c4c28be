// seg.Result: what a run computed, by name. Arrays view the result's memory where it has the
// layout numpy needs (bitmaps, int member keys, score values without nulls); the array's base
// keeps the result alive, so a view may outlive the Result object.
#include "Bindings.h"
#include "Conversions.h"
#include "Errors.h"
#include "seg/Overlap.h"
#include "seg/Result.h"

#include <bit>
#include <optional>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace segpy {
namespace {

seg::Members members(const seg::Result& r, const std::string& name) {
  return unwrap(r.segment(name));
}

// Contact keys of the members: int keys as an int64 view, string keys as a list of str.
py::object memberKeys(const seg::Result& r, const std::string& name) {
  seg::Members m = members(r, name);
  auto keys = [&] {
    py::gil_scoped_release nogil; // made on first call: one pass over the members
    return m.intKeys();
  }();
  if (keys) return view(*keys, m);
  return py::cast(m.keys());
}

py::array scoreValues(const seg::Result& r, const std::string& name) {
  seg::Score s = unwrap(r.score(name));
  // Counted from the validity bits (16 K words for 1 M contacts), not from distribution(),
  // which a result may compute only when asked.
  std::size_t valid = 0;
  for (std::uint64_t word : s.validity())
    valid += static_cast<std::size_t>(std::popcount(word));
  if (valid == s.values().size()) return view(s.values(), s);
  return owning(s.valuesWithNaN()); // NaN where null: a copy, which the array owns
}

py::dict distribution(const seg::Result& r, const std::string& name) {
  seg::Distribution d = unwrap(r.score(name)).distribution();
  py::dict out;
  out["count"] = d.count;
  out["nulls"] = d.nulls;
  using Measure = std::pair<const char*, double>;
  for (auto [key, value] : std::initializer_list<Measure>{{"min", d.min},
                                                          {"p25", d.p25},
                                                          {"median", d.median},
                                                          {"p75", d.p75},
                                                          {"max", d.max},
                                                          {"mean", d.mean}})
    out[key] = d.count > 0 ? py::object(py::float_(value)) : py::object(py::none());
  return out;
}

// Every pair of segments: n×n arrays of shared members, share of the row and Jaccard.
py::dict overlap(const seg::Result& r, const std::optional<std::vector<std::string>>& names) {
  seg::OverlapMatrix m = unwrap([&] {
    py::gil_scoped_release nogil;
    return seg::overlapOf(r, names.value_or(std::vector<std::string>{}));
  }());
  const std::size_t n = m.segments.size();
  py::array_t<std::uint64_t> shared({n, n});
  py::array_t<double> percent({n, n}), jaccard({n, n});
  auto s = shared.mutable_unchecked<2>();
  auto p = percent.mutable_unchecked<2>();
  auto j = jaccard.mutable_unchecked<2>();
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      s(a, b) = m.both(a, b);
      p(a, b) = m.percentOfRow(a, b);
      j(a, b) = m.jaccard(a, b);
    }
  py::dict out;
  out["segments"] = m.segments;
  out["sizes"] = m.sizes;
  out["shared"] = shared;
  out["percent_of_row"] = percent;
  out["jaccard"] = jaccard;
  return out;
}

// A cluster as a dict: sizes and centroids by branch, and how K-means went.
py::dict cluster(const seg::Result& r, const std::string& name) {
  seg::Cluster c = unwrap(r.cluster(name));
  py::dict branches;
  for (std::size_t i = 0; i < c.branches.size(); ++i) {
    py::dict centroid;
    for (std::size_t f = 0; f < c.features.size(); ++f)
      centroid[py::str(c.features[f])] = c.centroids[i][f];
    py::dict branch;
    branch["members"] = c.sizes[i];
    branch["centroid"] = centroid;
    branches[py::str(c.branches[i])] = branch;
  }
  py::dict out;
  out["seed"] = c.seed;
  out["features"] = c.features;
  out["clustered"] = c.clustered;
  out["unassigned"] = c.unassigned;
  out["inertia"] = c.inertia;
  out["iterations"] = c.iterations;
  out["converged"] = c.converged;
  out["clusters"] = branches;
  return out;
}

py::dict partition(const seg::Result& r, const std::string& name) {
  seg::Partition p = unwrap(r.partition(name));
  py::dict out;
  std::string prefix = p.name + ".";
  for (const seg::Members& branch : p.branches) {
    const std::string& full = branch.name();
    bool qualified = full.compare(0, prefix.size(), prefix) == 0;
    out[py::str(qualified ? full.substr(prefix.size()) : full)] = branch.count();
  }
  return out;
}

// The pandas module, or None when it is not installed (asked once: a failed import is slow).
py::object pandas() {
  static py::handle module = [] {
    try {
      return py::module_::import("pandas").release();
    } catch (py::error_already_set&) {
      return py::none().release();
    }
  }();
  return py::reinterpret_borrow<py::object>(module);
}

py::object metric(const seg::Result& r, const std::string& name, py::handle frame) {
  seg::Metric m = unwrap(r.metric(name));
  py::list rows;
  for (const seg::MetricRow& row : m.rows) {
    py::dict d;
    for (std::size_t i = 0; i < m.groupBy.size() && i < row.group.size(); ++i)
      d[py::str(m.groupBy[i])] = row.group[i];
    d["value"] = row.value ? py::object(py::float_(*row.value)) : py::object(py::none());
    d["contacts"] = row.contacts;
    rows.append(d);
  }
  bool asFrame = frame.is_none() ? !pandas().is_none() : frame.cast<bool>();
  if (!asFrame) return rows;
  if (pandas().is_none()) throw py::import_error("frame=True needs pandas, which is not installed");
  py::list columns(py::cast(m.groupBy));
  columns.append("value");
  columns.append("contacts");
  return pandas().attr("DataFrame")(rows, py::arg("columns") = columns);
}

py::object metricValue(const seg::Result& r, const std::string& name) {
  seg::Metric m = unwrap(r.metric(name));
  if (!m.groupBy.empty() || m.rows.size() != 1)
    raiseInvalid("metric '" + name + "' is grouped: use metric(name) for its rows");
  const auto& value = m.rows.front().value;
  return value ? py::object(py::float_(*value)) : py::object(py::none());
}

std::string describe(const seg::Result& r) {
  auto n = [](std::size_t k, const char* one) {
    return std::to_string(k) + " " + one + (k == 1 ? "" : "s");
  };
  return "<seg.Result " + n(r.contacts(), "contact") + ", " +
         n(r.segmentNames().size(), "segment") + ", " + n(r.partitionNames().size(), "partition") +
         ", " + n(r.scoreNames().size(), "score") + ", " + n(r.metricNames().size(), "metric") +
         ", engine " + r.engine() + ">";
}

// A document of the result, formatted without the GIL (the first JSON call builds it).
template <class F> auto withoutGil(F format) {
  return [format](const seg::Result& r) {
    py::gil_scoped_release nogil;
    return format(r);
  };
}

} // namespace

void bindResult(py::module_& m) {
  using R = seg::Result;
  py::class_<R>(m, "Result", "What one run computed. Immutable; safe from any thread.")
      .def_property_readonly("contacts", &R::contacts, "the number of contacts evaluated")
      .def_property_readonly(
          "now", [](const R& r) { return utcDatetime(r.nowMicros()); }, "the evaluation time")
      .def_property_readonly("now_micros", &R::nowMicros)
      .def_property_readonly("engine", &R::engine, "what ran: 'jit' or 'interp'")
      .def_property_readonly("engine_note", &R::engineNote,
                             "why the engine is not the one asked for, if so")
      .def_property_readonly("segments", &R::segmentNames)
      .def_property_readonly("partitions", &R::partitionNames)
      .def_property_readonly("scores", &R::scoreNames)
      .def_property_readonly("metrics", &R::metricNames)
      .def(
          "count", [](const R& r, const std::string& name) { return members(r, name).count(); },
          py::arg("name"), "members of a segment or partition branch ('lifecycle.active')")
      .def(
          "percent", [](const R& r, const std::string& name) { return members(r, name).percent(); },
          py::arg("name"), "members as a percentage of all contacts")
      .def("members", &memberKeys, py::arg("name"),
           "the members' contact keys in contact order: an int64 array viewing the result "
           "(int keys) or a list of str (string keys)")
      .def(
          "rows",
          [](const R& r, const std::string& name) {
            seg::Members mm = members(r, name);
            return view(mm.rows(), mm);
          },
          py::arg("name"),
          "the members' contact rows, ascending (a uint32 array viewing the result)")
      .def(
          "bitmap",
          [](const R& r, const std::string& name) {
            seg::Members mm = members(r, name);
            return view(mm.bitmap(), mm);
          },
          py::arg("name"), "membership bits, a uint64 view: row r is word r // 64, bit r % 64")
      .def("partition", &partition, py::arg("name"), "{branch: members}, in declaration order")
      .def_property_readonly("clusters", &R::clusterNames)
      .def("cluster", &cluster, py::arg("name"),
           "a cluster definition's K-means result: sizes and centroids (in the features' units) "
           "by branch, seed, inertia, iterations")
      .def(
          "unassigned",
          [](const R& r, const std::string& name) { return unwrap(r.partition(name)).unassigned; },
          py::arg("name"), "contacts in no branch of the partition")
      .def("score", &scoreValues, py::arg("name"),
           "one float64 per contact row, NaN for null (a view when there are no nulls)")
      .def("distribution", &distribution, py::arg("name"),
           "count, nulls, min, p25, median, p75, max, mean (quantiles of type 7)")
      .def("metric", &metric, py::arg("name"), py::arg("frame") = py::none(),
           "rows {by fields..., value, contacts}: a list of dicts, or a pandas.DataFrame "
           "(frame=None: when pandas is installed)")
      .def("value", &metricValue, py::arg("name"), "the value of a metric without `by`")
      .def("overlap", &overlap, py::arg("segments") = py::none(),
           "every pair of segments (default: all): dict of segments, sizes, and n×n numpy "
           "arrays shared, percent_of_row and jaccard")
      .def_property_readonly(
          "findings",
          [](const R& r) {
            py::list out;
            for (const seg::Finding& f : r.findings())
              out.append(record("Finding", py::make_tuple(f.kind, f.segment, f.other, f.message)));
            return out;
          },
          "segments that are probably mistakes (empty, everyone, too small, same as, inside or "
          "nearly another)")
      .def_property_readonly(
          "timings",
          [](const R& r) {
            seg::Timings t = r.timings();
            py::dict out;
            out["compile"] = t.compile;
            out["run"] = t.run;
            out["bind"] = t.bind;
            out["stages"] = t.stages;
            out["ranks"] = t.ranks;
            out["metrics"] = t.metrics;
            return out;
          },
          "milliseconds: compile, run, bind, stages, ranks, metrics")
      .def(
          "to_json",
          [](const R& r, bool timings) {
            py::gil_scoped_release nogil;
            return r.toJson(timings);
          },
          py::arg("timings") = true, "the document of `seg run --format json`")
      .def("to_csv", withoutGil([](const R& r) { return r.toCsv(); }),
           "the document of `seg run --format csv`")
      .def("to_table", withoutGil([](const R& r) { return r.toTable(); }),
           "the table `seg run` prints")
      .def("__repr__", &describe);
}

} // namespace segpy

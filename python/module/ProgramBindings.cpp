// seg.Program, seg.compile and seg.compile_files: compiling (without the GIL) and running,
// which releases the GIL for the whole evaluation so that other Python threads go on.
#include "Bindings.h"
#include "Conversions.h"
#include "Errors.h"
#include "seg/Program.h"

#include <chrono>
#include <future>
#include <optional>
#include <pybind11/stl.h>
#include <stop_token>

namespace segpy {
namespace {

const char* kindName(seg::DefinitionKind kind) {
  switch (kind) {
  case seg::DefinitionKind::Segment:
    return "segment";
  case seg::DefinitionKind::Partition:
    return "partition";
  case seg::DefinitionKind::Score:
    return "score";
  case seg::DefinitionKind::Metric:
    return "metric";
  }
  return "?";
}

std::string stdlibOf(py::handle dir) {
  return dir.is_none() ? std::string() : pathString(dir);
}

seg::Program compileFiles(py::handle paths, py::handle stdlibDir) {
  std::vector<std::string> files = pathList(paths);
  seg::CompileOptions options;
  options.stdlibDir = stdlibOf(stdlibDir);
  auto compiled = [&] {
    py::gil_scoped_release nogil;
    return seg::Program::compileFiles(files, options);
  }();
  return unwrap(std::move(compiled));
}

// `schema`: a Schema, a Dataset (its schema) or None (the source declares or imports one).
seg::Program compileSource(const std::string& text, py::handle importDir, py::handle schema,
                           const std::string& name, py::handle stdlibDir) {
  seg::CompileOptions options;
  if (!importDir.is_none()) options.importDir = pathString(importDir);
  options.sourceName = name;
  options.stdlibDir = stdlibOf(stdlibDir);
  if (py::isinstance<seg::Dataset>(schema))
    options.schema = schema.cast<const seg::Dataset&>().schema();
  else if (!schema.is_none())
    options.schema = schema.cast<seg::Schema>();
  auto compiled = [&] {
    py::gil_scoped_release nogil;
    return seg::Program::compileSource(text, options);
  }();
  return unwrap(std::move(compiled));
}

bool onMainThread() {
  py::module_ threading = py::module_::import("threading");
  return threading.attr("current_thread")().is(threading.attr("main_thread")());
}

// On the main thread, the run goes to a helper thread while this one checks for signals every
// 50 ms: Ctrl-C (a notebook's interrupt) stops the run through RunOptions::stop and raises
// KeyboardInterrupt, as it would in Python code. Signals reach only the main thread, so other
// threads run the program themselves.
seg::Expected<seg::Result> runInterruptibly(const seg::Program& program,
                                            const seg::Dataset& dataset, seg::RunOptions options) {
  if (!onMainThread()) {
    py::gil_scoped_release nogil;
    return program.run(dataset, options);
  }
  std::stop_source stop;
  options.stop = stop.get_token();
  std::optional<py::error_already_set> signalled;
  std::future<seg::Expected<seg::Result>> running;
  {
    py::gil_scoped_release nogil;
    running = std::async(std::launch::async, [&] { return program.run(dataset, options); });
    while (running.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() == 0) continue;
      signalled.emplace(); // takes the exception the signal's handler raised
      stop.request_stop();
      break;
    }
    running.wait();
  }
  if (signalled) throw *signalled;
  return running.get();
}

seg::Result run(const seg::Program& program, const seg::Dataset& dataset, py::handle now,
                std::optional<std::int64_t> nowMicros, unsigned threads, const std::string& engine,
                std::optional<std::vector<std::string>> definitions, std::uint64_t minSegmentSize) {
  seg::RunOptions options;
  setNow(options, now);
  if (nowMicros) options.nowMicros = nowMicros;
  options.threads = threads;
  options.engine = engineNamed(engine);
  if (definitions) options.definitions = std::move(*definitions);
  options.minSegmentSize = minSegmentSize;
  return unwrap(runInterruptibly(program, dataset, std::move(options)));
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string describe(const seg::Program& p) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const seg::Definition& d : p.definitions())
    ++counts[static_cast<int>(d.kind)];
  return "<seg.Program " + plural(counts[0], "segment", "segments") + ", " +
         plural(counts[1], "partition", "partitions") + ", " +
         plural(counts[2], "score", "scores") + ", " + plural(counts[3], "metric", "metrics") + ">";
}

constexpr const char* kRunDoc = R"(Evaluates the program on a dataset of its schema, without the
GIL. now: the evaluation time, an ISO-8601 str ("2026-11-01T00:00:00Z"), a timezone-aware
datetime, a date (midnight UTC) or a numpy.datetime64; None: the wall clock. now_micros: UTC
microseconds instead. threads: 0 is one per core. engine: "jit" or "interp". definitions:
evaluate only these segments, partitions and metrics (and what they read); scores are then
left out. min_segment_size: segments with fewer members are "too_small" findings (0: fewer than
10 or 0.1 % of contacts, whichever is larger).)";

} // namespace

void bindProgram(py::module_& m) {
  py::class_<seg::Program>(m, "Program",
                           "A compiled program. Immutable: one Program may run from many "
                           "threads at once, on the same or different datasets.")
      .def("run", &run, py::arg("dataset"), py::arg("now") = py::none(), py::kw_only(),
           py::arg("now_micros") = py::none(), py::arg("threads") = 0, py::arg("engine") = "jit",
           py::arg("definitions") = py::none(), py::arg("min_segment_size") = 0, kRunDoc)
      .def_property_readonly("schema", &seg::Program::schema)
      .def_property_readonly(
          "definitions",
          [](const seg::Program& p) {
            py::list out;
            for (const seg::Definition& d : p.definitions())
              out.append(
                  record("Definition", py::make_tuple(d.name, kindName(d.kind), d.file, d.line)));
            return out;
          },
          "segments, partitions and scores in evaluation order, then metrics")
      .def_property_readonly(
          "warnings", [](const seg::Program& p) { return diagnostics(p.warnings()); },
          "the compilation's warnings, as Diagnostic values")
      .def(
          "explain",
          [](const seg::Program& p, const std::vector<std::string>& definitions) {
            return p.explain(definitions);
          },
          py::arg("definitions") = std::vector<std::string>{},
          "the lowered plan, as `seg explain --plan` prints it; with definitions, only theirs "
          "and what they read")
      .def("__repr__", &describe);

  m.def("compile_files", &compileFiles, py::arg("paths"), py::kw_only(),
        py::arg("stdlib_dir") = py::none(),
        "Compiles .seg files (a path or a list); their imports resolve beside them. Raises "
        "CompileError with the diagnostics.");
  m.def("compile", &compileSource, py::arg("text"), py::kw_only(),
        py::arg("import_dir") = py::none(), py::arg("schema") = py::none(),
        py::arg("name") = "<source>", py::arg("stdlib_dir") = py::none(),
        "Compiles source text. import_dir: where its imports look (default '.'); schema: a "
        "Schema or Dataset to check source without a schema of its own against; name: the "
        "file name diagnostics give it. Raises CompileError with the diagnostics.");
}

} // namespace segpy

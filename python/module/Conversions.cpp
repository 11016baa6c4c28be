// Paths, evaluation times and engine names from Python values, checked here so that a
// mistake is an InvalidArgumentError naming the argument, not a TypeError from deep inside.
#include "Conversions.h"

#include "Errors.h"

#include <pybind11/stl.h>

namespace segpy {
namespace {

// Whole microseconds of a datetime.timedelta, exactly (no float seconds on the way).
std::int64_t micros(py::handle delta) {
  auto days = delta.attr("days").cast<std::int64_t>();
  auto seconds = delta.attr("seconds").cast<std::int64_t>();
  auto us = delta.attr("microseconds").cast<std::int64_t>();
  return (days * 86'400 + seconds) * 1'000'000 + us;
}

py::object epoch() {
  py::module_ datetime = py::module_::import("datetime");
  py::object utc = datetime.attr("timezone").attr("utc");
  return datetime.attr("datetime")(1970, 1, 1, py::arg("tzinfo") = utc);
}

} // namespace

std::string pathString(py::handle path) {
  py::object text = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(text)) raiseInvalid("a path must be a str or os.PathLike of str");
  return text.cast<std::string>();
}

std::vector<std::string> pathList(py::handle paths) {
  if (py::isinstance<py::str>(paths) || py::hasattr(paths, "__fspath__"))
    return {pathString(paths)};
  std::vector<std::string> out;
  for (py::handle path : paths)
    out.push_back(pathString(path));
  return out;
}

void setNow(seg::RunOptions& options, py::handle now) {
  if (now.is_none()) return;
  if (py::isinstance<py::str>(now)) {
    options.now = now.cast<std::string>();
    return;
  }
  py::module_ datetime = py::module_::import("datetime");
  if (py::isinstance(now, datetime.attr("datetime"))) {
    // As `seg run --now` refuses a date-time without a zone: guessing one shifts every window.
    if (now.attr("utcoffset")().is_none())
      raiseInvalid("now: a datetime without a timezone is refused rather than guessed "
                   "(write e.g. datetime(2026, 11, 1, tzinfo=timezone.utc))");
    options.nowMicros = micros(now - epoch());
    return;
  }
  if (py::isinstance(now, datetime.attr("date"))) {
    py::object midnight =
        datetime.attr("datetime")(now.attr("year"), now.attr("month"), now.attr("day"),
                                  py::arg("tzinfo") = epoch().attr("tzinfo"));
    options.nowMicros = micros(midnight - epoch());
    return;
  }
  py::module_ numpy = py::module_::import("numpy");
  if (py::isinstance(now, numpy.attr("datetime64"))) {
    py::object us = now.attr("astype")("datetime64[us]");
    if (numpy.attr("isnat")(us).cast<bool>()) raiseInvalid("now: NaT is not a time");
    options.nowMicros = us.attr("astype")("int64").cast<std::int64_t>();
    return;
  }
  raiseInvalid("now: expected an ISO-8601 str, a timezone-aware datetime, a date or a "
               "numpy.datetime64, not " +
               py::str(py::type::handle_of(now).attr("__name__")).cast<std::string>());
}

seg::Engine engineNamed(const std::string& name) {
  if (name == "jit") return seg::Engine::Jit;
  if (name == "interp" || name == "interpreter") return seg::Engine::Interpreter;
  if (name == "auto") return seg::Engine::Auto;
  raiseInvalid("engine: '" + name + "' is not an engine (expected 'jit', 'interp' or 'auto')");
}

py::object utcDatetime(std::int64_t us) {
  py::object delta =
      py::module_::import("datetime").attr("timedelta")(py::arg("microseconds") = us);
  return epoch() + delta;
}

} // namespace segpy

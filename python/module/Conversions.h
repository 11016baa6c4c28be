// Conversions between Python values and the C++ API's: paths, evaluation times, engines,
// and numpy arrays that view memory a C++ object keeps (read-only) or own a moved vector.
#pragma once

#include "seg/Program.h"

#include <cstdint>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace segpy {

namespace py = pybind11;

// A str or os.PathLike as a path.
std::string pathString(py::handle path);
// One path or an iterable of them.
std::vector<std::string> pathList(py::handle paths);

// `now` of Program.run into options: None (the wall clock), an ISO-8601 str, a timezone-aware
// datetime.datetime, a datetime.date (midnight UTC) or a numpy.datetime64.
void setNow(seg::RunOptions& options, py::handle now);
seg::Engine engineNamed(const std::string& name); // "jit", "interp" or "interpreter"

// Microseconds since the epoch as an aware UTC datetime.datetime.
py::object utcDatetime(std::int64_t micros);

// A read-only 1-D array viewing `data`, which `keeper` (moved into the array's base) keeps
// alive; copies nothing.
template <class T, class Keeper> py::array view(std::span<const T> data, Keeper keeper) {
  auto* kept = new Keeper(std::move(keeper));
  py::capsule base(kept, [](void* p) { delete static_cast<Keeper*>(p); });
  py::array out(py::dtype::of<T>(), {static_cast<py::ssize_t>(data.size())}, {sizeof(T)},
                data.data(), base);
  // Seg's results are immutable and shared: a write through the view would change them
  // for every other reader.
  py::detail::array_proxy(out.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return out;
}

// A 1-D array owning `values` (moved, not copied).
template <class T> py::array owning(std::vector<T>&& values) {
  auto* kept = new std::vector<T>(std::move(values));
  py::capsule base(kept, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array(py::dtype::of<T>(), {static_cast<py::ssize_t>(kept->size())}, {sizeof(T)},
                   kept->data(), base);
}

} // namespace segpy

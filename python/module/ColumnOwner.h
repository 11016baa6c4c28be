// What a dataset bound from numpy arrays reads: the arrays themselves (referenced, not
// copied) and the buffers conversions made. Handed to Dataset::fromColumns as
// BindOptions::owner, so it lives exactly as long as the dataset and its results.
#pragma once

#include <memory>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <vector>

namespace segpy {

namespace py = pybind11;

class ColumnOwner {
public:
  // A shared owner whose last release drops the Python references under the GIL, from
  // whichever thread it happens on (a Result may outlive every Python reference to it).
  static std::shared_ptr<ColumnOwner> make() {
    return std::shared_ptr<ColumnOwner>(new ColumnOwner, [](ColumnOwner* owner) {
      if (!Py_IsInitialized() || _Py_IsFinalizing()) {
        // Python is gone or going: taking the GIL could block forever; leak the references.
        for (py::object& array : owner->arrays_)
          array.release();
      } else {
        py::gil_scoped_acquire gil;
        owner->arrays_.clear();
      }
      delete owner;
    });
  }

  // The array's memory is read by the dataset: keep the array (needs the GIL).
  const void* keep(py::object array) {
    arrays_.push_back(array);
    return py::cast<py::array>(array).data();
  }
  // A buffer made by a conversion; its data stays where it is.
  template <class T> const T* own(std::vector<T>&& values) {
    auto buffer = std::make_shared<std::vector<T>>(std::move(values));
    if (buffer->capacity() == 0) buffer->reserve(1); // never a null pointer, even for no rows
    buffers_.push_back(buffer);
    return buffer->data();
  }

private:
  ColumnOwner() = default;
  std::vector<py::object> arrays_;
  std::vector<std::shared_ptr<void>> buffers_;
};

} // namespace segpy

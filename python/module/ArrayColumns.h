// Dataset.from_arrays: numpy arrays bound as a seg::Dataset through Dataset::fromColumns,
// viewed without copying where the dtype is the column's layout, converted otherwise.
#pragma once

#include "seg/Dataset.h"

#include <pybind11/pybind11.h>

namespace segpy {

namespace py = pybind11;

// `contacts`: field name → array (all of one length); `events`: type → {"contact": rows,
// "at": times, property: array}. Raises InvalidArgumentError for an array that does not fit
// its field, and the error of fromColumns for values it refuses.
seg::Dataset datasetFromArrays(const seg::Schema& schema, py::dict contacts, py::dict events);

} // namespace segpy

// The parts of the Python module `seg`, each binding one concern of the public C++ API;
// Module.cpp calls them in this order (later parts use the types earlier ones register).
#pragma once

#include <pybind11/pybind11.h>

namespace segpy {

namespace py = pybind11;

void bindErrors(py::module_& m);  // Error and its subclasses, Diagnostic (Errors.cpp)
void bindSchema(py::module_& m);  // Schema, Field, EventType (SchemaBindings.cpp)
void bindDataset(py::module_& m); // Dataset, open, load, from_arrays (DatasetBindings.cpp)
void bindResult(py::module_& m);  // Result and its numpy views (ResultBindings.cpp)
void bindProgram(py::module_& m); // Program, compile, compile_files (ProgramBindings.cpp)
void bindLive(py::module_& m);    // LiveDataset, Deltas (LiveBindings.cpp)

} // namespace segpy

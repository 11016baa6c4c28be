# Finds what the Python module needs — Debian's python3 with its numpy, and pybind11 — and
# sets SEG_PYTHON_FOUND. Included by the root CMakeLists.txt to choose SEG_BUILD_PYTHON.
#
# Debian's /usr/bin/python3 is meant, not the first python3 on PATH (pyenv, a venv): numpy
# comes from python3-numpy, the module installs into that interpreter's site-packages, and an
# extension built for one interpreter does not load in another. Pass -DPython_EXECUTABLE=…
# to build for another one.
if(EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python the module is built for")
endif()
# pybind11's legacy name for the same choice, so that both agree.
set(PYTHON_EXECUTABLE ${Python_EXECUTABLE})

set(SEG_PYTHON_FOUND OFF)
find_package(Python 3 QUIET COMPONENTS Interpreter Development.Module NumPy)
if(Python_FOUND AND Python_NumPy_FOUND)
  # With Python already found, pybind11 uses FindPython's targets rather than its own search.
  find_package(pybind11 CONFIG QUIET)
  if(pybind11_FOUND)
    set(SEG_PYTHON_FOUND ON)
  endif()
endif()
if(NOT SEG_PYTHON_FOUND)
  message(STATUS "Python module: off (needs python3-dev, python3-numpy and pybind11-dev)")
endif()

// The `seg` command line's subcommands: their options registered on a CLI11 app, and what
// runs each once parsed (CommandLine.cpp; main.cpp parses and dispatches).
#pragma once

#include "Commands.h"

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace seg::cli {

struct Registered {
  CLI::App* command = nullptr;
  std::function<int()> run; // the command's exit status
};

std::vector<Registered> registerCommands(CLI::App& app);

} // namespace seg::cli

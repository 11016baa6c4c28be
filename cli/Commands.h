// The `seg` subcommands. Each returns the process exit status: 0 clean, 1 errors in the
// input, 2 wrong usage.
#pragma once

#include <string>
#include <vector>

namespace seg::cli {

enum class ColorMode { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> files;
  bool dumpAst = false;
  bool quiet = false;
  ColorMode color = ColorMode::Auto;
};

struct FormatOptions {
  std::vector<std::string> files;
  bool write = false; // rewrite the files in place instead of printing
  bool check = false; // exit 1 if a file is not formatted; print nothing
  ColorMode color = ColorMode::Auto;
};

int runCheck(const CheckOptions& options);
int runFormat(const FormatOptions& options);

} // namespace seg::cli

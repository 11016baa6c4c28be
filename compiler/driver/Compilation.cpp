#include "driver/Compilation.h"

#include "sema/Checker.h"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>

#ifndef SEG_STDLIB_DIR
#define SEG_STDLIB_DIR "stdlib"
#endif

namespace seg {
namespace {

namespace fs = std::filesystem;

std::string canonicalKey(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : result.string();
}

std::string displayPath(const fs::path& path) {
  std::error_code ec;
  fs::path relative = fs::relative(path, ec);
  return ec || relative.empty() ? path.lexically_normal().string() : relative.string();
}

class ModuleLoader {
public:
  ModuleLoader(Compilation& compilation, const CompileSettings& options)
      : compilation_(compilation), program_(*compilation.program), options_(options) {
    stdlibDir_ = options.stdlibDir.empty() ? defaultStdlibDir() : options.stdlibDir;
  }

  void loadInput(const CompileInput& input) {
    if (input.fromMemory) {
      FileId file = program_.sources.addFile(input.path, input.text);
      add(file, "", true, false,
          input.importDir.empty() ? fs::current_path() : fs::path(input.importDir));
      return;
    }
    std::string key = canonicalKey(input.path);
    if (state_.count(key) != 0) return; // named twice, or already imported
    std::string error;
    auto file = program_.sources.loadFile(input.path, error);
    if (!file) {
      FileId placeholder = program_.sources.addFile(input.path, "");
      compilation_.diagnostics.fileError(placeholder, fmt::format("cannot read file: {}", error));
      state_[key] = State::Done;
      return;
    }
    add(*file, key, true, false, fs::path(key).parent_path());
  }

private:
  enum class State { Loading, Done };

  // Parses the file and then its imports, depth first, so an import cycle is seen while
  // the importing module is still loading.
  void add(FileId file, const std::string& key, bool fromCommandLine, bool fromStdlib,
           const fs::path& directory) {
    if (!key.empty()) state_[key] = State::Loading;
    stack_.push_back(key.empty() ? program_.sources.file(file).path() : key);
    ParseResult parsed =
        parseFile(program_.sources.file(file), compilation_.diagnostics, options_.limits);
    std::size_t index = program_.modules.size();
    program_.modules.push_back({std::move(parsed.module), key, fromCommandLine, fromStdlib});
    compilation_.comments.push_back(std::move(parsed.comments));
    // Copy the imports first: loading them appends to program_.modules.
    std::vector<const ImportDecl*> imports;
    for (const DeclPtr& decl : program_.modules[index].module->decls)
      if (decl->kind == DeclKind::Import) imports.push_back(&decl->as<ImportDecl>());
    for (const ImportDecl* import : imports)
      loadImport(*import, directory, fromStdlib);
    stack_.pop_back();
    if (!key.empty()) state_[key] = State::Done;
  }

  void loadImport(const ImportDecl& import, const fs::path& directory, bool fromStdlib) {
    bool isStd = import.path.rfind("std/", 0) == 0;
    if (import.path.empty()) {
      compilation_.diagnostics.error(import.pathRange, "the import path is empty");
      return;
    }
    fs::path target =
        isStd ? fs::path(stdlibDir_) / import.path : directory / fs::path(import.path);
    // Messages name the module as a path relative to where the user is, not an absolute one.
    fs::path importer = program_.sources.file(import.range.file).path();
    std::string display =
        isStd ? displayPath(target)
              : (importer.has_parent_path() && importer != "<stdin>"
                     ? (importer.parent_path() / import.path).lexically_normal().string()
                     : fs::path(import.path).lexically_normal().string());
    std::string key = canonicalKey(target);
    if (auto it = state_.find(key); it != state_.end()) {
      if (it->second == State::Loading) reportCycle(import, key);
      return;
    }
    std::error_code ec;
    if (!fs::exists(target, ec)) {
      program_.importsFailed = true;
      SourceDiagnostic& d = compilation_.diagnostics.error(
          import.pathRange, fmt::format("cannot find module '{}'", import.path));
      d.hints.push_back(
          isStd ? fmt::format("looked in the standard library at {}", displayPath(stdlibDir_))
                : fmt::format("looked for {}; paths are relative to the importing "
                              "file",
                              display));
      return;
    }
    std::string error;
    auto file = program_.sources.loadFile(target.string(), error);
    if (file) program_.sources.setDisplayPath(*file, display);
    if (!file) {
      program_.importsFailed = true;
      compilation_.diagnostics.error(
          import.pathRange, fmt::format("cannot read module '{}': {}", import.path, error));
      return;
    }
    add(*file, key, false, isStd || fromStdlib, fs::path(key).parent_path());
  }

  void reportCycle(const ImportDecl& import, const std::string& key) {
    std::string path;
    bool inCycle = false;
    for (const std::string& entry : stack_) {
      inCycle = inCycle || entry == key;
      if (inCycle) path += fs::path(entry).filename().string() + " → ";
    }
    path += fs::path(key).filename().string();
    SourceDiagnostic& d =
        compilation_.diagnostics.error(import.pathRange, fmt::format("import cycle: {}", path));
    d.hints.push_back("move what both modules need into a third module that both import");
  }

  Compilation& compilation_;
  CheckedProgram& program_;
  const CompileSettings& options_;
  std::string stdlibDir_;
  std::map<std::string, State> state_;
  std::vector<std::string> stack_;
};

} // namespace

std::string defaultStdlibDir() {
  if (const char* env = std::getenv("SEG_STDLIB_DIR"); env != nullptr && *env != '\0') return env;
  return SEG_STDLIB_DIR;
}

Compilation compile(const std::vector<CompileInput>& inputs, const CompileSettings& options) {
  Compilation compilation;
  compilation.program = std::make_unique<CheckedProgram>();
  ModuleLoader loader(compilation, options);
  for (const CompileInput& input : inputs)
    loader.loadInput(input);
  if (options.check) checkProgram(*compilation.program, compilation.diagnostics);
  compilation.diagnostics.sortByLocation();
  return compilation;
}

} // namespace seg

// The C API's programs: seg_program compiled from files or source text, wrapping
// seg::Program; compile errors arrive as a seg_error with the diagnostics.
#include "CHandles.h"

#include <string>
#include <vector>

using seg::capi::fail;
using seg::capi::guarded;
using seg::capi::nullArgument;

seg_program::seg_program(seg::Program p) : program(std::move(p)) {
  for (const seg::Diagnostic& d : program.warnings())
    warnings += d.rendered;
}

namespace {

// Hands the program to *out, or its error (with diagnostics) to *err.
int made(seg::Expected<seg::Program>&& program, seg_program** out, seg_error** err) {
  if (!program) return fail(err, program.error());
  *out = new seg_program(std::move(program).value());
  return SEG_OK;
}

// Source text's options; a null import_dir is the working directory.
seg::CompileOptions sourceOptions(const char* import_dir) {
  seg::CompileOptions options;
  if (import_dir != nullptr) options.importDir = import_dir;
  return options;
}

} // namespace

int seg_program_compile_files(const char* const* paths, size_t n, seg_program** out,
                              seg_error** err) {
  constexpr const char* function = "seg_program_compile_files";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (paths == nullptr) return nullArgument(err, function, "paths");
    std::vector<std::string> files;
    for (size_t i = 0; i < n; ++i) {
      if (paths[i] == nullptr)
        return nullArgument(err, function, ("paths[" + std::to_string(i) + "]").c_str());
      files.emplace_back(paths[i]);
    }
    return made(seg::Program::compileFiles(files), out, err);
  });
}

int seg_program_compile_source(const char* text, const char* import_dir, seg_program** out,
                               seg_error** err) {
  constexpr const char* function = "seg_program_compile_source";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (text == nullptr) return nullArgument(err, function, "text");
    return made(seg::Program::compileSource(text, sourceOptions(import_dir)), out, err);
  });
}

int seg_program_compile_source_for(const char* text, const char* import_dir,
                                   const seg_dataset* schema_of, seg_program** out,
                                   seg_error** err) {
  constexpr const char* function = "seg_program_compile_source_for";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (text == nullptr) return nullArgument(err, function, "text");
    if (schema_of == nullptr) return nullArgument(err, function, "schema_of");
    seg::CompileOptions options = sourceOptions(import_dir);
    options.schema = schema_of->dataset.schema();
    return made(seg::Program::compileSource(text, options), out, err);
  });
}

size_t seg_program_warning_count(const seg_program* p) {
  return p == nullptr ? 0 : p->program.warnings().size();
}

const char* seg_program_warnings(const seg_program* p) {
  return p == nullptr ? "" : p->warnings.c_str();
}

void seg_program_free(seg_program* p) {
  delete p;
}

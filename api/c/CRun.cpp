// The C API's runs: seg_run with the common options, seg_run_options (engine, selection,
// cancellation) with seg_run_with, and seg_cancel_token; all wrap seg::Program::run.
#include "CHandles.h"

#include <string>

using seg::capi::fail;
using seg::capi::guarded;
using seg::capi::invalidArgument;
using seg::capi::nullArgument;

namespace {

// Runs with options already checked; `out` was checked and cleared by the caller.
int runChecked(const seg_program* p, const seg_dataset* d, const seg::RunOptions& options,
               seg_result** out, seg_error** err) {
  seg::Expected<seg::Result> result = p->program.run(d->dataset, options);
  if (!result) return fail(err, result.error());
  *out = new seg_result(std::move(result).value());
  return SEG_OK;
}

} // namespace

int seg_run(const seg_program* p, const seg_dataset* d, const char* now_iso8601, int threads,
            seg_result** out, seg_error** err) {
  constexpr const char* function = "seg_run";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (p == nullptr) return nullArgument(err, function, "p (the program)");
    if (d == nullptr) return nullArgument(err, function, "d (the dataset)");
    if (threads < 0) return invalidArgument(err, function, "threads is negative (0: one per core)");
    seg::RunOptions options;
    options.now = now_iso8601 == nullptr ? "" : now_iso8601;
    options.threads = static_cast<unsigned>(threads);
    return runChecked(p, d, options, out, err);
  });
}

seg_run_options* seg_run_options_new(void) {
  return seg::capi::answered<seg_run_options*>(nullptr, [] { return new seg_run_options{}; });
}

int seg_run_options_set_now(seg_run_options* o, const char* now_iso8601, seg_error** err) {
  constexpr const char* function = "seg_run_options_set_now";
  return guarded(err, function, [&] {
    if (o == nullptr) return nullArgument(err, function, "o");
    // Checked when the program runs: the timestamp syntax is the loaders'.
    o->options.now = now_iso8601 == nullptr ? "" : now_iso8601;
    return SEG_OK;
  });
}

int seg_run_options_set_threads(seg_run_options* o, int threads, seg_error** err) {
  constexpr const char* function = "seg_run_options_set_threads";
  return guarded(err, function, [&] {
    if (o == nullptr) return nullArgument(err, function, "o");
    if (threads < 0) return invalidArgument(err, function, "threads is negative (0: one per core)");
    o->options.threads = static_cast<unsigned>(threads);
    return SEG_OK;
  });
}

int seg_run_options_set_engine(seg_run_options* o, int engine, seg_error** err) {
  constexpr const char* function = "seg_run_options_set_engine";
  return guarded(err, function, [&] {
    if (o == nullptr) return nullArgument(err, function, "o");
    if (engine != SEG_ENGINE_JIT && engine != SEG_ENGINE_INTERP && engine != SEG_ENGINE_AUTO)
      return invalidArgument(err, function,
                             "engine " + std::to_string(engine) +
                                 " is not SEG_ENGINE_JIT, SEG_ENGINE_INTERP or SEG_ENGINE_AUTO");
    o->options.engine = engine == SEG_ENGINE_JIT      ? seg::Engine::Jit
                        : engine == SEG_ENGINE_INTERP ? seg::Engine::Interpreter
                                                      : seg::Engine::Auto;
    return SEG_OK;
  });
}

int seg_run_options_select(seg_run_options* o, const char* definition, seg_error** err) {
  constexpr const char* function = "seg_run_options_select";
  return guarded(err, function, [&] {
    if (o == nullptr) return nullArgument(err, function, "o");
    if (definition == nullptr) return nullArgument(err, function, "definition");
    if (*definition == '\0') return invalidArgument(err, function, "definition is empty");
    // Whether the program has it is known when it runs: options are not tied to a program.
    o->options.definitions.emplace_back(definition);
    return SEG_OK;
  });
}

int seg_run_options_set_cancel(seg_run_options* o, seg_cancel_token* t, seg_error** err) {
  constexpr const char* function = "seg_run_options_set_cancel";
  return guarded(err, function, [&] {
    if (o == nullptr) return nullArgument(err, function, "o");
    if (t == nullptr) return nullArgument(err, function, "t");
    o->options.stop = t->source.get_token();
    return SEG_OK;
  });
}

void seg_run_options_free(seg_run_options* o) {
  delete o;
}

int seg_run_with(const seg_program* p, const seg_dataset* d, const seg_run_options* o,
                 seg_result** out, seg_error** err) {
  constexpr const char* function = "seg_run_with";
  return guarded(err, function, [&] {
    if (out == nullptr) return nullArgument(err, function, "out");
    *out = nullptr;
    if (p == nullptr) return nullArgument(err, function, "p (the program)");
    if (d == nullptr) return nullArgument(err, function, "d (the dataset)");
    if (o == nullptr) return nullArgument(err, function, "o (the options)");
    return runChecked(p, d, o->options, out, err);
  });
}

seg_cancel_token* seg_cancel_token_new(void) {
  return seg::capi::answered<seg_cancel_token*>(nullptr, [] { return new seg_cancel_token{}; });
}

void seg_cancel_token_cancel(seg_cancel_token* t) {
  if (t != nullptr) t->source.request_stop();
}

void seg_cancel_token_free(seg_cancel_token* t) {
  delete t;
}

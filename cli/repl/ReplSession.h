// One `seg repl` session: the files it loaded and the definitions typed since, compiled
// together through the public API; each input answered as an expression, a definition or
// a command.
#pragma once

#include <iosfwd>
#include <optional>
#include <seg/seg.hpp>
#include <stop_token>
#include <string>
#include <vector>

namespace seg::cli::repl {

struct TypedDefinition {
  std::string name;
  std::string kind; // "segment", "partition", "score", "metric"
  std::string text; // as typed
};

class ReplSession {
public:
  ReplSession(Dataset data, std::vector<std::string> files, std::string now, bool timer);

  // Compiles the files; false (with the diagnostics on `err`) when they have errors.
  bool start(std::ostream& err);
  // Answers one complete input. False: the session ends (`:quit`).
  bool handle(const std::string& input, std::ostream& out, std::ostream& err,
              std::stop_token stop = {});

private:
  Expected<Program> compileWith(const std::vector<TypedDefinition>& definitions,
                                const std::string& extra) const;
  RunOptions runOptions(std::stop_token stop) const;
  // The line of the compiled text where typed text (after the definitions) starts.
  int typedLine() const;
  void answerExpression(const std::string& expression, std::ostream& out, std::ostream& err,
                        std::stop_token stop);
  void answerNumber(const std::string& expression, std::ostream& out, std::ostream& err,
                    std::stop_token stop);
  void define(const TypedDefinition& definition, std::ostream& out, std::ostream& err,
              std::stop_token stop);
  bool command(const std::string& input, std::ostream& out, std::ostream& err);
  void report(const Program& program, const std::string& name, std::ostream& out, std::ostream& err,
              std::stop_token stop);

  Dataset data_;
  std::vector<std::string> files_;
  std::string now_;
  bool timer_;
  bool pii_ = false;
  bool useDatasetSchema_ = false;
  std::vector<TypedDefinition> definitions_;
  std::optional<Program> program_;
};

// "segment vip = …" → its kind and name; nullopt for anything else.
std::optional<TypedDefinition> parseDefinition(const std::string& input);

} // namespace seg::cli::repl

// The `seg` command line: check, format, generate and import data, run Seg programs. The
// subcommands and their options are registered in CommandLine.cpp.
#include "CommandLine.h"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace {

constexpr const char* kVersion = "seg 0.1.0";

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"Seg: segment contacts, score leads and measure metrics with a small language"};
  app.name("seg");
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(0, 1);
  const std::vector<seg::cli::Registered> commands = seg::cli::registerCommands(app);

  std::string helpTopic;
  CLI::App* helpCommand = app.add_subcommand("help", "Show help for seg or one of its commands");
  helpCommand->add_option("command", helpTopic, "The command to explain");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  for (const seg::cli::Registered& command : commands)
    if (command.command->parsed()) return command.run();
  if (helpCommand->parsed()) {
    // CLI11 shows the help of the subcommand parsed (`help` itself) until the parse is cleared.
    std::string topic = helpTopic;
    app.clear();
    if (topic.empty()) {
      std::fputs(app.help().c_str(), stdout);
      return 0;
    }
    for (CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() == topic) {
        std::fputs(command->help("seg").c_str(), stdout);
        return 0;
      }
    }
    std::fprintf(stderr, "seg: no command named '%s'; see 'seg help'\n", topic.c_str());
    return 2;
  }
  std::fputs(app.help().c_str(), stderr);
  return 2;
}

// The command table and dispatch, with "did you mean" for mistyped commands.
#include "cli/cli.h"

#include <cstdio>
#include <exception>
#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/text.h"

namespace shipcheck::cli {
namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  std::function<int(const Args&)> fn;
};

const std::vector<Command>& command_table() {
  static const std::vector<Command> table{
      {"run", "run every applicable check and exit with the verdict", run_command},
      {"init", "detect the stack and write a commented shipcheck.yaml", init_command},
      {"import", "turn a Markdown checklist into shipcheck.yaml entries", import_command},
      {"scan", "scan secrets [DIR] [--history] | scan containers [DIR|FILE...]", scan_command},
      {"probe", "live HTTP and TLS checks against one URL", probe_command},
      {"load", "load test a URL with latency percentiles", load_command},
      {"watch", "post-deploy watch with rollback triggers", watch_command},
      {"signoff", "record a human sign-off for a manual item", signoff_command},
      {"history", "past runs and watches from the store", history_command},
      {"diff", "what changed between two runs", diff_command},
      {"rules", "list the rule catalog", rules_command},
      {"explain", "print one rule's documentation", explain_command},
      {"secret", "generate a strong random secret (secret generate [--bytes N])", secret_command},
  };
  return table;
}

void print_usage(std::FILE* out) {
  fmt::print(out,
             "shipcheck {}: is this service ready to ship?\n\nusage: shipcheck <command> "
             "[options]\n\ncommands:\n",
             SHIPCHECK_VERSION);
  for (const auto& command : command_table()) {
    fmt::print(out, "  {:<9} {}\n", command.name, command.summary);
  }
  fmt::print(out, "\n'shipcheck <command> --help' shows a command's options.\n");
}

int unknown_command(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& command : command_table()) {
    names.emplace_back(command.name);
  }
  const auto near = closest(name, names);
  fmt::print(stderr, "shipcheck: unknown command '{}'{}\n", name,
             near.empty() ? "" : fmt::format("; did you mean '{}'?", near.front()));
  fmt::print(stderr, "run 'shipcheck --help' for the list of commands\n");
  return k_exit_usage;
}

}  // namespace

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return k_exit_usage;
  }
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(stdout);
    return k_exit_ok;
  }
  if (first == "--version" || first == "version") {
    fmt::print("shipcheck {}\n", SHIPCHECK_VERSION);
    return k_exit_ok;
  }
  const Args args(argv + 2, argv + argc);
  for (const auto& command : command_table()) {
    if (command.name == first) {
      try {
        return command.fn(args);
      } catch (const std::exception& e) {
        fmt::print(stderr, "shipcheck: internal error: {}\n", e.what());
        return k_exit_internal;
      }
    }
  }
  return unknown_command(first);
}

}  // namespace shipcheck::cli

// `shipcheck init [DIR]`: detect the stack and write a commented shipcheck.yaml.
#include <fstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "config/detect.h"

namespace shipcheck::cli {

int init_command(const Args& args) {
  CLI::App app{"shipcheck init: detect the stack and write a commented shipcheck.yaml",
               "shipcheck init"};
  std::string dir = ".";
  bool force = false;
  bool print = false;
  app.add_option("dir", dir, "project directory (default: .)");
  app.add_flag("--force", force, "overwrite an existing shipcheck.yaml");
  app.add_flag("--stdout", print, "print the config instead of writing it");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(std::filesystem::absolute(dir), ec);
  if (!std::filesystem::is_directory(root, ec)) {
    fmt::print(stderr, "shipcheck init: {}: not a directory\n", dir);
    return k_exit_usage;
  }
  const config::StackInfo stack = config::detect_stack(root);
  const std::string yaml = config::render_init_yaml(stack);
  if (print) {
    fmt::print("{}", yaml);
    return k_exit_ok;
  }
  const auto target = root / "shipcheck.yaml";
  if (std::filesystem::exists(target, ec) && !force) {
    fmt::print(stderr, "shipcheck init: {} exists; use --force to overwrite\n", target.string());
    return k_exit_usage;
  }
  std::ofstream(target) << yaml;
  fmt::print(stderr, "wrote {} (detected: {})\n", target.string(),
             stack.frameworks.empty() ? std::string("no framework")
                                      : fmt::format("{}", fmt::join(stack.frameworks, ", ")));
  return k_exit_ok;
}

}  // namespace shipcheck::cli

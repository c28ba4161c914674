// `shipcheck import CHECKLIST.md`: turns a team's deployment checklist into shipcheck.yaml
// entries (YAML), the JSON contract, or an explanation of each item's decision.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/import_plan.h"
#include "cli/options.h"

namespace shipcheck::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string output;
  std::string format = "yaml";
  bool force = false;
  bool explain = false;
  bool plain_text = false;
};

// The checklist's bytes, or nullopt after saying why. Directories and special files are
// refused before reading, so a FIFO cannot hang the command.
std::optional<std::string> read_checklist(const std::string& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    fmt::print(stderr, "shipcheck import: {}: no such file\n", file);
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    fmt::print(stderr, "shipcheck import: {}: not a regular file\n", file);
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    fmt::print(stderr, "shipcheck import: {}: cannot read\n", file);
    return std::nullopt;
  }
  return buffer.str();
}

// Writes to -o FILE (never over an existing file without --force) or stdout.
bool write_output(const ImportOptions& options, const std::string& text) {
  if (options.output.empty()) {
    fmt::print("{}", text);
    return true;
  }
  std::error_code ec;
  if (std::filesystem::exists(options.output, ec) && !options.force) {
    fmt::print(stderr, "shipcheck import: {} exists; use --force to overwrite\n", options.output);
    return false;
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    fmt::print(stderr, "shipcheck import: cannot write {}\n", options.output);
    return false;
  }
  return true;
}

int run_import(const ImportOptions& options) {
  const auto text = read_checklist(options.file);
  if (!text) {
    return k_exit_usage;
  }
  const auto mode = options.plain_text ? checklist::Mode::plain_text : checklist::Mode::detect;
  const auto list = checklist::parse_checklist(*text, options.file, mode);
  if (!list) {
    fmt::print(stderr, "shipcheck import: {}\n", list.error().to_string());
    return k_exit_usage;
  }
  const ImportPlan plan = plan_import(*list, catalog_matcher(), options.file);
  if (options.explain) {
    // The explanation takes stdout; the entries still go to -o FILE when one is given.
    fmt::print("{}", render_explain(plan));
    if (options.output.empty()) {
      return k_exit_ok;
    }
  }
  const bool json = options.format == "json";
  if (!write_output(options, json ? render_json(plan) : render_yaml(plan))) {
    return k_exit_usage;
  }
  if (!json) {
    fmt::print(stderr, "{}\n", coverage_line(plan));
  }
  return k_exit_ok;
}

}  // namespace

int import_command(const Args& args) {
  CLI::App app{"shipcheck import: turn a Markdown checklist into shipcheck.yaml entries",
               "shipcheck import"};
  ImportOptions options;
  app.add_option("checklist", options.file, "the checklist (Markdown or a web page's text)")
      ->required();
  app.add_option("-o,--output", options.output, "write to FILE instead of standard output");
  app.add_option("--format", options.format, "yaml (shipcheck.yaml entries) or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  app.add_flag("--force", options.force, "overwrite the -o file if it exists");
  app.add_flag("--explain", options.explain, "print each item, its decision and why");
  app.add_flag("--plain-text", options.plain_text,
               "read the file as text copied from a web page, not Markdown");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  return run_import(options);
}

}  // namespace shipcheck::cli

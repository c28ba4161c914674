// `shipcheck import CHECKLIST.md`: turns a team's deployment checklist into shipcheck.yaml
// entries (YAML), the JSON contract, or an explanation of each item's decision.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/import_merge.h"
#include "cli/import_plan.h"
#include "cli/options.h"
#include "config/loader.h"

namespace shipcheck::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string output;
  std::string format = "yaml";
  bool force = false;
  bool merge = false;
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

// The checklist as the config names it: relative to the directory of the -o file, which is
// the project root unless the file says otherwise; as given when printing to stdout.
std::string source_name(const ImportOptions& options) {
  if (options.output.empty()) {
    return options.file;
  }
  std::error_code ec;
  const auto base = std::filesystem::absolute(options.output, ec).parent_path();
  const auto file = std::filesystem::absolute(options.file, ec);
  const auto relative = file.lexically_normal().lexically_relative(base.lexically_normal());
  return ec || relative.empty() ? options.file : relative.generic_string();
}

// --merge: the -o file with the plan merged in, after checking that both it and the result
// load; nullopt after saying why.
std::optional<std::string> merged_config(const ImportOptions& options, const ImportPlan& plan) {
  const auto existing_text = read_checklist(options.output);
  if (!existing_text) {
    return std::nullopt;
  }
  const auto base = std::filesystem::absolute(options.output).parent_path();
  const auto existing =
      config::load_config_text(*existing_text, options.output, base, config::process_env);
  if (!existing) {
    fmt::print(stderr, "shipcheck import: {} (it must load before entries are merged into it)\n",
               existing.error().to_string());
    return std::nullopt;
  }
  auto merged = merge_import(*existing_text, *existing, plan);
  if (!merged) {
    fmt::print(stderr, "shipcheck import: {}: {}\n", options.output, merged.error());
    return std::nullopt;
  }
  // The edit is on lines: load the result before it replaces a file that worked.
  const auto check = config::load_config_text(*merged, options.output, base, config::process_env);
  if (!check) {
    fmt::print(stderr, "shipcheck import: the merged file would not load, {} is unchanged: {}\n",
               options.output, check.error().to_string());
    return std::nullopt;
  }
  return std::move(*merged);
}

int run_import(ImportOptions options) {
  if (options.merge && (options.output.empty() || options.format != "yaml")) {
    fmt::print(stderr,
               "shipcheck import: --merge needs -o FILE, the shipcheck.yaml to merge into\n");
    return k_exit_usage;
  }
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
  const ImportPlan plan = plan_import(*list, catalog_matcher(), source_name(options));
  if (options.explain) {
    // The explanation takes stdout; the entries still go to -o FILE when one is given.
    fmt::print("{}", render_explain(plan));
    if (options.output.empty()) {
      return k_exit_ok;
    }
  }
  const bool json = options.format == "json";
  std::string output = json ? render_json(plan) : render_yaml(plan);
  if (options.merge) {
    auto merged = merged_config(options, plan);
    if (!merged) {
      return k_exit_usage;
    }
    output = std::move(*merged);
    options.force = true;
  }
  if (!write_output(options, output)) {
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
  app.add_flag("--merge", options.merge,
               "add the entries to the existing -o FILE, keeping what it has");
  app.add_flag("--explain", options.explain, "print each item, its decision and why");
  app.add_flag("--plain-text", options.plain_text,
               "read the file as text copied from a web page, not Markdown");
  if (auto code = parse_args(app, args)) {
    return *code;
  }
  return run_import(options);
}

}  // namespace shipcheck::cli

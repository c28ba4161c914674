// Loads shipcheck.yaml: raw-text checks, yaml-cpp parsing, schema walk, root resolution.
#include "config/loader.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/documents.h"
#include "config/sections.h"
#include "config/source_text.h"
#include "config/yaml_reader.h"

namespace shipcheck::config {
namespace {

namespace fs = std::filesystem;

std::optional<ParseError> check_text(std::string_view text, std::string_view file) {
  if (text.size() > k_max_config_bytes) {
    return error_at(
        file, {},
        fmt::format("config is {} bytes; the limit is {} (1 MiB)", text.size(), k_max_config_bytes),
        "is this really shipcheck.yaml? pass the right file with --config");
  }
  if (auto bad = find_bad_bytes(text)) {
    return error_at(file, bad->pos, bad->message, bad->hint);
  }
  if (auto deep = find_deep_nesting(text)) {
    return error_at(file, deep->pos, deep->message, deep->hint);
  }
  return std::nullopt;
}

// Resolves `project:` (held in config.root as written) against `base_dir`.
void resolve_root(Reader& reader, const YAML::Node& top, const fs::path& base_dir, Config& config) {
  std::error_code ec;
  fs::path base = fs::absolute(base_dir, ec);
  if (ec) {
    base = base_dir;
  }
  const bool given = !config.root.empty();
  const fs::path root = given ? base / config.root : base;
  if (given && !fs::is_directory(root, ec)) {
    const YAML::Node project = top["project"];
    reader.fail(project,
                fmt::format("project directory '{}' does not exist", shown(project.Scalar())),
                "'project' is relative to the directory of shipcheck.yaml");
    return;
  }
  config.root = fs::weakly_canonical(root, ec);
  if (ec) {
    config.root = root.lexically_normal();
  }
}

tl::expected<Config, ParseError> read_config(std::string_view text, std::string_view file,
                                             const fs::path& base_dir, const EnvLookup& env) {
  auto top = parse_single_document(text, file);
  if (!top) {
    return tl::make_unexpected(top.error());
  }
  Reader reader(text, file, env);
  if (top->IsScalar()) {
    reader.literal(*top, "top level");  // reports an unterminated quote, the likelier cause
  }
  if (!top->IsMap()) {
    reader.fail(*top, "the top level must be a map of settings (key: value)",
                "start with e.g. `service: my-api`; see `shipcheck init`");
  }
  Config config;
  read_sections(reader, *top, config);
  if (!reader.failed()) {
    resolve_root(reader, *top, base_dir, config);
  }
  if (reader.failed()) {
    return tl::make_unexpected(*reader.error());
  }
  config.file = fs::path(file);
  config.sensitive_values = std::move(reader.sensitive_values());
  if (config.service.empty()) {
    config.service = config.root.filename().string();
  }
  return config;
}

tl::expected<std::string, ParseError> read_file(const fs::path& file) {
  const std::string name = file.string();
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (ec || !fs::exists(status)) {
    return tl::make_unexpected(
        error_at(name, {}, "config file not found", "run `shipcheck init` to write one"));
  }
  if (!fs::is_regular_file(status)) {
    return tl::make_unexpected(error_at(name, {}, "config is not a regular file"));
  }
  const std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > k_max_config_bytes) {
    return tl::make_unexpected(error_at(
        name, {},
        fmt::format("config is {} bytes; the limit is {} (1 MiB)", size, k_max_config_bytes),
        "is this really shipcheck.yaml? pass the right file with --config"));
  }
  std::ifstream in(file, std::ios::binary);
  std::string text(k_max_config_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad() || (!in && !in.eof())) {
    return tl::make_unexpected(error_at(name, {}, "cannot read config file"));
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

std::optional<std::string> process_env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

tl::expected<Config, ParseError> load_config_text(std::string_view text, std::string_view file_name,
                                                  const fs::path& base_dir, const EnvLookup& env) {
  try {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
      text.remove_prefix(3);
    }
    if (auto problem = check_text(text, file_name)) {
      return tl::make_unexpected(*problem);
    }
    return read_config(text, file_name, base_dir, env);
  } catch (const std::exception& e) {
    // yaml-cpp node access and the filesystem can still throw; never let them escape.
    return tl::make_unexpected(
        error_at(file_name, {}, fmt::format("cannot read config: {}", e.what())));
  }
}

tl::expected<Config, ParseError> load_config(const fs::path& file, const EnvLookup& env) {
  auto text = read_file(file);
  if (!text) {
    return tl::make_unexpected(text.error());
  }
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec);
  if (ec) {
    absolute = file;
  }
  auto config = load_config_text(*text, file.string(), absolute.parent_path(), env);
  if (config) {
    config->file = absolute.lexically_normal();
  }
  return config;
}

std::optional<fs::path> find_config(const fs::path& dir) {
  std::error_code ec;
  fs::path current = fs::absolute(dir, ec).lexically_normal();
  if (ec) {
    return std::nullopt;
  }
  if (current.filename().empty() && current.has_relative_path()) {
    current = current.parent_path();  // "dir/" -> "dir"
  }
  while (true) {
    for (const char* name : {"shipcheck.yaml", "shipcheck.yml"}) {
      const fs::path candidate = current / name;
      if (fs::is_regular_file(candidate, ec)) {
        return candidate;
      }
    }
    if (!current.has_relative_path() || current.parent_path() == current) {
      return std::nullopt;
    }
    current = current.parent_path();
  }
}

}  // namespace shipcheck::config

// Stack detection: one bounded, sorted walk of the project; each file name or small file
// content that reveals part of the stack is recorded with the reason.
#include "config/detect.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace shipcheck::config {
namespace {

namespace fs = std::filesystem;

constexpr int k_max_depth = 3;      // directories below the root that are looked into
constexpr int k_max_env_depth = 2;  // env files deeper than this are not the service's
constexpr std::size_t k_max_entries = 20000;
constexpr std::size_t k_max_read = 256 * 1024;  // bytes of a file that are looked at

const std::set<std::string, std::less<>> k_skipped_dirs{
    ".git",          "node_modules",  ".venv",  "venv",   "env",     "__pycache__",
    ".next",         "dist",          "build",  "target", ".tox",    ".mypy_cache",
    ".pytest_cache", "site-packages", "vendor", ".idea",  ".vscode", "coverage"};

const std::array<std::string_view, 5> k_production_env_names{
    ".env.production", ".env.prod", "production.env", "prod.env", ".env.production.local"};

std::string read_prefix(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(k_max_read, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return text;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// True iff a requirements.txt-style `text` lists `package` (PEP 503 normalised).
bool requirements_list(std::string_view text, std::string_view package) {
  for (const std::string& raw : split(text, '\n')) {
    std::string line = to_lower(trim(raw));
    std::size_t end = 0;
    while (end < line.size() && is_name_char(line[end])) {
      ++end;
    }
    std::string name = line.substr(0, end);
    std::replace(name.begin(), name.end(), '_', '-');
    if (name == package) {
      return true;
    }
  }
  return false;
}

// True iff pyproject.toml / Pipfile `text` names `package` as a dependency: "fastapi>=0.1"
// in a PEP 621 list, or `fastapi = "^0.1"` in a Poetry / Pipenv table.
bool pyproject_lists(std::string_view text, std::string_view package) {
  for (const std::string& raw : split(to_lower(text), '\n')) {
    const std::string_view line = trim(raw);
    for (std::size_t at = line.find(package); at != std::string_view::npos;
         at = line.find(package, at + 1)) {
      const std::size_t after = at + package.size();
      const bool ends = after >= line.size() || !is_name_char(line[after]);
      const bool quoted = at > 0 && (line[at - 1] == '"' || line[at - 1] == '\'');
      const bool table_key = at == 0 && trim(line.substr(after)).starts_with('=');
      if (ends && (quoted || table_key)) {
        return true;
      }
    }
  }
  return false;
}

bool imports_fastapi(std::string_view text) {
  return text.find("from fastapi import") != std::string_view::npos ||
         text.substr(0, 14) == "import fastapi" ||
         text.find("\nimport fastapi") != std::string_view::npos;
}

bool declares_deployment(std::string_view text) {
  for (const std::string& raw : split(text, '\n')) {
    std::string line(trim(raw));
    line.erase(std::remove(line.begin(), line.end(), '"'), line.end());
    line.erase(std::remove(line.begin(), line.end(), '\''), line.end());
    if (line == "kind: Deployment" || line == "kind: StatefulSet") {
      return true;
    }
  }
  return false;
}

// A file name (or path) made only of characters that need no quoting anywhere.
bool is_plain_path(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '/';
  });
}

bool is_env_file_name(std::string_view name) {
  const bool env_prefix =
      name == ".env" || name.substr(0, 5) == ".env." || name.substr(0, 5) == ".env-";
  const bool env_suffix = name.size() > 4 && name.substr(name.size() - 4) == ".env";
  return (env_prefix || env_suffix) && is_plain_path(name);
}

// Keeps [A-Za-z0-9._-] of a package or directory name; "@acme/todo-api" -> "todo-api".
std::string service_name_from(std::string_view raw) {
  if (raw.starts_with('@') && raw.find('/') != std::string_view::npos) {
    raw.remove_prefix(raw.find('/') + 1);
  }
  std::string name;
  for (char c : raw) {
    name += is_plain_path(std::string_view(&c, 1)) && c != '/' ? c : '-';
  }
  const std::size_t first = name.find_first_not_of("-.");
  return first == std::string::npos ? std::string() : name.substr(first);
}

// `name = "..."` in the [project] or [tool.poetry] table of a pyproject.toml.
std::string pyproject_name(std::string_view text) {
  bool in_table = false;
  for (const std::string& raw : split(text, '\n')) {
    const std::string_view line = trim(raw);
    if (line.starts_with('[')) {
      in_table = line == "[project]" || line == "[tool.poetry]";
    } else if (in_table && line.starts_with("name")) {
      const std::size_t open = line.find_first_of("\"'");
      const std::size_t close =
          open == std::string_view::npos ? open : line.find(line[open], open + 1);
      if (close != std::string_view::npos) {
        return std::string(line.substr(open + 1, close - open - 1));
      }
    }
  }
  return {};
}

class Detector {
 public:
  explicit Detector(fs::path root) : m_root(std::move(root)) {}

  StackInfo run() {
    walk(m_root, "", 0);
    finish();
    return std::move(m_info);
  }

 private:
  void walk(const fs::path& dir, const std::string& rel, int depth);
  void visit_file(const fs::path& path, const std::string& name, const std::string& rel, int depth);
  void visit_dir(const std::string& name, const std::string& rel);
  void visit_package_json(const fs::path& path, const std::string& rel, int depth);
  void visit_python(const fs::path& path, const std::string& name, const std::string& rel);
  void framework(const std::string& id, std::string why);
  void flag(bool& field, std::string why);
  void finish();

  fs::path m_root;
  StackInfo m_info;
  std::set<std::string> m_found;                                          // frameworks found
  std::vector<std::pair<std::string, std::string>> m_framework_evidence;  // {id, why}
  std::size_t m_entries = 0;
  std::string m_package_name;
};

void Detector::walk(const fs::path& dir, const std::string& rel, int depth) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end && m_entries < k_max_entries; it.increment(ec), ++m_entries) {
    entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end());
  std::vector<std::pair<fs::path, std::string>> subdirs;
  for (const fs::directory_entry& entry : entries) {
    const std::string name = entry.path().filename().string();
    const std::string path = rel.empty() ? name : rel + "/" + name;
    if (entry.is_symlink(ec)) {
      continue;  // stay inside the project; a link may point anywhere
    }
    if (entry.is_directory(ec)) {
      visit_dir(name, path);
      if (depth < k_max_depth && !k_skipped_dirs.contains(name)) {
        subdirs.emplace_back(entry.path(), path);
      }
    } else if (entry.is_regular_file(ec)) {
      visit_file(entry.path(), name, path, depth);
    }
  }
  for (const auto& [sub, sub_rel] : subdirs) {
    walk(sub, sub_rel, depth + 1);
  }
}

void Detector::visit_dir(const std::string& name, const std::string& rel) {
  if (name == "k8s" || name == "kubernetes") {
    flag(m_info.kubernetes, fmt::format("Kubernetes: {}/", rel));
  } else if (name == "alembic") {
    flag(m_info.alembic, fmt::format("Alembic migrations: {}/", rel));
  }
}

void Detector::visit_file(const fs::path& path, const std::string& name, const std::string& rel,
                          int depth) {
  if (is_env_file_name(name) && depth <= k_max_env_depth && is_plain_path(rel)) {
    m_info.env_files.push_back(rel);
  } else if (is_dockerfile_name(name)) {
    flag(m_info.dockerfile, fmt::format("Dockerfile: {}", rel));
  } else if (is_compose_name(name)) {
    flag(m_info.compose, fmt::format("Docker Compose: {}", rel));
  } else if (name == "alembic.ini") {
    flag(m_info.alembic, fmt::format("Alembic migrations: {}", rel));
  } else if (name == "manage.py") {
    framework("django", fmt::format("Django: {}", rel));
  } else if (name.starts_with("next.config.")) {
    framework("nextjs", fmt::format("Next.js: {}", rel));
  } else if (name == "package.json") {
    visit_package_json(path, rel, depth);
  } else if (name == "Chart.yaml" || name == "kustomization.yaml") {
    flag(m_info.kubernetes, fmt::format("Kubernetes: {}", rel));
  } else if ((name.ends_with(".yaml") || name.ends_with(".yml")) && !m_info.kubernetes &&
             !name.starts_with("shipcheck.") && declares_deployment(read_prefix(path))) {
    flag(m_info.kubernetes, fmt::format("Kubernetes: 'kind: Deployment' in {}", rel));
  } else {
    visit_python(path, name, rel);
  }
  if (depth == 0 && name == "pyproject.toml" && m_package_name.empty()) {
    m_package_name = pyproject_name(read_prefix(path));
  }
}

void Detector::visit_package_json(const fs::path& path, const std::string& rel, int depth) {
  const auto json = nlohmann::json::parse(read_prefix(path), nullptr, false, true);
  if (!json.is_object()) {
    return;
  }
  for (const char* section : {"dependencies", "devDependencies"}) {
    const auto deps = json.find(section);
    if (deps == json.end() || !deps->is_object()) {
      continue;
    }
    if (deps->contains("express")) {
      framework("express", fmt::format("Express: 'express' in {} {}", rel, section));
    }
    if (deps->contains("next")) {
      framework("nextjs", fmt::format("Next.js: 'next' in {} {}", rel, section));
    }
  }
  const auto name = json.find("name");
  if (depth == 0 && name != json.end() && name->is_string() && m_package_name.empty()) {
    m_package_name = name->get<std::string>();
  }
}

void Detector::visit_python(const fs::path& path, const std::string& name, const std::string& rel) {
  const bool requirements = name.starts_with("requirements") && name.ends_with(".txt");
  const bool manifest = name == "pyproject.toml" || name == "Pipfile" || name == "setup.cfg";
  if (requirements || manifest) {
    const std::string text = read_prefix(path);
    for (const auto& [id, title] :
         {std::pair{"fastapi", "FastAPI"}, std::pair{"django", "Django"}}) {
      if (requirements ? requirements_list(text, id) : pyproject_lists(text, id)) {
        framework(id, fmt::format("{}: '{}' in {}", title, id, rel));
      }
    }
  } else if (name.ends_with(".py") && !m_found.contains("fastapi") &&
             imports_fastapi(read_prefix(path))) {
    framework("fastapi", fmt::format("FastAPI: 'from fastapi import' in {}", rel));
  }
}

void Detector::framework(const std::string& id, std::string why) {
  if (m_found.insert(id).second) {
    m_framework_evidence.emplace_back(id, std::move(why));
  }
}

void Detector::flag(bool& field, std::string why) {
  if (!field) {
    field = true;
    m_info.evidence.push_back(std::move(why));
  }
}

std::size_t depth_of(const std::string& rel) {
  return std::count(rel.begin(), rel.end(), '/');
}

void Detector::finish() {
  // Frameworks first, in a fixed order, then the rest in walk order.
  std::vector<std::string> evidence;
  for (const char* id : {"fastapi", "django", "express", "nextjs"}) {
    for (const auto& [found, why] : m_framework_evidence) {
      if (found == id) {
        m_info.frameworks.emplace_back(id);
        evidence.push_back(why);
      }
    }
  }
  evidence.insert(evidence.end(), m_info.evidence.begin(), m_info.evidence.end());
  m_info.evidence = std::move(evidence);
  std::sort(m_info.env_files.begin(), m_info.env_files.end());
  for (std::size_t depth = 0; depth <= k_max_env_depth && m_info.production_env_file.empty();
       ++depth) {
    for (std::string_view wanted : k_production_env_names) {
      const auto it =
          std::find_if(m_info.env_files.begin(), m_info.env_files.end(), [&](const std::string& f) {
            return depth_of(f) == depth && fs::path(f).filename() == wanted;
          });
      if (it != m_info.env_files.end()) {
        m_info.production_env_file = *it;
        break;
      }
    }
  }
  m_info.service_name = service_name_from(m_package_name);
  if (m_info.service_name.empty()) {
    m_info.service_name = service_name_from(m_root.filename().string());
  }
  if (m_info.service_name.empty()) {
    m_info.service_name = "service";
  }
}

fs::path absolute_root(const fs::path& root) {
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
  return ec ? root.lexically_normal() : absolute;
}

}  // namespace

StackInfo detect_stack(const fs::path& root) {
  try {
    return Detector(absolute_root(root)).run();
  } catch (const std::exception&) {
    return StackInfo{};  // detection is best effort: a surprise means "nothing detected"
  }
}

std::string detected_env_file(const StackInfo& info) {
  if (!info.production_env_file.empty()) {
    return info.production_env_file;
  }
  const bool dot_env =
      std::find(info.env_files.begin(), info.env_files.end(), ".env") != info.env_files.end();
  return dot_env ? ".env" : "";
}

Config config_from_detection(const StackInfo& info, const fs::path& root) {
  Config config;
  config.root = absolute_root(root);
  config.service = info.service_name.empty() ? config.root.filename().string() : info.service_name;
  config.env_file = detected_env_file(info);
  return config;
}

bool is_dockerfile_name(std::string_view name) {
  const std::string lower = to_lower(name);
  return lower == "dockerfile" || lower == "containerfile" || lower.starts_with("dockerfile.") ||
         (lower.size() > 11 && lower.ends_with(".dockerfile"));
}

bool is_compose_name(std::string_view name) {
  const bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
  return yaml && (name.starts_with("docker-compose") || name.starts_with("compose."));
}

}  // namespace shipcheck::config

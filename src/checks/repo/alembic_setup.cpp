// Locating alembic migrations the way alembic does (see alembic_setup.h).
#include "checks/repo/alembic_setup.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"

namespace shipcheck::checks {

namespace {

namespace fs = std::filesystem;

constexpr int k_ini_depth = 2;

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

bool walkable_dir(const fs::directory_entry& entry) {
  std::error_code ec;
  const std::string name = entry.path().filename().string();
  return entry.is_directory(ec) && !name.empty() && name.front() != '.' && name != "node_modules" &&
         name != "venv" && name != "__pycache__" && !path_exists(entry.path() / "pyvenv.cfg");
}

// alembic.ini files at the root and up to k_ini_depth directories below, root-relative.
void collect_inis(const fs::path& root, const fs::path& dir, int depth,
                  std::vector<std::string>& out) {
  if (path_exists(dir / "alembic.ini")) {
    out.push_back((dir / "alembic.ini").lexically_relative(root).generic_string());
  }
  if (depth == k_ini_depth) {
    return;
  }
  std::error_code ec;
  std::vector<fs::path> children;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (walkable_dir(*it)) {
      children.push_back(it->path());
    }
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) {
    collect_inis(root, child, depth + 1, out);
  }
}

// The [alembic] section's keys (configparser syntax: `key = value` or `key: value`).
std::map<std::string, std::string> read_alembic_section(const fs::path& ini) {
  std::ifstream in(ini);
  std::map<std::string, std::string> values;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#' || text.front() == ';') {
      continue;
    }
    if (text.front() == '[') {
      in_section = text == "[alembic]";
      continue;
    }
    const auto sep = text.find_first_of("=:");
    if (in_section && sep != std::string_view::npos) {
      values[to_lower(trim(text.substr(0, sep)))] = std::string(trim(text.substr(sep + 1)));
    }
  }
  return values;
}

// configparser interpolation of %(here)s (the ini's directory) and %%.
std::string interpolate(std::string value, const std::string& here) {
  for (auto pos = value.find("%(here)s"); pos != std::string::npos;
       pos = value.find("%(here)s", pos + here.size())) {
    value.replace(pos, 8, here);
  }
  for (auto pos = value.find("%%"); pos != std::string::npos; pos = value.find("%%", pos + 1)) {
    value.replace(pos, 2, "%");
  }
  return value;
}

// A script_location or version location, as a path relative to the root.
std::string resolve(const fs::path& root, const fs::path& ini_dir, std::string location) {
  const auto colon = location.find(':');
  if (colon != std::string::npos && colon > 1) {  // "package.module:dir" resource form
    std::string package = location.substr(0, colon);
    std::replace(package.begin(), package.end(), '.', '/');
    location = package + "/" + location.substr(colon + 1);
  }
  const fs::path path = fs::path(location).is_absolute() ? fs::path(location) : ini_dir / location;
  std::string relative = path.lexically_normal().lexically_relative(root).generic_string();
  while (relative.size() > 1 && relative.back() == '/') {
    relative.pop_back();
  }
  return relative;
}

std::vector<std::string> version_locations(const std::string& value) {
  std::string separated = value;
  std::replace(separated.begin(), separated.end(), ',', ' ');
  std::istringstream words(separated);
  std::vector<std::string> out;
  for (std::string word; words >> word;) {
    out.push_back(word);
  }
  return out;
}

AlembicSetup setup_from_ini(const fs::path& root, const std::string& ini) {
  const fs::path ini_dir = (root / ini).parent_path();
  const std::string here = ini_dir.string();
  const auto values = read_alembic_section(root / ini);
  AlembicSetup setup{ini, {}, false, {}};
  std::string script;
  if (const auto it = values.find("script_location"); it != values.end()) {
    script = resolve(root, ini_dir, interpolate(it->second, here));
  } else if (path_exists(ini_dir / "env.py")) {  // Flask-Migrate passes the directory itself
    script = resolve(root, ini_dir, ".");
  } else {
    setup.problem = ini + " has no script_location in its [alembic] section";
    return setup;
  }
  if (const auto it = values.find("version_locations"); it != values.end()) {
    for (const auto& location : version_locations(interpolate(it->second, here))) {
      setup.version_dirs.push_back(resolve(root, ini_dir, location));
    }
  } else {
    setup.version_dirs.push_back(script == "." ? "versions" : script + "/versions");
  }
  const auto recursive = values.find("recursive_version_locations");
  setup.recursive = recursive != values.end() && iequals(recursive->second, "true");
  return setup;
}

}  // namespace

std::vector<AlembicSetup> find_alembic_setups(const fs::path& root) {
  std::vector<std::string> inis;
  collect_inis(root, root, 0, inis);
  std::vector<AlembicSetup> setups;
  std::set<std::vector<std::string>> seen;
  for (const auto& ini : inis) {
    AlembicSetup setup = setup_from_ini(root, ini);
    if (setup.problem.empty() && !seen.insert(setup.version_dirs).second) {
      continue;
    }
    setups.push_back(std::move(setup));
  }
  if (setups.empty() &&
      (path_exists(root / "alembic" / "env.py") || path_exists(root / "alembic" / "versions"))) {
    setups.push_back(AlembicSetup{"alembic/", {"alembic/versions"}, false, {}});
  }
  return setups;
}

std::vector<std::string> migration_scripts(const fs::path& root, const AlembicSetup& setup) {
  std::vector<std::string> scripts;
  for (const auto& dir : setup.version_dirs) {
    std::error_code ec;
    const auto options = fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root / dir, options, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_directory(ec)) {
        if (!setup.recursive || name == "__pycache__") {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (name.size() > 3 && name.substr(name.size() - 3) == ".py" &&
          name.rfind("__init__", 0) != 0 && name.rfind(".#", 0) != 0) {
        scripts.push_back(it->path().lexically_relative(root).generic_string());
      }
    }
  }
  std::sort(scripts.begin(), scripts.end());
  scripts.erase(std::unique(scripts.begin(), scripts.end()), scripts.end());
  return scripts;
}

}  // namespace shipcheck::checks

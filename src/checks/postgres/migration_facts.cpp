// Migration files as PG003 and PG004 read them (see migration_facts.h).
#include "checks/postgres/migration_facts.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/repo/alembic_setup.h"

namespace shipcheck::checks::pg {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_script_bytes = 4 << 20;
constexpr int k_max_depth = 6;
constexpr int k_max_entries = 20000;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(k_max_script_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// Parents before children: a depth-first walk from each head down its down_revisions.
std::vector<alembic::Revision> upgrade_order(std::vector<alembic::Revision> revisions,
                                             const std::vector<std::string>& heads) {
  std::map<std::string, const alembic::Revision*> by_id;
  for (const auto& r : revisions) {
    by_id.emplace(r.id, &r);
  }
  std::vector<alembic::Revision> ordered;
  std::set<std::string> seen;
  const std::function<void(const std::string&)> visit = [&](const std::string& id) {
    const auto it = by_id.find(id);
    if (it == by_id.end() || !seen.insert(id).second) {
      return;
    }
    for (const auto& parent : it->second->down_revisions) {
      visit(parent);
    }
    ordered.push_back(*it->second);
  };
  for (const auto& head : heads) {
    visit(head);
  }
  return ordered;
}

// Directories a walk of the project never enters: dependencies and VCS data.
bool skipped_dir(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return (!name.empty() && name.front() == '.') || name == "node_modules" || name == "venv" ||
         name == "__pycache__" || name == "site-packages" || name == "dist" || name == "build";
}

// Calls `visit` on every regular file under `root` (bounded depth and count).
void walk_files(const fs::path& root, const std::function<void(const fs::path&)>& visit) {
  std::error_code ec;
  int entries = 0;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (++entries > k_max_entries) {
      return;
    }
    if (it->is_directory(ec)) {
      if (skipped_dir(it->path()) || it.depth() >= k_max_depth) {
        it.disable_recursion_pending();
      }
    } else if (it->is_regular_file(ec)) {
      visit(it->path());
    }
  }
}

}  // namespace

std::optional<AlembicState> alembic_state(const fs::path& root) {
  const auto setups = find_alembic_setups(root);
  if (setups.empty()) {
    return std::nullopt;
  }
  const AlembicSetup& setup = setups.front();
  AlembicState state;
  state.where = fmt::format("{}", fmt::join(setup.version_dirs, ", "));
  if (!setup.problem.empty()) {
    state.problem = setup.problem;
    return state;
  }
  std::vector<alembic::Revision> revisions;
  for (const std::string& script : migration_scripts(root, setup)) {
    auto parsed = alembic::parse_revision(read_text(root / script), script);
    if (!parsed) {
      state.problem = fmt::format("cannot read migration: {}", parsed.error().to_string());
      return state;
    }
    revisions.push_back(std::move(*parsed));
  }
  const alembic::Graph graph = alembic::analyze(revisions);
  state.heads = graph.heads;
  if (revisions.empty()) {
    state.problem = fmt::format("{} holds no migration scripts", state.where);
  } else if (!graph.cycle.empty() || !graph.duplicates.empty() || !graph.dangling.empty()) {
    state.problem = fmt::format(
        "the revision graph in {} has a cycle, a duplicate or a missing revision", state.where);
  }
  state.revisions = upgrade_order(std::move(revisions), graph.heads);
  return state;
}

std::vector<std::string> alembic_tables(const fs::path& root, const AlembicState& state) {
  static const std::regex k_op(
      R"((create_table|drop_table|rename_table)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["'](?:\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)["'])?)");
  std::vector<std::string> tables;
  for (const auto& revision : state.revisions) {
    std::string text = read_text(root / revision.file);
    text = text.substr(0, text.find("def downgrade"));  // the upgrade's operations only
    for (std::sregex_iterator it(text.begin(), text.end(), k_op), end; it != end; ++it) {
      const std::string op = (*it)[1];
      const std::string name = (*it)[2];
      if (op != "create_table") {
        tables.erase(std::remove(tables.begin(), tables.end(), name), tables.end());
      }
      if (op == "create_table" && std::find(tables.begin(), tables.end(), name) == tables.end()) {
        tables.push_back(name);
      } else if (op == "rename_table" && (*it)[3].matched) {
        tables.push_back((*it)[3]);
      }
    }
  }
  return tables;
}

std::optional<int> steps_behind(const AlembicState& state, const std::string& from,
                                const std::string& head) {
  std::map<std::string, const alembic::Revision*> by_id;
  for (const auto& r : state.revisions) {
    by_id.emplace(r.id, &r);
  }
  // Breadth-first down from the head: the first time `from` is met is the shortest path.
  std::vector<std::string> level{head};
  std::set<std::string> seen{head};
  for (int steps = 0; !level.empty(); ++steps) {
    std::vector<std::string> next;
    for (const auto& id : level) {
      if (id == from) {
        return steps;
      }
      const auto it = by_id.find(id);
      for (const auto& parent :
           it == by_id.end() ? std::vector<std::string>{} : it->second->down_revisions) {
        if (seen.insert(parent).second) {
          next.push_back(parent);
        }
      }
    }
    level = std::move(next);
  }
  return std::nullopt;
}

std::set<std::pair<std::string, std::string>> django_migrations(const fs::path& root) {
  static const std::regex k_name(R"(\d{4}_\w+\.py)");
  std::set<std::pair<std::string, std::string>> found;
  walk_files(root, [&](const fs::path& file) {
    const fs::path dir = file.parent_path();
    const std::string name = file.filename().string();
    std::error_code ec;
    if (dir.filename() == "migrations" && std::regex_match(name, k_name) &&
        fs::exists(dir / "__init__.py", ec)) {
      found.emplace(dir.parent_path().filename().string(), file.stem().string());
    }
  });
  return found;
}

std::set<std::string> numbered_migrations(const fs::path& root) {
  static const std::regex k_sql(R"((\d+)_[^/]*\.up\.sql)");
  static const std::regex k_rails(R"((\d+)_\w+\.rb)");
  std::set<std::string> found;
  walk_files(root, [&](const fs::path& file) {
    const std::string name = file.filename().string();
    const bool rails_dir = file.parent_path().filename() == "migrate" &&
                           file.parent_path().parent_path().filename() == "db";
    std::smatch m;
    if (std::regex_match(name, m, k_sql) || (rails_dir && std::regex_match(name, m, k_rails))) {
      // golang-migrate stores the version as a number: 0001 and 1 are the same.
      std::string version = m[1].str();
      version.erase(0, std::min(version.find_first_not_of('0'), version.size() - 1));
      found.insert(version);
    }
  });
  return found;
}

}  // namespace shipcheck::checks::pg

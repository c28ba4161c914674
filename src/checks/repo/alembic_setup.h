// Where a project keeps its alembic migrations: alembic.ini files (root or two levels
// below) and their script_location / version_locations, or a bare alembic/ directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace shipcheck::checks {

struct AlembicSetup {
  std::string source;                     // "alembic.ini", "backend/alembic.ini" or "alembic/"
  std::vector<std::string> version_dirs;  // root-relative, generic separators
  bool recursive = false;                 // recursive_version_locations = true
  std::string problem;                    // non-empty: the setup cannot be resolved (why)
};

// Every alembic setup under `root`, in path order, each version directory listed once.
// Empty when the project does not use alembic.
std::vector<AlembicSetup> find_alembic_setups(const std::filesystem::path& root);

// Migration scripts of a setup (root-relative, sorted): *.py files of its version
// directories except __init__.py and editor files (alembic's own filter).
std::vector<std::string> migration_scripts(const std::filesystem::path& root,
                                           const AlembicSetup& setup);

}  // namespace shipcheck::checks

// Stack detection for `shipcheck init` and for `run` without a shipcheck.yaml: which
// frameworks, container/orchestration files, migrations and env files a project has.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace shipcheck::config {

struct StackInfo {
  std::vector<std::string>
      frameworks;  // of "fastapi", "django", "express", "nextjs", in that order
  bool dockerfile = false;
  bool compose = false;
  bool kubernetes = false;
  bool alembic = false;
  std::vector<std::string> env_files;  // relative to the root, '/'-separated, sorted
  std::string service_name;            // package name, else the directory's name
  std::string production_env_file;     // the one of env_files production reads; empty = none
  std::vector<std::string> evidence;   // why: "FastAPI: 'fastapi' in backend/requirements.txt"
};

// Looks at `root` and up to 3 directory levels below it (skipping .git, node_modules,
// virtualenvs and build output; at most a few thousand entries, small files only).
// Never throws; an unreadable or missing directory gives an empty StackInfo.
StackInfo detect_stack(const std::filesystem::path& root);

// Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile (any case); a basename.
bool is_dockerfile_name(std::string_view name);
// docker-compose*.y(a)ml, compose.y(a)ml, compose.*.y(a)ml; a basename.
bool is_compose_name(std::string_view name);

// The env file `run` reads: production_env_file, else ".env" if present, else empty.
std::string detected_env_file(const StackInfo& info);

// The Config `run` uses without a shipcheck.yaml: root, service, and env_file = the
// production env file if found, else .env if present.
Config config_from_detection(const StackInfo& info, const std::filesystem::path& root);

// A commented shipcheck.yaml for `init`: what was detected and why, the detected settings,
// and commented-out examples of every other section. load_config_text accepts it.
// With `examples_enabled` the examples are written uncommented (tests load that too).
std::string render_init_yaml(const StackInfo& info, bool examples_enabled = false);

}  // namespace shipcheck::config

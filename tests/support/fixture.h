// Test support: temporary project directories, files, git, and a Context to run checks on.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "checks/context.h"
#include "config/config.h"
#include "core/check.h"
#include "core/result.h"

namespace shipcheck::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to `relative` (parent directories created); returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path m_path;
};

// Runs `git <args>` in `dir` (quiet, fixed author and date); throws on a non-zero exit.
void git(const std::filesystem::path& dir, const std::string& args);
// git init + add everything + commit, in `dir`.
void git_commit_all(const std::filesystem::path& dir, const std::string& message = "init");

// Runs a check against `config` (root = config.root); parses config.env_file if set.
std::vector<Result> run_check(const Check& check, const Config& config);

// A Config rooted at `root` with otherwise default values.
Config config_for(const std::filesystem::path& root);

// Runs a shell command; returns its exit code and captures stdout+stderr into `output`.
int run_command(const std::string& command, std::string& output);

// Statuses of `results` joined by ',' ("pass", "fail,fail"), for compact assertions.
std::string statuses(const std::vector<Result>& results);

}  // namespace shipcheck::test

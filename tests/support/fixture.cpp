// Test support implementation.
#include "support/fixture.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

namespace shipcheck::test {

TempDir::TempDir() {
  std::random_device rd;
  m_path = std::filesystem::temp_directory_path() / fmt::format("shipcheck-test-{:x}", rd());
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(const std::string& relative,
                                     const std::string& content) const {
  const auto full = m_path / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << content;
  return full;
}

int run_command(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    throw std::runtime_error("popen failed: " + command);
  }
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

void git(const std::filesystem::path& dir, const std::string& args) {
  const std::string command = fmt::format(
      "cd '{}' && GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t "
      "GIT_COMMITTER_EMAIL=t@example.invalid GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' "
      "GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' git -c init.defaultBranch=main "
      "-c commit.gpgsign=false {}",
      dir.string(), args);
  std::string output;
  if (run_command(command, output) != 0) {
    throw std::runtime_error("git " + args + " failed: " + output);
  }
}

void git_commit_all(const std::filesystem::path& dir, const std::string& message) {
  if (!std::filesystem::exists(dir / ".git")) {
    git(dir, "init -q");
  }
  git(dir, "add -A");
  git(dir, "commit -q --allow-empty -m '" + message + "'");
}

Config config_for(const std::filesystem::path& root) {
  Config config;
  config.root = root;
  return config;
}

std::vector<Result> run_check(const Check& check, const Config& config) {
  Context ctx{config, config.root, std::nullopt, config.env_file, {}};
  if (!config.env_file.empty() && std::filesystem::exists(config.root / config.env_file)) {
    auto parsed = dotenv::parse_file((config.root / config.env_file).string());
    if (!parsed) {
      throw std::runtime_error(parsed.error().to_string());
    }
    ctx.env = std::move(*parsed);
  }
  return check.run(ctx);
}

std::string statuses(const std::vector<Result>& results) {
  std::string out;
  for (const auto& r : results) {
    if (!out.empty()) {
      out += ',';
    }
    out += to_string(r.status);
  }
  return out;
}

}  // namespace shipcheck::test

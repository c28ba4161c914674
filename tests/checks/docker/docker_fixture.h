// Test support for the DKR family: Dockerfile sources parsed from inline text, and a temp
// project to run a rule end to end through infra::infra_files().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "checks/docker/docker_rule.h"
#include "support/fixture.h"

namespace shipcheck::test {

// `text` parsed as the Dockerfile at `path`; `dockerignore` lines when given.
inline checks::infra::DockerfileSource dockerfile(
    const std::string& text, const std::string& path = "Dockerfile",
    std::optional<std::vector<std::string>> dockerignore = std::vector<std::string>{".env*",
                                                                                    ".git"}) {
  auto source = checks::infra::parse_dockerfile(path, text);
  if (dockerignore) {
    source.dockerignore_path = ".dockerignore";
    source.dockerignore_lines = std::move(*dockerignore);
  }
  return source;
}

// The rule's results on one Dockerfile.
inline std::vector<Result> check(const checks::DockerRule& rule, const std::string& text) {
  return rule.check({dockerfile(text)});
}

// Location line of each result, joined by ',' ("3,7").
inline std::string lines(const std::vector<Result>& results) {
  std::string out;
  for (const auto& r : results) {
    out += (out.empty() ? "" : ",") + std::to_string(r.location ? r.location->line : -1);
  }
  return out;
}

}  // namespace shipcheck::test

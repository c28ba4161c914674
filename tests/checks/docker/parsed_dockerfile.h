// Test support for the DKR checks: a Dockerfile text parsed into the DockerfileSource a
// run would give the check, and the check run on it directly (no project on disk).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "checks/docker/docker_rule.h"
#include "checks/infra_files.h"
#include "core/result.h"
#include "engines/dockerfile/dockerfile.h"

namespace shipcheck::test {

inline checks::infra::DockerfileSource parsed_dockerfile(std::string_view text,
                                                         std::string path = "Dockerfile") {
  return checks::infra::parse_dockerfile(std::move(path), text);
}

inline std::vector<Result> check_dockerfile(const checks::DockerRule& rule, std::string_view text) {
  return rule.check({parsed_dockerfile(text)});
}

// The lines the results point at, joined by ',' ("3,7"), for compact assertions.
inline std::string result_lines(const std::vector<Result>& results) {
  std::string out;
  for (const Result& r : results) {
    out += (out.empty() ? "" : ",") +
           (r.location ? std::to_string(r.location->line) : std::string("-"));
  }
  return out;
}

}  // namespace shipcheck::test

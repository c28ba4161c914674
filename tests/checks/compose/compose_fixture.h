// Test support for the CMP rules: compose files parsed in memory, fed to check(files).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/infra_files.h"
#include "core/result.h"
#include "engines/yaml/document.h"
#include "support/fixture.h"

namespace shipcheck::test {

// A compose file as infra_files() would hold it: parsed, or with its parse error.
inline checks::infra::YamlSource compose_source(std::string path, std::string_view text) {
  checks::infra::YamlSource source;
  source.path = std::move(path);
  auto parsed = yaml::parse(text, source.path);
  if (parsed) {
    source.stream = std::move(*parsed);
  } else {
    source.error = parsed.error();
  }
  return source;
}

inline std::vector<checks::infra::YamlSource> compose_files(std::string_view text) {
  std::vector<checks::infra::YamlSource> files;
  files.push_back(compose_source("docker-compose.yml", text));
  return files;
}

// Runs a rule's check(files) on one compose file's text.
template <class Rule>
std::vector<Result> check_compose(const Rule& rule, std::string_view text) {
  return rule.check(compose_files(text));
}

// "line:column" of each result, joined by ',' (compact location assertions).
inline std::string locations(const std::vector<Result>& results) {
  std::string out;
  for (const Result& result : results) {
    if (!out.empty()) {
      out += ',';
    }
    out += result.location ? std::to_string(result.location->line) + ":" +
                                 std::to_string(result.location->column)
                           : "-";
  }
  return out;
}

}  // namespace shipcheck::test

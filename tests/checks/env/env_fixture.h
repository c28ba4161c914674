// Test support for the env family: a temp project with an env file, and leak assertions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::test {

// A project directory holding `.env.production` (or `env_name`) with `env_text`.
class EnvProject {
 public:
  explicit EnvProject(const std::string& env_text, const std::string& env_name = ".env.production")
      : m_config(config_for(m_dir.path())) {
    m_dir.write(env_name, env_text);
    m_config.env_file = env_name;
  }

  const TempDir& dir() const { return m_dir; }
  Config& config() { return m_config; }
  std::vector<Result> run(const Check& check) const { return run_check(check, m_config); }

 private:
  TempDir m_dir;
  Config m_config;
};

// Asserts that no text field of any result contains `secret`.
inline void expect_no_leak(const std::vector<Result>& results, std::string_view secret) {
  for (const auto& r : results) {
    for (const std::string* field :
         {&r.message, &r.evidence, &r.target, &r.remediation, &r.title, &r.fingerprint}) {
      EXPECT_EQ(field->find(secret), std::string::npos) << r.rule << " leaks: " << *field;
    }
    if (r.location) {
      EXPECT_EQ(r.location->file.find(secret), std::string::npos) << r.location->file;
    }
  }
}

// All messages joined by '\n', for "contains" assertions.
inline std::string messages(const std::vector<Result>& results) {
  std::string out;
  for (const auto& r : results) {
    out += r.message + "\n";
  }
  return out;
}

}  // namespace shipcheck::test

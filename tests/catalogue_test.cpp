// The catalogue: every registered rule has its page (with the shared skeleton, matching
// severity) and its two tests (a FailsWhen... and a PassesWith... in suite <Class> or <Class>Test),
// and ids are well-formed, unique and not retired.
#include <cxxabi.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/registry.h"

namespace shipcheck {
namespace {

const std::filesystem::path k_docs = std::filesystem::path(SHIPCHECK_TESTS_DIR) / ".." / "docs";

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string class_name(const Check& check) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(typeid(check).name(), nullptr, nullptr, &status), std::free);
  std::string full = status == 0 ? name.get() : typeid(check).name();
  return full.substr(full.rfind(':') + 1);
}

// Test names in suite `suite`, from gtest's own registry.
std::vector<std::string> tests_of(const std::string& suite) {
  std::vector<std::string> names;
  const auto* unit = ::testing::UnitTest::GetInstance();
  for (int i = 0; i < unit->total_test_suite_count(); ++i) {
    const auto* s = unit->GetTestSuite(i);
    if (s->name() != suite) {
      continue;
    }
    for (int j = 0; j < s->total_test_count(); ++j) {
      names.emplace_back(s->GetTestInfo(j)->name());
    }
  }
  return names;
}

bool any_starts_with(const std::vector<std::string>& names, const std::string& prefix) {
  return std::any_of(names.begin(), names.end(),
                     [&](const auto& n) { return n.rfind(prefix, 0) == 0; });
}

class Catalogue : public ::testing::Test {
 protected:
  void SetUp() override { register_all(m_registry); }
  Registry m_registry;
};

TEST_F(Catalogue, IdsAreWellFormedUniqueAndNotRetired) {
  const std::regex id_pattern("[A-Z][A-Z0-9]{0,3}[A-Z][0-9]{3}");  // ENV004, K8S004
  const std::string retired = read(k_docs / "rules" / "RETIRED.md");
  std::set<std::string> seen;
  ASSERT_FALSE(m_registry.checks().empty());
  for (const auto& check : m_registry.checks()) {
    const std::string& id = check->info().id;
    EXPECT_TRUE(std::regex_match(id, id_pattern)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate id " << id;
    EXPECT_EQ(retired.find("| " + id + " "), std::string::npos) << id << " is retired";
    EXPECT_FALSE(check->info().title.empty()) << id;
    EXPECT_FALSE(check->info().family.empty()) << id;
  }
}

TEST_F(Catalogue, EveryRuleHasItsPage) {
  for (const auto& check : m_registry.checks()) {
    const RuleInfo& info = check->info();
    const auto page = k_docs / "rules" / (info.id + ".md");
    ASSERT_TRUE(std::filesystem::exists(page)) << "missing " << page;
    const std::string text = read(page);
    EXPECT_EQ(text.rfind("# " + info.id + ": ", 0), 0U) << info.id << ": title line";
    EXPECT_NE(text.find("**Severity:** " + std::string(to_string(info.severity))),
              std::string::npos)
        << info.id << ": page severity differs from the registry";
    for (const char* heading :
         {"## What it checks", "## Why it matters", "## How to fix", "## How to suppress",
          "## Seed checklist items covered", "## Phrases"}) {
      EXPECT_NE(text.find(heading), std::string::npos) << info.id << " lacks " << heading;
    }
  }
}

TEST_F(Catalogue, EveryRuleHasTestsForBothVerdicts) {
  for (const auto& check : m_registry.checks()) {
    const std::string suite = class_name(*check);
    auto names = tests_of(suite);
    const auto suffixed = tests_of(suite + "Test");
    names.insert(names.end(), suffixed.begin(), suffixed.end());
    EXPECT_TRUE(any_starts_with(names, "FailsWhen"))
        << check->info().id << ": no " << suite << ".FailsWhen... test";
    EXPECT_TRUE(any_starts_with(names, "PassesWith"))
        << check->info().id << ": no " << suite << ".PassesWith... test";
  }
}

}  // namespace
}  // namespace shipcheck

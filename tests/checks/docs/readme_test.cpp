// DOC001 readme: a README with at least ten non-empty lines.
#include "checks/docs/readme.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

std::string lines(int n) {
  std::string out = "# Service\n\n";
  for (int i = 1; i < n; ++i) {
    out += "line " + std::to_string(i) + "\n\n";
  }
  return out;
}

TEST(ReadmeTest, FailsWhenThereIsNoReadme) {
  TempDir dir;
  dir.write("docs/README.md", lines(20));
  const auto results = run_check(Readme(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no README at the project root");
}

TEST(ReadmeTest, FailsWhenTheReadmeIsAStub) {
  TempDir dir;
  dir.write("README.md", lines(9));
  const auto results = run_check(Readme(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "README.md has only 9 non-empty lines (at least 10 expected)");
  EXPECT_EQ(results[0].location->file, "README.md");
}

TEST(ReadmeTest, FailsWhenTheConfiguredReadmeIsMissing) {
  TempDir dir;
  dir.write("README.md", lines(20));
  auto config = config_for(dir.path());
  config.docs.readme = "docs/overview.md";
  const auto results = run_check(Readme(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "docs.readme names docs/overview.md, which does not exist");
}

TEST(ReadmeTest, PassesWithTenNonEmptyLines) {
  TempDir dir;
  dir.write("readme.rst", lines(10));
  const auto results = run_check(Readme(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "readme.rst has 10 non-empty lines");
}

TEST(ReadmeTest, PassesWithTheConfiguredReadme) {
  TempDir dir;
  dir.write("docs/overview.md", lines(12));
  auto config = config_for(dir.path());
  config.docs.readme = "docs/overview.md";
  EXPECT_EQ(statuses(run_check(Readme(), config)), "pass");
}

}  // namespace
}  // namespace shipcheck::checks

// CMP001: compose files parse and have services as a map of maps.
#include "checks/compose/compose_parses.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeParses k_parses;

TEST(ComposeParses, FailsWhenAFileDoesNotParse) {
  std::vector<checks::infra::YamlSource> files;
  files.push_back(compose_source("a.yml", "services:\n  web:\n    image: nginx\n   ports: []\n"));
  files.push_back(compose_source("b.yml", "services:\n  web: {image: nginx:1}\n"));
  files.push_back(compose_source("c.yml", "services:\n  web:\n    image: a\n    image: b\n"));
  const auto results = k_parses.check(files);
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "CMP001");
  EXPECT_EQ(results[0].severity, Severity::high);
  EXPECT_EQ(results[0].location->file, "a.yml");
  EXPECT_EQ(results[0].location->line, 4);
  EXPECT_EQ(results[1].location->file, "c.yml");
  EXPECT_EQ(locations({results[1]}), "4:5");
  EXPECT_EQ(results[1].message, "compose file does not parse: duplicate key 'image'");
}

TEST(ComposeParses, FailsWhenAServiceIsNotAMap) {
  const auto results = check_compose(k_parses, "services:\n  web: nginx:1\n");
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(locations(results), "2:8");
  EXPECT_EQ(results[0].message, "not a valid compose file: service 'web' is not a map of settings");
}

TEST(ComposeParses, FailsOnAnEmptyFile) {
  EXPECT_EQ(statuses(check_compose(k_parses, "")), "fail");
}

TEST(ComposeParses, PassesWithValidFiles) {
  const auto results =
      check_compose(k_parses, "services:\n  web: {image: nginx:1}\n  db: {image: pg}\n");
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "1 compose file parses, 2 services in all");
  EXPECT_EQ(results[0].location->file, "docker-compose.yml");
}

TEST(ComposeParses, SkipsWithoutComposeFiles) {
  EXPECT_EQ(statuses(k_parses.check({})), "skip");
}

// run() finds the project's compose files by name through infra_files().
TEST(ComposeParses, FailsWhenRunOnAProjectWithABrokenOverride) {
  TempDir dir;
  dir.write("docker-compose.yml", "services:\n  api: {image: api:1.0}\n");
  dir.write("docker-compose.override.yml", "services:\n  api:\n    environment:\n      A: [x\n");
  const auto results = run_check(k_parses, config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->file, "docker-compose.override.yml");
  EXPECT_EQ(locations(results), "4:12");
}

}  // namespace
}  // namespace shipcheck::test

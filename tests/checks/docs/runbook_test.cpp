// DOC002 runbook: an operations runbook exists.
#include "checks/docs/runbook.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

TEST(RunbookTest, FailsWhenThereIsNoRunbook) {
  TempDir dir;
  dir.write("README.md", "# x\n");
  dir.write("docs/architecture.md", "# Architecture\n");
  dir.write("RUNBOOK.md", "\n\n");  // empty: does not count
  const auto results = run_check(Runbook(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no runbook found");
  EXPECT_NE(results[0].evidence.find("docs/runbook*.md"), std::string::npos);
}

TEST(RunbookTest, FailsWhenTheConfiguredRunbookIsMissing) {
  TempDir dir;
  dir.write("RUNBOOK.md", "# Runbook\n");
  auto config = config_for(dir.path());
  config.docs.runbook = "ops/oncall.md";
  const auto results = run_check(Runbook(), config);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->file, "ops/oncall.md");
}

TEST(RunbookTest, PassesWithRunbookAtTheRoot) {
  TempDir dir;
  dir.write("Runbook.md", "# Runbook\n## Restart\n");
  const auto results = run_check(Runbook(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "runbook: Runbook.md");
}

TEST(RunbookTest, PassesWithDocsRunbookFilesOrDirectories) {
  TempDir first;
  first.write("docs/RUNBOOK-oncall.md", "# On call\n");
  EXPECT_EQ(run_check(Runbook(), config_for(first.path()))[0].message,
            "runbook: docs/RUNBOOK-oncall.md");
  TempDir second;
  second.write("docs/runbooks/db/failover.md", "# Failover\n");
  EXPECT_EQ(run_check(Runbook(), config_for(second.path()))[0].message,
            "runbook: docs/runbooks/db/failover.md");
}

TEST(RunbookTest, PassesWithTheConfiguredDirectory) {
  TempDir dir;
  dir.write("ops/playbooks/deploy.md", "# Deploy\n");
  auto config = config_for(dir.path());
  config.docs.runbook = "ops/playbooks";
  const auto results = run_check(Runbook(), config);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "runbook: ops/playbooks/deploy.md");
}

}  // namespace
}  // namespace shipcheck::checks

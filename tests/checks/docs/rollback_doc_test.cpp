// DOC004 rollback_doc: the rollback procedure is written down.
#include "checks/docs/rollback_doc.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

TEST(RollbackDocTest, FailsWhenNoRollbackProcedureIsWritten) {
  TempDir dir;
  dir.write("README.md", "# API\n\n```sh\n# Rollback\ngit revert HEAD\n```\n");
  dir.write("DEPLOY.md", "# Deploy\n\nRoll back by redeploying.\n");
  const auto results = run_check(RollbackDoc(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no rollback procedure found");
}

TEST(RollbackDocTest, FailsWhenTheConfiguredDocIsMissing) {
  TempDir dir;
  dir.write("ROLLBACK.md", "# Rollback\n");
  auto config = config_for(dir.path());
  config.docs.rollback = "ops/rollback.md";
  EXPECT_EQ(statuses(run_check(RollbackDoc(), config)), "fail");
}

TEST(RollbackDocTest, PassesWithRollbackFile) {
  TempDir dir;
  dir.write("docs/rollback-procedure.md", "Steps: ...\n");
  const auto results = run_check(RollbackDoc(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "rollback procedure: docs/rollback-procedure.md");
}

TEST(RollbackDocTest, PassesWithARollbackHeading) {
  TempDir dir;
  dir.write("README.md", "# API\n\ntext\n");
  dir.write("DEPLOYMENT_CHECKLIST.md", "# Deployment\n\nsteps\n\nRollback Plan\n-------------\n");
  const auto results = run_check(RollbackDoc(), config_for(dir.path()));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "rollback procedure: DEPLOYMENT_CHECKLIST.md:5 (Rollback Plan)");
}

TEST(RollbackDocTest, PassesWithAHeadingInTheRunbooksDirectory) {
  TempDir dir;
  dir.write("docs/runbooks/deploy.md", "# Deploy\n\n## How to roll back\n");
  EXPECT_EQ(statuses(run_check(RollbackDoc(), config_for(dir.path()))), "pass");
}

}  // namespace
}  // namespace shipcheck::checks

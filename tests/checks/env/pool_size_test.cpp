// ENV012: database pool sizes are within bounds.
#include "checks/env/pool_size.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(PoolSize, FailsWhenPoolIsZeroOrOverflowTooLarge) {
  EnvProject project("DATABASE_POOL_SIZE=0\nDATABASE_MAX_OVERFLOW=500\n");
  const auto results = project.run(checks::PoolSize());
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "DATABASE_POOL_SIZE is 0, outside 1..100");
  EXPECT_EQ(results[1].message, "DATABASE_MAX_OVERFLOW is 500, outside 0..200");
  EXPECT_EQ(results[1].location->line, 2);
}

TEST(PoolSize, FailsWhenNotAnInteger) {
  EnvProject project("DB_POOL_SIZE=twenty\n");
  const auto results = project.run(checks::PoolSize());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "DB_POOL_SIZE is not an integer");
}

TEST(PoolSize, PassesWithSeedValues) {
  EnvProject project("DATABASE_POOL_SIZE=20\nDATABASE_MAX_OVERFLOW=40\n");
  const auto results = project.run(checks::PoolSize());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("DATABASE_POOL_SIZE=20 (1..100)"), std::string::npos);
}

TEST(PoolSize, HonoursConfiguredBounds) {
  EnvProject project("POOL_SIZE=20\n");
  project.config().env.pool_max = 10;
  EXPECT_EQ(statuses(project.run(checks::PoolSize())), "fail");
}

TEST(PoolSize, SkipsWhenUnset) {
  EnvProject project("DEBUG=false\n");
  EXPECT_EQ(statuses(project.run(checks::PoolSize())), "skip");
}

}  // namespace
}  // namespace shipcheck::test

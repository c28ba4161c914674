// Helpers of the DKR family: resolvability, stages, evidence.
#include "checks/docker/docker_util.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "support/secret_samples.h"

namespace shipcheck::test {
namespace {

namespace docker = checks::docker;

TEST(DkrUtil, Resolvable) {
  const std::map<std::string, std::string> vars{{"A", "1"}};
  EXPECT_TRUE(docker::resolvable("x$A${A}", vars));
  EXPECT_TRUE(docker::resolvable("${B:-d}${B-d}", vars));
  EXPECT_FALSE(docker::resolvable("$B", vars));
  EXPECT_FALSE(docker::resolvable("${B}", vars));
  EXPECT_TRUE(docker::resolvable("\\$B", vars));
  EXPECT_TRUE(docker::resolvable("price $ 5", vars));
}

TEST(DkrUtil, FinalChainAndBaseImages) {
  const auto source =
      dockerfile("FROM a:1 AS one\nFROM b:2 AS two\nFROM one AS three\nFROM three\n");
  ASSERT_TRUE(source.file);
  const auto chain = docker::final_chain(*source.file);
  ASSERT_EQ(chain.size(), 3U);
  EXPECT_EQ(chain[2]->name, "one");
  EXPECT_FALSE(docker::in_final_image(*source.file, 1));
  EXPECT_EQ(docker::base_images(*source.file).size(), 2U);
}

TEST(DkrUtil, EvidenceCollapsesCutsAndRedacts) {
  EXPECT_EQ(docker::evidence("RUN a \\\n   && b"), "RUN a \\ && b");
  EXPECT_EQ(docker::evidence(std::string(200, 'x'), 10), "xxxxxxxxxx…");
  const std::string token = random_alnum(36, 9);
  const std::string shown = docker::evidence("RUN curl -H 'Authorization: Bearer " + token + "'");
  EXPECT_EQ(shown.find(token), std::string::npos);
  EXPECT_NE(shown.find(token.substr(0, 4) + "…(36)"), std::string::npos);
  const std::string digest = "sha256:" + std::string(32, 'a') + std::string(32, '9');
  EXPECT_NE(docker::evidence("FROM a@" + digest).find(digest), std::string::npos);
}

TEST(DkrUtil, KeyValues) {
  const auto source =
      dockerfile("FROM a:1\nENV A=1 B=\"two words\"\nENV LEGACY some value\nARG X\n");
  ASSERT_TRUE(source.file);
  const auto& ins = source.file->instructions;
  const auto env = docker::key_values(ins[1]);
  ASSERT_EQ(env.size(), 2U);
  EXPECT_EQ(env[1].value, "two words");
  const auto legacy = docker::key_values(ins[2]);
  ASSERT_EQ(legacy.size(), 1U);
  EXPECT_EQ(legacy[0].key, "LEGACY");
  EXPECT_EQ(legacy[0].value, "some value");
  EXPECT_FALSE(docker::key_values(ins[3])[0].has_value);
}

}  // namespace
}  // namespace shipcheck::test

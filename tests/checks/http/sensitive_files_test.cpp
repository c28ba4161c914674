#include "checks/http/sensitive_files.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(SensitiveFilesHiddenTest, FailsWhenTheRepositoryAndEnvFileAreServed) {
  const auto results = test::run_site(
      SensitiveFilesHidden(),
      "location = /.git/HEAD { return 200 'ref: refs/heads/main\\n'; }\n"
      "location = /.env { return 200 'DB_PASSWORD=planted-env-password-4711\\nSECRET_KEY=x\\n'; }\n"
      "location / { return 404; }\n");
  ASSERT_EQ(test::statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "the git repository (/.git/) is served at /.git/HEAD");
  EXPECT_EQ(results[1].message, "an env file (/.env) is served at /.env");
  for (const auto& r : results) {
    EXPECT_EQ((r.message + r.evidence).find("planted-env-password"), std::string::npos);
  }
}

TEST(SensitiveFilesHiddenTest, PassesWithDotFilesDenied) {
  const auto results = test::run_site(SensitiveFilesHidden(),
                                      "location ~ /\\. { return 404; }\n"
                                      "location / { return 200 'app'; }\n");
  ASSERT_EQ(test::statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::checks

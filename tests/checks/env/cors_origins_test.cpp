// ENV008: CORS origins are explicit https origins.
#include "checks/env/cors_origins.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(CorsOrigins, FailsWhenWildcard) {
  EnvProject project("CORS_ORIGINS=*\n");
  const auto results = project.run(checks::CorsOrigins());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "CORS_ORIGINS allows any origin (*)");
  EXPECT_EQ(results[0].location->line, 1);
}

TEST(CorsOrigins, FailsWhenAnOriginIsPlainHttp) {
  EnvProject project("ALLOWED_ORIGINS=https://app.example.com, http://localhost:3000\n");
  const auto results = project.run(checks::CorsOrigins());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "ALLOWED_ORIGINS has non-https origins: http://localhost:3000");
}

TEST(CorsOrigins, FailsWhenJsonListHasWildcard) {
  EnvProject project("BACKEND_CORS_ORIGINS='[\"https://a.example.com\", \"*\"]'\n");
  EXPECT_EQ(statuses(project.run(checks::CorsOrigins())), "fail");
}

TEST(CorsOrigins, FailsWhenJsonIsBroken) {
  EnvProject project("CORS_ORIGINS='[\"https://a.example.com\"'\n");
  const auto results = project.run(checks::CorsOrigins());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "CORS_ORIGINS is not a list of origins");
}

TEST(CorsOrigins, FailsWhenListDiffersFromConfig) {
  EnvProject project("CORS_ORIGINS=https://app.example.com,https://old.example.com\n");
  project.config().cors.allowed_origins = {"https://app.example.com", "https://admin.example.com"};
  const auto results = project.run(checks::CorsOrigins());
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("missing: https://admin.example.com"), std::string::npos);
  EXPECT_NE(results[0].message.find("unexpected: https://old.example.com"), std::string::npos);
}

TEST(CorsOrigins, PassesWithHttpsOrigins) {
  EnvProject project("CORS_ORIGINS=https://cidadao.ai,https://app.cidadao.ai\n");
  const auto results = project.run(checks::CorsOrigins());
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].evidence.find("https://app.cidadao.ai"), std::string::npos);
}

TEST(CorsOrigins, PassesWhenListEqualsConfigAsASet) {
  EnvProject project(
      "CORS_ALLOWED_ORIGINS='[\"https://B.example.com/\", \"https://a.example.com\"]'\n");
  project.config().cors.allowed_origins = {"https://a.example.com", "https://b.example.com"};
  EXPECT_EQ(statuses(project.run(checks::CorsOrigins())), "pass");
}

TEST(CorsOrigins, SkipsWhenNoOriginVariable) {
  EnvProject project("DEBUG=false\n");
  EXPECT_EQ(statuses(project.run(checks::CorsOrigins())), "skip");
}

}  // namespace
}  // namespace shipcheck::test

#include "checks/http/docs_exposed.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

TEST(DocsNotExposedTest, FailsWhenSwaggerUiIsServed) {
  const auto results =
      test::run_site(DocsNotExposed(),
                     "location = /docs { return 200 '<html><title>Swagger UI</title>'; }\n"
                     "location / { return 404; }\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "API documentation is served at /docs");
  EXPECT_NE(results[0].target.find("/docs"), std::string::npos);
}

TEST(DocsNotExposedTest, FailsWhenGraphqlIntrospectionAnswers) {
  const auto results = test::run_site(
      DocsNotExposed(),
      "location = /graphql { return 200 '{\"data\":{\"__schema\":{\"queryType\":{}}}}'; }\n"
      "location / { return 404; }\n");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_EQ(results[0].message, "GraphQL introspection answers at /graphql");
}

TEST(DocsNotExposedTest, PassesWithDocsOffBehindACatchAllPage) {
  const auto results =
      test::run_site(DocsNotExposed(), "location / { return 200 '<html>the app</html>'; }\n");
  ASSERT_EQ(test::statuses(results), "pass");
}

TEST(DocsNotExposedTest, ChecksTheConfiguredPaths) {
  const auto results = test::run_site(
      DocsNotExposed(), "location = /internal/api { return 200 '{\"openapi\": \"3.1.0\"}'; }\n",
      [](Config& c) { c.endpoints.docs = {"/internal/api"}; });
  ASSERT_EQ(test::statuses(results), "fail");
}

}  // namespace
}  // namespace shipcheck::checks

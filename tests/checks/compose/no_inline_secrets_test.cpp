// CMP008: no literal secrets in compose environment.
#include "checks/compose/no_inline_secrets.h"

#include <gtest/gtest.h>

#include "checks/compose/compose_fixture.h"

namespace shipcheck::test {
namespace {

const checks::compose::ComposeNoInlineSecrets k_no_inline_secrets;

TEST(ComposeNoInlineSecrets, FailsWhenASecretIsLiteral) {
  const auto results = check_compose(k_no_inline_secrets, R"(services:
  api:
    image: api:1
    environment:
      LOG_LEVEL: info
      SECRET_KEY: k3J9xQ2mP8vL5nR7tY1wZ4bC6dF0gH2j
  db:
    image: postgres:16
    environment:
      - POSTGRES_USER=app
      - POSTGRES_PASSWORD=Sup3rS3cretPassw0rd!
)");
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].rule, "CMP008");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message, "service 'api' sets SECRET_KEY to a literal secret");
  EXPECT_EQ(results[1].message, "service 'db' sets POSTGRES_PASSWORD to a literal secret");
  EXPECT_EQ(locations(results), "6:19,11:9");
  for (const Result& result : results) {
    EXPECT_EQ(result.evidence.find("k3J9xQ2mP8"), std::string::npos) << result.evidence;
    EXPECT_EQ(result.evidence.find("Sup3rS3cret"), std::string::npos) << result.evidence;
  }
}

TEST(ComposeNoInlineSecrets, PassesWithReferencesAndPassThrough) {
  const auto results = check_compose(k_no_inline_secrets, R"(services:
  api:
    image: api:1
    env_file: .env.production
    environment:
      SECRET_KEY: ${SECRET_KEY}
      DATABASE_URL: postgresql://app@db:5432/app
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
      API_TOKEN:
  db:
    image: postgres:16
    environment: [POSTGRES_PASSWORD, "REDIS_PASSWORD=$REDIS_PASSWORD"]
)");
  EXPECT_EQ(statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::test

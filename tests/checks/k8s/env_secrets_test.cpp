// K8S022: no literal secrets in env values.
#include "checks/k8s/env_secrets.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"
#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sEnvSecrets, FailsWhenAPasswordIsALiteral) {
  const std::string text =
      edit(k_good_manifest, "          env:\n",
           "          env:\n            - {name: SMTP_PASSWORD, value: mailer-Pw-2024x}\n");
  const auto results = run_on(checks::K8sEnvSecrets(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S022");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: env SMTP_PASSWORD has a literal secret value");
  EXPECT_EQ(results[0].location->line, line_of(text, "SMTP_PASSWORD"));
  EXPECT_EQ(results[0].evidence, "SMTP_PASSWORD=mail…(15)");
  expect_no_leak(results, "mailer-Pw-2024x");
}

TEST(K8sEnvSecrets, FailsForAProviderTokenUnderAnyName) {
  // Built from pieces so that the source holds no whole token.
  const std::string token = std::string("sk_live_") + "4eC39HqLyjWDarjtT1zdp7dc9x2L";
  const std::string text =
      edit(k_good_manifest, "          env:\n",
           "          env:\n            - name: UPSTREAM\n              value: " + token + "\n");
  const auto results = run_on(checks::K8sEnvSecrets(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].location->line, line_of(text, "value: sk_live_"));
  expect_no_leak(results, token);
}

TEST(K8sEnvSecrets, PassesWithGoodManifest) {
  // DATABASE_URL comes from secretKeyRef; LOG_LEVEL is no secret.
  EXPECT_EQ(statuses(run_on(checks::K8sEnvSecrets(), k_good_manifest)), "pass");
}

TEST(K8sEnvSecrets, PassesWithReferencesAndPlaceholders) {
  const std::string text = edit(k_good_manifest, "          env:\n",
                                "          env:\n            - {name: API_TOKEN, value: $(TOKEN)}\n"
                                "            - {name: DB_PASSWORD, value: changeme}\n"
                                "            - {name: JWT_SECRET_FILE, value: /run/secrets/jwt}\n");
  EXPECT_EQ(statuses(run_on(checks::K8sEnvSecrets(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test

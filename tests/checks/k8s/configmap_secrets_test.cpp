// K8S018: no secrets in ConfigMaps.
#include "checks/k8s/configmap_secrets.h"

#include <gtest/gtest.h>

#include "checks/env/env_fixture.h"
#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

TEST(K8sConfigMapSecrets, FailsWhenAKeyHoldsAPassword) {
  const std::string text = edit(k_good_manifest, "  LOG_LEVEL: INFO\n  JWT",
                                "  LOG_LEVEL: INFO\n  SMTP_PASSWORD: mailer-Pw-2024x\n  JWT");
  const auto results = run_on(checks::K8sConfigMapSecrets(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S018");
  EXPECT_EQ(results[0].severity, Severity::critical);
  EXPECT_EQ(results[0].message, "ConfigMap todo-api: SMTP_PASSWORD holds a literal secret");
  EXPECT_EQ(results[0].location->line, line_of(text, "SMTP_PASSWORD"));
  EXPECT_EQ(results[0].location->column, 3);
  expect_no_leak(results, "mailer-Pw-2024x");
}

TEST(K8sConfigMapSecrets, FailsWhenAFileInItSetsAPassword) {
  const std::string text = edit(k_good_manifest, "  JWT_ALGORITHM: HS256\n",
                                "  JWT_ALGORITHM: HS256\n  application.properties: |\n"
                                "    server.port=8080\n"
                                "    spring.datasource.password=Xk29sl-aQ0v-77tt\n");
  const auto results = run_on(checks::K8sConfigMapSecrets(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "ConfigMap todo-api: application.properties sets spring.datasource.password to a "
            "literal secret");
  EXPECT_EQ(results[0].location->line, line_of(text, "spring.datasource.password"));
  expect_no_leak(results, "Xk29sl-aQ0v-77tt");
}

TEST(K8sConfigMapSecrets, FailsForACamelCaseKey) {
  const std::string text = edit(k_good_manifest, "  JWT_ALGORITHM: HS256\n",
                                "  JWT_ALGORITHM: HS256\n  smtpPassword: mailer-Pw-2024x\n");
  const auto results = run_on(checks::K8sConfigMapSecrets(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].evidence, "smtpPassword=mail…(15)");
}

TEST(K8sConfigMapSecrets, PassesWithGoodManifest) {
  const auto results = run_on(checks::K8sConfigMapSecrets(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "1 ConfigMap: no literal secret in data (k8s/app.yaml)");
}

TEST(K8sConfigMapSecrets, PassesWithReferencesAndSettingNames) {
  const std::string text = edit(k_good_manifest, "  JWT_ALGORITHM: HS256\n",
                                "  JWT_ALGORITHM: HS256\n  DB_PASSWORD_FILE: /run/secrets/db\n"
                                "  API_KEY_HEADER: X-Api-Key\n  SECRET_KEY: ${SECRET_KEY}\n");
  EXPECT_EQ(statuses(run_on(checks::K8sConfigMapSecrets(), text)), "pass");
}

TEST(K8sConfigMapSecrets, SkipsWithoutConfigMaps) {
  EXPECT_EQ(statuses(run_on(checks::K8sConfigMapSecrets(),
                            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n")),
            "skip");
}

}  // namespace
}  // namespace shipcheck::test

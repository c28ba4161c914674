// K8S020: migrations outside the app container.
#include "checks/k8s/migrations.h"

#include <gtest/gtest.h>

#include "checks/k8s/k8s_fixture.h"

namespace shipcheck::test {
namespace {

constexpr std::string_view k_api_command =
    "          command: [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n";

TEST(K8sMigrations, FailsWhenTheAppCommandRunsAlembic) {
  const std::string text =
      edit(k_good_manifest, k_api_command,
           "          command: [\"sh\", \"-c\", \"alembic upgrade head && exec uvicorn "
           "app.main:app\"]\n");
  const auto results = run_on(checks::K8sMigrations(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].rule, "K8S020");
  EXPECT_EQ(results[0].severity, Severity::medium);
  EXPECT_EQ(results[0].message,
            "Deployment todo-api, container api: runs migrations (alembic upgrade) every time a "
            "replica starts");
  EXPECT_EQ(results[0].location->line, line_of(text, "command: [\"sh\""));
}

TEST(K8sMigrations, FailsWhenArgsRunManagePyMigrate) {
  const std::string text = edit(k_good_manifest, k_api_command,
                                "          command: [\"/bin/sh\", \"-c\"]\n"
                                "          args:\n            - |\n"
                                "              python /app/manage.py migrate --noinput\n"
                                "              exec gunicorn app.wsgi\n");
  const auto results = run_on(checks::K8sMigrations(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("(manage.py migrate)"), std::string::npos);
  EXPECT_EQ(results[0].location->line, line_of(text, "args:"));
}

TEST(K8sMigrations, FailsForPrismaSplitAcrossCommandAndArgs) {
  const std::string text = edit(k_good_manifest, k_api_command,
                                "          command: [npx]\n"
                                "          args: [prisma, migrate, deploy]\n");
  const auto results = run_on(checks::K8sMigrations(), text);
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_NE(results[0].message.find("(prisma migrate deploy)"), std::string::npos);
}

TEST(K8sMigrations, PassesWithGoodManifest) {
  // The good manifest migrates in its initContainer.
  const auto results = run_on(checks::K8sMigrations(), k_good_manifest);
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "1 container in 1 workload: no app container runs database migrations (k8s/app.yaml)");
}

TEST(K8sMigrations, PassesWithAMigrationJob) {
  const std::string text = std::string(k_good_manifest) +
                           "---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\n"
                           "spec:\n  template:\n    spec:\n      restartPolicy: Never\n"
                           "      containers:\n        - name: migrate\n"
                           "          image: app:1.0\n"
                           "          command: [rails, 'db:migrate']\n";
  EXPECT_EQ(statuses(run_on(checks::K8sMigrations(), text)), "pass");
}

TEST(K8sMigrations, PassesWhenTheWordsAreInSeparateCommands) {
  const std::string text =
      edit(k_good_manifest, k_api_command,
           "          command: [\"sh\", \"-c\", \"alembic current; exec upgrade-server\"]\n");
  EXPECT_EQ(statuses(run_on(checks::K8sMigrations(), text)), "pass");
}

}  // namespace
}  // namespace shipcheck::test

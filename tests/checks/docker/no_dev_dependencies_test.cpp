// DKR020: no dev dependencies in the final stage.
#include "checks/docker/no_dev_dependencies.h"

#include <gtest/gtest.h>

#include "checks/docker/docker_fixture.h"
#include "checks/env/env_fixture.h"

namespace shipcheck::test {
namespace {

TEST(DkrNoDevDependencies, FailsWhenTheFinalStageInstallsDevDependencies) {
  const auto results = check(checks::DkrNoDevDependencies(),
                             "FROM node:20 AS build\nRUN npm ci && npm run build\n"
                             "FROM node:20-slim\n"
                             "RUN npm ci\n"
                             "RUN yarn install --frozen-lockfile\n"
                             "RUN pip install -r requirements-dev.txt\n"
                             "RUN poetry install --no-root\n"
                             "RUN pipenv install --dev --system\n"
                             "RUN composer install --optimize-autoloader\n"
                             "RUN pip install -e .[dev]\n");
  ASSERT_EQ(statuses(results), "fail,fail,fail,fail,fail,fail,fail");
  EXPECT_EQ(results[0].rule, "DKR020");
  EXPECT_EQ(results[0].message,
            "npm ci without --omit=dev installs dev dependencies in the final stage");
  EXPECT_EQ(results[1].message,
            "yarn install without --production installs dev dependencies in the final stage");
  EXPECT_EQ(results[2].message,
            "pip install with -r requirements-dev.txt installs dev dependencies in the final "
            "stage");
  EXPECT_EQ(lines(results), "4,5,6,7,8,9,10");
}

TEST(DkrNoDevDependencies, PassesWithProductionSwitchesAndInBuilders) {
  const auto results = check(checks::DkrNoDevDependencies(),
                             "FROM node:20 AS build\nRUN npm ci && yarn install\n"
                             "RUN pip install -r requirements/dev.txt\n"
                             "FROM node:20-slim\n"
                             "RUN npm ci --omit=dev\n"
                             "RUN npm install --production\n"
                             "RUN yarn install --production --frozen-lockfile\n"
                             "RUN pip install -r requirements.txt\n"
                             "RUN poetry install --only main && poetry install --without dev\n"
                             "RUN pipenv install --deploy --system\n"
                             "RUN composer install --no-dev\n"
                             "ENV NODE_ENV=production\n"
                             "RUN npm ci && yarn\n");
  EXPECT_EQ(statuses(results), "pass") << messages(results);
}

}  // namespace
}  // namespace shipcheck::test

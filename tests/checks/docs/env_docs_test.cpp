// DOC003 env_docs: every variable of the env file is documented.
#include "checks/docs/env_docs.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::statuses;
using test::TempDir;

// Runs the check with an env file defining `keys` (one per line, from line 1).
std::vector<Result> run_with_env(const Config& config, const std::vector<std::string>& keys) {
  dotenv::File env;
  int line = 0;
  for (const auto& key : keys) {
    env.entries.push_back(dotenv::Entry{key, "s3cr3t-value", ++line, 1, false, false});
  }
  Context ctx{config, config.root, std::move(env), ".env.production", {}};
  return EnvDocs().run(ctx);
}

TEST(EnvDocsTest, SkipsWithoutAnEnvFile) {
  TempDir dir;
  EXPECT_EQ(statuses(test::run_check(EnvDocs(), config_for(dir.path()))), "skip");
}

TEST(EnvDocsTest, FailsWhenNoEnvironmentDocumentExists) {
  TempDir dir;
  dir.write("README.md", "# API\n\nSet DATABASE_URL.\n\n## Development environment\n");
  dir.write(".env.example", "DATABASE_URL=\n");  // supplements docs, does not replace them
  const auto results = run_with_env(config_for(dir.path()), {"DATABASE_URL"});
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "no environment variable documentation found");
}

TEST(EnvDocsTest, FailsWhenVariablesAreUndocumented) {
  TempDir dir;
  dir.write("docs/CONFIGURATION.md", "| DATABASE_URL | Postgres URL |\n| REDIS_URL_OLD | |\n");
  dir.write(".env.example", "SECRET_KEY=\n");
  const auto results =
      run_with_env(config_for(dir.path()), {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "JWT_TTL"});
  ASSERT_EQ(statuses(results), "fail,fail");
  EXPECT_EQ(results[0].message, "REDIS_URL is not documented");
  EXPECT_EQ(results[0].location->file, ".env.production");
  EXPECT_EQ(results[0].location->line, 2);
  EXPECT_EQ(results[0].evidence, "looked in docs/CONFIGURATION.md, .env.example");
  EXPECT_EQ(results[1].message, "JWT_TTL is not documented");
  for (const auto& r : results) {
    EXPECT_EQ(r.message.find("s3cr3t"), std::string::npos);
    EXPECT_EQ(r.evidence.find("s3cr3t"), std::string::npos);
  }
}

TEST(EnvDocsTest, FailsWhenTheConfiguredDocIsMissing) {
  TempDir dir;
  auto config = config_for(dir.path());
  config.docs.env_docs = "docs/env.md";
  const auto results = run_with_env(config, {"A"});
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message, "docs.env_docs names docs/env.md, which does not exist");
}

TEST(EnvDocsTest, PassesWithAReadmeSectionAndExampleFile) {
  TempDir dir;
  dir.write("README.md",
            "# API\n\nMentions LOG_LEVEL outside the section.\n\n"
            "## Environment variables\n\n- `DATABASE_URL`: Postgres\n\n### Secrets\n\n"
            "- `SECRET_KEY`: 64 hex chars\n\n## Deploy\n\n`LOG_LEVEL`\n");
  dir.write(".env.sample", "DEBUG=false\n");
  const auto results =
      run_with_env(config_for(dir.path()), {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DEBUG"});
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_EQ(results[0].message, "all 3 variables of .env.production are documented");
  EXPECT_EQ(results[0].evidence, "documented in README.md (Environment variables), .env.sample");

  EXPECT_EQ(statuses(run_with_env(config_for(dir.path()), {"LOG_LEVEL"})), "fail");
}

}  // namespace
}  // namespace shipcheck::checks

// shipcheck.yaml's drills section: the opt-in it is, its settings, and each bad value
// stopping the load with its line and column.
#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

const EnvLookup k_drills_env = [](std::string_view) -> std::optional<std::string> {
  return std::nullopt;
};

tl::expected<Config, ParseError> load_drills(const std::string& text) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), k_drills_env);
}

ParseError drills_error(const std::string& text) {
  const auto config = load_drills(text);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

TEST(LoaderDrills, WithoutTheSectionDrillsAreOff) {
  const auto config = load_drills("service: x\n");
  ASSERT_TRUE(config) << config.error().to_string();
  EXPECT_FALSE(config->drills.enabled);
  EXPECT_EQ(config->drills.migrate_command, std::vector<std::string>{"alembic"});
  EXPECT_EQ(config->drills.timeout, "10m");
}

TEST(LoaderDrills, AnEmptySectionOrTrueTurnsThemOn) {
  for (const char* text : {"drills:\n", "drills: true\n", "drills: {}\n"}) {
    const auto config = load_drills(text);
    ASSERT_TRUE(config) << config.error().to_string();
    EXPECT_TRUE(config->drills.enabled) << text;
    EXPECT_TRUE(config->drills.backup_restore) << text;
  }
  const auto off = load_drills("drills: false\n");
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->drills.enabled);
}

TEST(LoaderDrills, LoadsEverySetting) {
  const auto config = load_drills(R"(drills:
  backup_restore: true
  migrations: false
  timeout: 20m
  max_restore_time: 4h
  scratch_url_env: DRILL_DATABASE_URL
  migrate_command: [poetry, run, alembic]
  pg_bindir: /usr/lib/postgresql/15/bin
)");
  ASSERT_TRUE(config) << config.error().to_string();
  const DrillsConfig& d = config->drills;
  EXPECT_TRUE(d.enabled);
  EXPECT_TRUE(d.backup_restore);
  EXPECT_FALSE(d.migrations);
  EXPECT_EQ(d.timeout, "20m");
  EXPECT_EQ(d.max_restore_time, "4h");
  EXPECT_EQ(d.scratch_url_env, "DRILL_DATABASE_URL");
  EXPECT_EQ(d.migrate_command, (std::vector<std::string>{"poetry", "run", "alembic"}));
  EXPECT_EQ(d.pg_bindir, "/usr/lib/postgresql/15/bin");
}

TEST(LoaderDrills, BadValues) {
  EXPECT_ERROR_AT(drills_error("drills:\n  timeout: later\n"), 2, 12, "a duration");
  EXPECT_ERROR_AT(drills_error("drills:\n  max_restore_time: 4 hours please\n"), 2, 21,
                  "a duration");
  EXPECT_ERROR_AT(drills_error("drills:\n  migrate_command: []\n"), 2, 20, "is empty");
  EXPECT_ERROR_AT(drills_error("drills:\n  scratch_url_env: not a name\n"), 2, 20,
                  "scratch_url_env");
  EXPECT_ERROR_AT(drills_error("drills:\n  restore: true\n"), 2, 3, "restore");
  EXPECT_ERROR_AT(drills_error("drills: sometimes\n"), 1, 9, "drills");
}

}  // namespace
}  // namespace shipcheck::config

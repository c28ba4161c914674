// dependencies.postgres: the PG family's settings, their defaults, and each bad value
// reported at its file:line:column.
#include <gtest/gtest.h>

#include "config/expect_error.h"
#include "config/loader.h"
#include "support/fixture.h"

namespace shipcheck::config {
namespace {

std::optional<std::string> pg_no_env(std::string_view /*name*/) {
  return std::nullopt;
}

tl::expected<Config, ParseError> pg_load(const std::string& text) {
  const test::TempDir dir;
  return load_config_text(text, "shipcheck.yaml", dir.path(), pg_no_env);
}

ParseError pg_error_of(const std::string& text) {
  auto config = pg_load(text);
  EXPECT_FALSE(config.has_value()) << "loaded: " << text;
  return config ? ParseError{} : config.error();
}

TEST(LoaderPostgres, AnEmptySectionTakesTheDefaults) {
  const auto config = pg_load("dependencies:\n  postgres:\n");
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  const PostgresConfig& pg = *config->dependencies.postgres;
  EXPECT_EQ(pg.url_env, "DATABASE_URL");
  EXPECT_EQ(pg.timeout, "5s");
  EXPECT_EQ(pg.min_version, 13);
  EXPECT_EQ(pg.migrations, "auto");
  EXPECT_DOUBLE_EQ(pg.max_connection_share, 0.8);
  EXPECT_FALSE(pg.replicas.has_value());
  EXPECT_EQ(pg.max_replica_lag, "10s");
  EXPECT_EQ(pg.max_transaction_age, "5m");
  EXPECT_EQ(pg.backup_max_age, "26h");
  EXPECT_EQ(pg.backup_dir, "");
}

TEST(LoaderPostgres, ReadsEverySetting) {
  const auto config = pg_load(
      "dependencies:\n"
      "  postgres:\n"
      "    url_env: PG_URL\n"
      "    tables: [users, public.tasks]\n"
      "    timeout: 2s\n"
      "    min_version: 14\n"
      "    migrations: django\n"
      "    max_connection_share: 0.5\n"
      "    replicas: 2\n"
      "    max_replica_lag: 30s\n"
      "    max_transaction_age: 1m\n"
      "    backup_dir: /var/backups/pg\n"
      "    backup_max_age: 2d\n");
  ASSERT_TRUE(config.has_value()) << config.error().to_string();
  const PostgresConfig& pg = *config->dependencies.postgres;
  EXPECT_EQ(pg.url_env, "PG_URL");
  EXPECT_EQ(pg.tables, (std::vector<std::string>{"users", "public.tasks"}));
  EXPECT_EQ(pg.timeout, "2s");
  EXPECT_EQ(pg.min_version, 14);
  EXPECT_EQ(pg.migrations, "django");
  EXPECT_DOUBLE_EQ(pg.max_connection_share, 0.5);
  EXPECT_EQ(pg.replicas, 2);
  EXPECT_EQ(pg.max_replica_lag, "30s");
  EXPECT_EQ(pg.max_transaction_age, "1m");
  EXPECT_EQ(pg.backup_dir, "/var/backups/pg");
  EXPECT_EQ(pg.backup_max_age, "2d");
}

TEST(LoaderPostgres, BadTimeout) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    timeout: soon\n"), 3, 14,
                  "'dependencies.postgres.timeout' must be a duration, got 'soon'");
}

TEST(LoaderPostgres, BadMinVersion) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres: {min_version: 8}\n"), 2, 27,
                  "'dependencies.postgres.min_version' must be an integer");
}

TEST(LoaderPostgres, BadMigrationsKind) {
  const ParseError e = pg_error_of("dependencies:\n  postgres:\n    migrations: flyway\n");
  EXPECT_ERROR_AT(e, 3, 17, "'dependencies.postgres.migrations' must be one of auto, alembic");
}

TEST(LoaderPostgres, ConnectionShareAboveOne) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    max_connection_share: 80\n"), 3, 27,
                  "'dependencies.postgres.max_connection_share' must be a number");
}

TEST(LoaderPostgres, NegativeReplicas) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    replicas: -1\n"), 3, 15,
                  "'dependencies.postgres.replicas' must be an integer");
}

TEST(LoaderPostgres, BadReplicaLag) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    max_replica_lag: ten\n"), 3, 22,
                  "'dependencies.postgres.max_replica_lag' must be a duration");
}

TEST(LoaderPostgres, BadTransactionAge) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    max_transaction_age: 5 min\n"), 3,
                  26, "'dependencies.postgres.max_transaction_age' must be a duration");
}

TEST(LoaderPostgres, BadBackupAge) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    backup_max_age: daily\n"), 3, 21,
                  "'dependencies.postgres.backup_max_age' must be a duration");
}

TEST(LoaderPostgres, BackupDirMustBeAString) {
  EXPECT_ERROR_AT(pg_error_of("dependencies:\n  postgres:\n    backup_dir: [a, b]\n"), 3, 17,
                  "'dependencies.postgres.backup_dir'");
}

}  // namespace
}  // namespace shipcheck::config

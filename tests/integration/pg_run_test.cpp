// `shipcheck run --only PG` against real PostgreSQL servers: a good primary with a streaming
// replica passes every PG rule and is not written to (the read-only proof); planted defects
// fail exactly their rules; a server that accepts and never answers fails PG001 in time.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/fixture.h"
#include "support/postgres.h"
#include "support/shipcheck_cli.h"
#include "support/socket_server.h"

namespace shipcheck {
namespace {

constexpr const char* k_env = "SHIPCHECK_PG_RUN_URL";

// The demo's two migrations, reduced to what the rules read.
void write_project(const test::TempDir& project, const std::string& extra_settings) {
  project.write("alembic/versions/a1_users_tasks.py",
                "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n"
                "    op.create_table('users', sa.Column('id', sa.Integer))\n"
                "    op.create_table('tasks', sa.Column('id', sa.Integer))\n");
  project.write("alembic/versions/b2_messages.py",
                "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n"
                "    op.create_table('messages', sa.Column('id', sa.Integer))\n");
  project.write("backups/app.sql", "-- pg_dump\n");
  project.write("shipcheck.yaml", fmt::format("service: pg-run\n"
                                              "dependencies:\n"
                                              "  postgres:\n"
                                              "    url_env: {}\n"
                                              "    backup_dir: backups\n{}",
                                              k_env, extra_settings));
}

// Everything the good configuration asks for, created as the application role.
void create_good_schema(const test::Postgres& server, const std::string& revision) {
  server.sql(fmt::format(
      "SET ROLE app; CREATE TABLE users (id int PRIMARY KEY); "
      "CREATE TABLE tasks (id int PRIMARY KEY, user_id int REFERENCES users (id)); "
      "CREATE INDEX ix_tasks_user_id ON tasks (user_id); CREATE TABLE messages (id int); "
      "CREATE TABLE alembic_version (version_num varchar(32)); "
      "INSERT INTO alembic_version VALUES ('{}')",
      revision));
  server.sql("ALTER ROLE app SET statement_timeout = '10s'", "postgres");
}

// rule -> status of a `run --only PG` of `project` against `url`.
std::map<std::string, std::string> pg_statuses(const test::TempDir& project, const std::string& url,
                                               test::CliRun* raw = nullptr) {
  setenv(k_env, url.c_str(), 1);
  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --only PG --format json --no-store", project.path().string()));
  EXPECT_EQ(test::schema_error(run.out), "") << run.err;
  std::map<std::string, std::string> out;
  const auto report = nlohmann::json::parse(run.out, nullptr, false);
  for (const auto& r : report["results"]) {
    out.emplace(r["rule"].get<std::string>(), r["status"].get<std::string>());
  }
  if (raw != nullptr) {
    *raw = run;
  }
  return out;
}

// tup_inserted, tup_updated, tup_deleted of database `app`, once every other session of it
// has ended. PostgreSQL 15 keeps a backend's counters in the backend until it flushes them
// (at most once a second, and always when it exits, before it leaves pg_stat_activity), so
// waiting for the sessions to end makes the numbers final. The reading session connects to
// another database and counts nowhere here.
std::array<std::string, 3> write_counters(const test::Postgres& server) {
  for (int i = 0; i < 500 && server.sql("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "datname = 'app' AND pid <> pg_backend_pid()",
                                        "postgres") != std::vector<std::string>{"0"};
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto row = server.sql(
      "SELECT concat_ws(',', tup_inserted, tup_updated, tup_deleted) FROM pg_stat_database "
      "WHERE datname = 'app'",
      "postgres");
  const std::string& text = row.at(0);
  const auto a = text.find(',');
  const auto b = text.find(',', a + 1);
  return {text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

TEST(PgRun, AGoodDatabasePassesEveryRuleAndIsNeverWrittenTo) {
  const test::Postgres primary;
  const auto replica = test::Postgres::replica_of(primary);
  const test::TempDir project;
  write_project(project, "    replicas: 1\n");
  create_good_schema(primary, "b2");

  const auto before = write_counters(primary);
  test::CliRun run;
  const auto statuses = pg_statuses(project, primary.url("sslmode=require"), &run);
  const auto after = write_counters(primary);

  EXPECT_EQ(statuses.size(), 10U) << run.out;
  for (const auto& [rule, status] : statuses) {
    EXPECT_EQ(status, "pass") << rule << "\n" << run.out;
  }
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(before, after) << "a PG check wrote to the database";
  EXPECT_EQ((run.out + run.err).find(primary.password()), std::string::npos);

  // The measure sees writes: one insert by the application moves the counters.
  test::PgClient(primary.url()).exec("INSERT INTO users VALUES (1)");
  EXPECT_NE(write_counters(primary), after);

  // The replica gone, PG006 alone fails.
  replica->stop();
  for (int i = 0; i < 500 && primary.sql("SELECT count(*) FROM pg_stat_replication", "postgres") !=
                                 std::vector<std::string>{"0"};
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto without_replica = pg_statuses(project, primary.url("sslmode=require"));
  for (const auto& [rule, status] : without_replica) {
    EXPECT_EQ(status, rule == "PG006" ? "fail" : "pass") << rule;
  }
}

TEST(PgRun, PlantedDefectsFailExactlyTheirRules) {
  test::PostgresOptions options;
  options.ssl = false;  // PG002
  const test::Postgres server(options);
  const test::TempDir project;
  write_project(project, "");
  create_good_schema(server, "a1");                 // PG004: one migration behind head b2
  server.sql("SET ROLE app; DROP TABLE messages");  // PG003: a table the migrations create
  const auto statuses = pg_statuses(project, server.url(""));
  const std::map<std::string, std::string> expected = {
      {"PG001", "pass"}, {"PG002", "fail"}, {"PG003", "fail"}, {"PG004", "fail"},
      {"PG005", "pass"}, {"PG006", "skip"}, {"PG007", "pass"}, {"PG008", "pass"},
      {"PG009", "pass"}, {"PG010", "pass"}};
  EXPECT_EQ(statuses, expected);
}

TEST(PgRun, ASilentServerFailsPg001WithinTheTimeout) {
  const test::SilentPort silent;
  const test::TempDir project;
  write_project(project, "    timeout: 1s\n");
  const auto start = std::chrono::steady_clock::now();
  test::CliRun run;
  const auto statuses = pg_statuses(
      project, fmt::format("postgresql://app:pw@127.0.0.1:{}/app", silent.port()), &run);
  const auto took = std::chrono::steady_clock::now() - start;
  for (const auto& [rule, status] : statuses) {
    // PG001 judges the connection: it fails; the rules that needed a session cannot say.
    EXPECT_EQ(status, rule == "PG006" ? "skip" : rule == "PG001" ? "fail" : "error") << rule;
  }
  EXPECT_NE(run.out.find("(timeout): no answer within 1s"), std::string::npos) << run.out;
  EXPECT_NE(run.exit_code, 0);
  // One connection attempt for the whole run, bounded by the 1s timeout: far below the
  // runner's own 30s limit per check, which is what a hang would hit.
  EXPECT_LT(took, std::chrono::seconds(10));
}

}  // namespace
}  // namespace shipcheck

namespace shipcheck {
namespace {

// The backup-restore drill through the command line: skipped unless asked for; asked for, it
// restores into a scratch database it drops, the source keeps every row, and no output holds
// the password.
TEST(PgRunDrills, RunOnlyWhenAskedAndLeaveNothingBehind) {
  const test::Postgres server;
  server.sql("ALTER ROLE app CREATEDB", "postgres");
  const test::TempDir project;
  write_project(project, "");
  create_good_schema(server, "b2");
  server.sql("SET ROLE app; INSERT INTO users SELECT generate_series(1, 25)");
  setenv(k_env, server.url().c_str(), 1);
  const std::string dir = project.path().string();

  const auto unasked =
      test::run_shipcheck(fmt::format("run '{}' --only DRL001 --format json --no-store", dir));
  const auto skipped = nlohmann::json::parse(unasked.out, nullptr, false);
  ASSERT_EQ(skipped["results"].size(), 1U) << unasked.out << unasked.err;
  EXPECT_EQ(skipped["results"][0]["status"], "skip");

  const auto asked = test::run_shipcheck(
      fmt::format("run '{}' --drills --only DRL001 --format json --no-store --verbose", dir));
  EXPECT_EQ(test::schema_error(asked.out), "") << asked.err;
  const auto report = nlohmann::json::parse(asked.out, nullptr, false);
  ASSERT_EQ(report["results"].size(), 1U) << asked.out << asked.err;
  const auto& result = report["results"][0];
  EXPECT_EQ(result["status"], "pass") << asked.out;
  EXPECT_NE(result["message"].get<std::string>().find("4 tables, 26 rows"), std::string::npos)
      << result["message"];
  EXPECT_NE(result["evidence"].get<std::string>().find("public.users 25"), std::string::npos)
      << result["evidence"];
  EXPECT_EQ(asked.exit_code, 0) << asked.out << asked.err;
  EXPECT_EQ((asked.out + asked.err).find(server.password()), std::string::npos);
  EXPECT_EQ(server.sql("SELECT count(*) FROM users"), std::vector<std::string>{"25"});
  EXPECT_EQ(
      server.sql("SELECT count(*) FROM pg_database WHERE datname LIKE 'shipcheck%'", "postgres"),
      std::vector<std::string>{"0"});

  const auto contradiction =
      test::run_shipcheck(fmt::format("run '{}' --drills --static --no-store", dir));
  EXPECT_EQ(contradiction.exit_code, 2);
  EXPECT_NE(contradiction.err.find("--drills and --static contradict each other"),
            std::string::npos)
      << contradiction.err;
}

}  // namespace
}  // namespace shipcheck

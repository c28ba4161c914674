// `history` and `diff` on a history in PostgreSQL (`store:` in shipcheck.yaml): the same
// output as from the project's SQLite file, runs recorded there by `shipcheck run`, and a
// store it cannot reach named without its password.
#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/loader.h"
#include "report/sample_reports.h"
#include "store/open.h"
#include "support/fixture.h"
#include "support/history_db.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

constexpr const char* k_store_variable = "SHIPCHECK_TEST_STORE_URL";

// The history's URL comes from the environment, as a team's CI would pass it.
void write_config(const test::TempDir& dir, const std::string& extra, const std::string& url) {
  dir.write("shipcheck.yaml", "service: todo-api\n" + extra);
  if (!url.empty()) {
    setenv(k_store_variable, url.c_str(), 1);
  }
}

const char* k_store_line = "store: ${SHIPCHECK_TEST_STORE_URL}\n";

// Run 1 is the sample report; run 2 fixes ENV004 and breaks ENV010; a watch fired between.
Report second_report() {
  Report report = test::mixed_report();
  report.started_at = "2026-11-22T09:15:00Z";
  report.duration_ms = 1990;
  for (auto& r : report.results) {
    if (r.rule == "ENV004") {
      r.status = Status::pass;
    } else if (r.rule == "ENV010") {
      r.status = Status::fail;
      r.message = "LOG_LEVEL=TRACE";
    }
  }
  report.score = 58;
  report.decided_by = {"ENV010 LOG_LEVEL=TRACE (low)"};
  return report;
}

store::WatchRow fired_watch() {
  store::WatchRow w;
  w.started_at = "2026-11-21T23:00:00Z";
  w.service = "todo-api";
  w.project = "/srv/todo";
  w.outcome = "fired";
  w.trigger = "error_rate > 5% for 5m";
  w.message = "rolled back";
  w.duration_ms = 300'000;
  w.healthy_polls = 20;
  w.polls = 30;
  w.rollback = "exit status 0";
  w.baselines = {{"p95", 0.25}};
  return w;
}

// Records the same history in the project through the function the commands use.
void record_history(const test::TempDir& project) {
  const auto config = config::load_config(project.path() / "shipcheck.yaml");
  ASSERT_TRUE(config) << config.error().to_string();
  auto db = store::open_history(store::history_location(*config), store::Access::write);
  ASSERT_TRUE(db && *db) << (db ? "no store" : db.error());
  (*db)->record_run(test::mixed_report(), "/srv/todo", "1111111111111111111111111111111111111111");
  (*db)->record_watch(fired_watch());
  (*db)->record_run(second_report(), "/srv/todo", "2222222222222222222222222222222222222222");
}

TEST(HistoryPostgresCli, PrintsTheSameHistoryAndDiffAsSqlite) {
  const test::TempDir local;
  const test::TempDir shared;
  write_config(local, "", "");
  write_config(shared, k_store_line, test::fresh_pg_history_db().url);
  record_history(local);
  record_history(shared);
  EXPECT_FALSE(std::filesystem::exists(shared.path() / ".shipcheck"));

  for (const std::string command :
       {"history", "history --format json", "diff", "diff --format json", "diff 2 1"}) {
    const auto from_sqlite = test::run_shipcheck(command, local.path());
    const auto from_postgres = test::run_shipcheck(command, shared.path());
    EXPECT_EQ(from_sqlite.exit_code, 0) << command << ": " << from_sqlite.err;
    EXPECT_EQ(from_postgres.exit_code, 0) << command << ": " << from_postgres.err;
    EXPECT_EQ(from_postgres.out, from_sqlite.out) << command;
    EXPECT_EQ(from_postgres.err, from_sqlite.err) << command;
  }
  const auto diff = test::run_shipcheck("diff", shared.path()).out;
  EXPECT_NE(diff.find("fixed (1):\n  ENV004"), std::string::npos) << diff;
  EXPECT_NE(diff.find("ENV010"), std::string::npos) << diff;
  const auto history =
      nlohmann::json::parse(test::run_shipcheck("history --format json", shared.path()).out);
  ASSERT_EQ(history["entries"].size(), 3U) << history.dump(2);
  EXPECT_EQ(history["entries"][0]["id"], 2);
  EXPECT_EQ(history["entries"][1]["kind"], "watch");
  EXPECT_EQ(history["entries"][2]["commit"], "1111111111111111111111111111111111111111");
}

TEST(HistoryPostgresCli, RunRecordsIntoTheConfiguredDatabase) {
  const test::TempDir project;
  write_config(project, std::string(k_store_line) + "env_file: .env.production\n",
               test::fresh_pg_history_db().url);
  project.write(".env.production", "DEBUG=true\nSECRET_KEY=changeme\n");

  const auto empty = test::run_shipcheck("history", project.path());
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("no runs or watches recorded yet"), std::string::npos) << empty.out;

  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --only ENV --format json", project.path().string()));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err.find("not recorded"), std::string::npos) << run.err;

  const auto listed = test::run_shipcheck("history --format json", project.path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto json = nlohmann::json::parse(listed.out);
  ASSERT_EQ(json["entries"].size(), 1U) << json.dump(2);
  EXPECT_EQ(json["entries"][0]["kind"], "run");
  EXPECT_EQ(json["entries"][0]["service"], "todo-api");
  EXPECT_GT(json["entries"][0]["summary"]["fail"].get<int>(), 0) << json.dump(2);
  EXPECT_FALSE(std::filesystem::exists(project.path() / ".shipcheck" / "history.db"));
}

TEST(HistoryPostgresCli, AnUnreachableStoreIsNamedWithoutItsPassword) {
  const test::TempDir project;
  const std::string password = "hunter2-store-secret";
  // Port 1 on the loopback: nothing listens, the connection is refused at once.
  write_config(project, std::string(k_store_line) + "env_file: .env.production\n",
               fmt::format("postgresql://ci:{}@127.0.0.1:1/history", password));
  project.write(".env.production", "DEBUG=false\n");

  const auto history = test::run_shipcheck("history", project.path());
  EXPECT_EQ(history.exit_code, 2);
  EXPECT_NE(history.err.find("history database postgres://127.0.0.1:1/history"), std::string::npos)
      << history.err;
  EXPECT_EQ(history.err.find(password), std::string::npos) << history.err;

  const auto run = test::run_shipcheck(
      fmt::format("run '{}' --only ENV --format json", project.path().string()));
  EXPECT_NE(run.err.find("warning: run not recorded: history database postgres://127.0.0.1:1"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find(password), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find(password), std::string::npos);
}

}  // namespace
}  // namespace shipcheck

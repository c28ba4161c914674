// WATCH001 last_watch: the newest recorded watch of the service, of HEAD, fired nothing.
#include "checks/watch/last_watch.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "support/fixture.h"

namespace shipcheck::checks {
namespace {

using test::config_for;
using test::run_check;
using test::statuses;
using test::TempDir;

store::WatchRow watch_row(const std::string& outcome, const std::string& commit = "") {
  store::WatchRow w;
  w.started_at = "2026-11-22T10:00:00Z";
  w.service = "todo";
  w.project = "/srv/todo";
  w.commit = commit;
  w.duration_ms = 1'800'000;
  w.outcome = outcome;
  w.healthy_polls = 180;
  w.polls = 180;
  if (outcome == "fired") {
    w.trigger = "error_rate > 5% for 5m";
    w.message = "FIRED error_rate > 5% for 5m: breached since 00:12:10 (value 9.1%)";
    w.rollback = "exit status 0";
  } else {
    w.message = "the window passed: no trigger fired; health answered 180 of 180 polls (100.0 %)";
  }
  return w;
}

void record(const TempDir& dir, const store::WatchRow& w) {
  auto db = store::Store::open_for_project(dir.path());
  ASSERT_TRUE(db.has_value()) << db.error();
  db->record_watch(w);
}

Config todo_config(const TempDir& dir) {
  Config config = config_for(dir.path());
  config.service = "todo";
  return config;
}

std::string head_of(const TempDir& dir) {
  std::string out;
  EXPECT_EQ(test::run_command(fmt::format("git -C '{}' rev-parse HEAD", dir.path().string()), out),
            0);
  return out.substr(0, out.find('\n'));
}

TEST(LastWatchTest, SkipsWithoutAHistory) {
  const TempDir dir;
  const auto results = run_check(LastWatch(), todo_config(dir));
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_NE(results[0].message.find("run `shipcheck watch` after the deploy"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".shipcheck")) << "a check wrote a file";
}

TEST(LastWatchTest, FailsWhenTheLastWatchFired) {
  const TempDir dir;
  record(dir, watch_row("passed"));
  record(dir, watch_row("fired"));
  const auto results = run_check(LastWatch(), todo_config(dir));
  ASSERT_EQ(statuses(results), "fail");
  EXPECT_EQ(results[0].message,
            "the watch from 2026-11-22T10:00:00Z fired: FIRED error_rate > 5% for 5m: breached "
            "since 00:12:10 (value 9.1%)");
  EXPECT_EQ(results[0].evidence,
            "watch #2 from 2026-11-22T10:00:00Z, 30m: health answered 180 of 180 polls; "
            "on_rollback: exit status 0");
}

TEST(LastWatchTest, PassesWithALastWatchThatPassed) {
  const TempDir dir;
  record(dir, watch_row("fired"));
  record(dir, watch_row("passed"));
  const auto results = run_check(LastWatch(), todo_config(dir));
  ASSERT_EQ(statuses(results), "pass");
  EXPECT_NE(results[0].message.find("the window passed: no trigger fired"), std::string::npos);
  EXPECT_NE(results[0].evidence.find("on_rollback: did not run"), std::string::npos);
}

TEST(LastWatchTest, ReadsOnlyThisServicesWatches) {
  const TempDir dir;
  record(dir, watch_row("passed"));
  auto other = watch_row("fired");
  other.service = "billing";
  record(dir, other);
  EXPECT_EQ(statuses(run_check(LastWatch(), todo_config(dir))), "pass");
  Config billing = todo_config(dir);
  billing.service = "billing";
  EXPECT_EQ(statuses(run_check(LastWatch(), billing)), "fail");
  billing.service = "search";
  EXPECT_EQ(statuses(run_check(LastWatch(), billing)), "skip");
}

TEST(LastWatchTest, AWatchOfAnotherCommitSaysNothingOfHead) {
  const TempDir dir;
  dir.write("app.py", "print(1)\n");
  test::git_commit_all(dir.path());
  const std::string watched = head_of(dir);
  record(dir, watch_row("fired", watched));
  EXPECT_EQ(statuses(run_check(LastWatch(), todo_config(dir))), "fail");
  dir.write("app.py", "print(2)\n");
  test::git(dir.path(), "commit -q -am fix");
  const auto results = run_check(LastWatch(), todo_config(dir));
  ASSERT_EQ(statuses(results), "skip");
  EXPECT_EQ(results[0].message,
            fmt::format("the last watch (fired) was of commit {}, not of HEAD ({}): watch this "
                        "deploy with `shipcheck watch`",
                        watched.substr(0, 7), head_of(dir).substr(0, 7)));
}

}  // namespace
}  // namespace shipcheck::checks

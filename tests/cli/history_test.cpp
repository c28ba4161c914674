// `shipcheck history` and `shipcheck diff` on a project's real history: two runs of
// `shipcheck run` around a fix and a regression, and a recorded watch.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/store.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// A project whose env file has DEBUG on (ENV004 fails) and a placeholder SECRET_KEY (ENV002),
// among the five ENV failures of so short an env file.
class Project {
 public:
  Project() {
    m_dir.write("shipcheck.yaml",
                "service: todo\nenv_file: .env.production\nenv: {required: [SECRET_KEY]}\n");
    set_env("DEBUG=true\nSECRET_KEY=changeme\n");
    test::git_commit_all(m_dir.path());
  }
  void set_env(const std::string& text) const { m_dir.write(".env.production", text); }
  test::CliRun run() const {
    return test::run_shipcheck(
        fmt::format("run '{}' --only ENV --format json", m_dir.path().string()));
  }
  test::CliRun shipcheck(const std::string& args) const {
    return test::run_shipcheck(args, m_dir.path());
  }
  const std::filesystem::path& path() const { return m_dir.path(); }

 private:
  test::TempDir m_dir;
};

TEST(HistoryCli, ListsRunsAndWatchesNewestFirst) {
  const Project project;
  EXPECT_NE(project.shipcheck("history").out.find("no runs or watches recorded yet"),
            std::string::npos);
  project.run();
  project.set_env("DEBUG=false\nSECRET_KEY=changeme\n");
  project.run();
  {
    auto db = store::Store::open(store::default_db_path(project.path()));
    ASSERT_TRUE(db) << db.error();
    store::WatchRow w;
    w.started_at = "2999-01-01T00:00:00Z";  // after both runs
    w.service = "todo";
    w.outcome = "fired";
    w.trigger = "error_rate > 5% for 5m";
    w.duration_ms = 300'000;
    db->record_watch(w);
  }
  const auto text = project.shipcheck("history");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  const auto first_run = text.out.find("run ");
  const auto watch = text.out.find("w1 ");
  ASSERT_NE(watch, std::string::npos) << text.out;
  EXPECT_LT(watch, first_run) << text.out;
  EXPECT_NE(text.out.find("fired: error_rate > 5% for 5m"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("not ready (5 failed)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("not ready (4 failed)"), std::string::npos) << text.out;

  const auto json = nlohmann::json::parse(project.shipcheck("history --format json -n 2").out);
  EXPECT_EQ(json["schema"], "shipcheck.history/v1");
  ASSERT_EQ(json["entries"].size(), 2U) << json.dump();
  EXPECT_EQ(json["entries"][0]["kind"], "watch");
  EXPECT_EQ(json["entries"][1]["kind"], "run");
  EXPECT_EQ(json["entries"][1]["id"], 2);
  EXPECT_EQ(json["entries"][1]["summary"]["fail"], 4);
  // Each run records the commit it checked.
  EXPECT_EQ(json["entries"][1]["commit"].get<std::string>().size(), 40U);
}

TEST(DiffCli, NamesWhatIsFixedNewAndChanged) {
  const Project project;
  project.run();                                          // run 1: ENV002, ENV004 and 3 more fail
  project.set_env("DEBUG=false\nSECRET_KEY=changeme\n");  // fixes ENV004
  project.run();                                          // run 2
  project.set_env("DEBUG=false\nSECRET_KEY=\nLOG_LEVEL=TRACE\n");  // ENV001, ENV006 fail
  project.run();                                                   // run 3

  auto text = project.shipcheck("diff 1 2");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("fixed (1):\n  ENV004"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("new failures"), std::string::npos) << text.out;

  // Default: the two newest runs.
  const auto json = nlohmann::json::parse(project.shipcheck("diff --format json").out);
  EXPECT_EQ(json["from"]["id"], 2);
  EXPECT_EQ(json["to"]["id"], 3);
  std::set<std::string> added;
  for (const auto& r : json["new_failures"]) {
    added.insert(r["rule"].get<std::string>());
  }
  EXPECT_TRUE(added.contains("ENV001")) << json.dump(2);
  EXPECT_TRUE(added.contains("ENV006")) << json.dump(2);
  std::set<std::string> gone;
  for (const auto& r : json["fixed"]) {
    gone.insert(r["rule"].get<std::string>());
  }
  for (const auto& c : json["changed"]) {
    gone.insert(c["before"]["rule"].get<std::string>());
  }
  EXPECT_TRUE(gone.contains("ENV002")) << "the placeholder is now an empty key: " << json.dump(2);

  EXPECT_NE(project.shipcheck("diff 1 1").out.find("no failure is new, fixed or changed"),
            std::string::npos);
  const auto missing = project.shipcheck("diff 1 99");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no run 99 in the history"), std::string::npos) << missing.err;
}

TEST(DiffCli, NeedsTwoRuns) {
  const Project project;
  auto run = project.shipcheck("diff");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no runs recorded yet"), std::string::npos) << run.err;
  project.run();
  run = project.shipcheck("diff");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("fewer than two runs"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace shipcheck

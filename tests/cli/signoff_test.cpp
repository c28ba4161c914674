// `shipcheck signoff` and the manual items of `shipcheck run`: unsigned required items keep a
// service from being ready; signed off they pass, until the sign-off expires or (tied to a
// commit) HEAD moves on.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

// A project that passes the one rule it runs (GIT002: the tree is clean), with two required
// manual items and an optional one.
class ManualProject {
 public:
  ManualProject() {
    m_dir.write("shipcheck.yaml",
                "service: todo\nmanual:\n"
                "  - {id: notify-team, title: Notify the team}\n"
                "  - {id: backups, title: Backups verified, valid_for: 7d}\n"
                "  - {id: blog-post, title: Write the blog post, required: false}\n");
    test::git_commit_all(m_dir.path());
  }
  nlohmann::json run() const {
    const auto cli = test::run_shipcheck(
        fmt::format("run '{}' --only GIT002 --format json --no-store", m_dir.path().string()));
    m_last_exit = cli.exit_code;
    return nlohmann::json::parse(cli.out, nullptr, false);
  }
  test::CliRun signoff(const std::string& args) const {
    return test::run_shipcheck("signoff " + args, m_dir.path());
  }
  int last_exit() const { return m_last_exit; }
  const std::filesystem::path& path() const { return m_dir.path(); }

 private:
  test::TempDir m_dir;
  mutable int m_last_exit = -1;
};

std::vector<std::string> unsigned_items(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& m : report["manual"]) {
    if (m["signed_off_by"].is_null()) {
      out.push_back(m["id"].get<std::string>());
    }
  }
  return out;
}

TEST(SignoffCli, RequiredItemsDecideTheVerdictUntilSignedOff) {
  const ManualProject project;
  auto report = project.run();
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(project.last_exit(), 1);
  EXPECT_EQ(report["verdict"], "not-ready");
  EXPECT_EQ(unsigned_items(report),
            (std::vector<std::string>{"notify-team", "backups", "blog-post"}));

  auto cli = project.signoff("notify-team --by alice --note 'posted in #deploys'");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("signed off 'notify-team' (Notify the team) by alice at "),
            std::string::npos)
      << cli.out;
  cli = project.signoff("backups --by bob");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find(", valid for 7d"), std::string::npos) << cli.out;

  report = project.run();
  EXPECT_EQ(project.last_exit(), 0) << report.dump(2);
  EXPECT_EQ(report["verdict"], "ready");
  EXPECT_EQ(unsigned_items(report), (std::vector<std::string>{"blog-post"}));  // not required
  EXPECT_EQ(report["manual"][0]["signed_off_by"], "alice");
  EXPECT_EQ(report["manual"][0]["note"], "posted in #deploys");
  EXPECT_EQ(test::schema_error(report.dump()), "");
}

TEST(SignoffCli, AnExpiredSignoffNoLongerCounts) {
  const ManualProject project;
  ASSERT_EQ(project.signoff("notify-team --by alice").exit_code, 0);
  {
    auto db = store::Store::open(store::default_db_path(project.path()));
    ASSERT_TRUE(db) << db.error();
    db->record_signoff({0, "todo", "backups", "bob", "2026-01-01T09:00:00Z", "", ""});
  }
  const auto report = project.run();
  EXPECT_EQ(report["verdict"], "not-ready");
  EXPECT_EQ(unsigned_items(report), (std::vector<std::string>{"backups", "blog-post"}));
  const std::string notices = report["notices"].dump();
  EXPECT_NE(notices.find("the sign-off of 'backups' by bob on 2026-01-01T09:00:00Z expired "
                         "(valid for 7d)"),
            std::string::npos)
      << notices;
}

TEST(SignoffCli, ASignoffTiedToACommitEndsWhenHeadMoves) {
  const ManualProject project;
  ASSERT_EQ(project.signoff("notify-team --by alice --commit").exit_code, 0);
  ASSERT_EQ(project.signoff("backups --by bob").exit_code, 0);
  EXPECT_EQ(project.run()["verdict"], "ready");
  std::ofstream(project.path() / "app.py") << "print(2)\n";
  test::git(project.path(), "add app.py");
  test::git(project.path(), "commit -q -m change");
  const auto report = project.run();
  EXPECT_EQ(report["verdict"], "not-ready");
  EXPECT_EQ(unsigned_items(report), (std::vector<std::string>{"notify-team", "blog-post"}));
  EXPECT_NE(report["notices"].dump().find("was for commit"), std::string::npos);
}

TEST(SignoffCli, UnknownItemsAndMissingNamesAreUsageErrors) {
  const ManualProject project;
  auto cli = project.signoff("notify --by alice");
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_NE(cli.err.find("no manual item 'notify' (its manual items: notify-team, backups, "
                         "blog-post)"),
            std::string::npos)
      << cli.err;
  cli = project.signoff("notify-team --by ' '");
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_NE(cli.err.find("--by needs a name"), std::string::npos) << cli.err;
  EXPECT_EQ(project.signoff("notify-team").exit_code, 2) << "--by is required";
}

}  // namespace
}  // namespace shipcheck

// Issue acceptance on the running demo service: a team's checklist (seed 003) imported into
// the demo's shipcheck.yaml with `import --merge`; `shipcheck run` shows its manual items and
// is not ready until each required one is signed off; after `shipcheck signoff` of every one,
// the good demo is ready, and the Markdown report shows the checklist ticked.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/demo.h"
#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

using Json = nlohmann::json;

struct ChecklistRun {
  test::CliRun cli;
  Json report;
  std::string markdown;
};

ChecklistRun run_demo(const test::RunningDemo& demo, const std::string& flags = "") {
  const auto markdown = demo.path() / ".run" / "report.md";
  ChecklistRun run;
  run.cli = test::run_shipcheck(
      fmt::format("run '{}' --format markdown --format json --output '{}' --no-store {}",
                  demo.path().string(), markdown.string(), flags));
  run.report = Json::parse(run.cli.out, nullptr, false);
  run.markdown = test::slurp(markdown);
  return run;
}

TEST(DemoChecklist, ImportedManualItemsBlockUntilSignedOffThenTheGoodDemoIsReady) {
  const test::RunningDemo demo(16000);
  demo.export_smoke_token();
  const auto seed = test::source_dir() / "tests/data/seeds/003_5544dd8b27cf1073.txt";
  std::filesystem::copy_file(seed, demo.path() / "DEPLOY.md");
  const auto imported =
      test::run_shipcheck("import DEPLOY.md -o shipcheck.yaml --merge", demo.path());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  test::git(demo.path(), "add -A");
  test::git(demo.path(), "commit -q -m 'Import the deployment checklist'");
  test::git(demo.path(), "tag -a v1.0.1 -m v1.0.1");  // the release checked is a tagged commit

  // Before sign-off: every result passes or skips, but the manual items decide the verdict.
  // RATE001's burst spends the demo's limit (60 API requests a minute for one client, counted
  // in Redis) for a minute, in which the next run's API requests would get 429: the first run
  // leaves it to the second.
  const ChecklistRun before = run_demo(demo, "--skip RATE");
  ASSERT_FALSE(before.report.is_discarded()) << before.cli.out << before.cli.err;
  EXPECT_EQ(before.cli.exit_code, 1);
  EXPECT_EQ(before.report["verdict"], "not-ready");
  for (const auto& r : before.report["results"]) {
    EXPECT_TRUE(r["status"] == "pass" || r["status"] == "skip") << r.dump();
  }
  const Json& manual = before.report["manual"];
  ASSERT_GE(manual.size(), 40U) << "seed 003's manual items";
  for (const auto& m : manual) {
    EXPECT_TRUE(m["signed_off_by"].is_null()) << m.dump();
    EXPECT_EQ(m["source"].get<std::string>().rfind("DEPLOY.md:", 0), 0U) << m.dump();
  }
  EXPECT_EQ(before.report["summary"]["manual"], manual.size());
  ASSERT_EQ(before.report["decided_by"].size(), 1U) << before.report["decided_by"].dump();
  EXPECT_NE(before.report["decided_by"][0].get<std::string>().find(
                fmt::format("{} required manual items are not signed off", manual.size())),
            std::string::npos);
  EXPECT_NE(before.markdown.find("## Checklist: DEPLOY.md"), std::string::npos);
  EXPECT_NE(before.markdown.find("- [x] Runbook complete — DOC002 passed"), std::string::npos)
      << before.markdown;
  EXPECT_NE(before.markdown.find("- [ ] Change request approved — awaits sign-off"),
            std::string::npos)
      << before.markdown;

  // Sign off every required item, as the people named in the checklist would.
  for (const auto& m : manual) {
    if (m["required"] == true) {
      const auto signed_off = test::run_shipcheck(
          fmt::format("signoff {} --by 'Release Lead' --note 'checked in the release meeting'",
                      m["id"].get<std::string>()),
          demo.path());
      ASSERT_EQ(signed_off.exit_code, 0) << signed_off.err;
    }
  }
  const ChecklistRun after = run_demo(demo);
  EXPECT_EQ(after.cli.exit_code, 0) << after.report["decided_by"].dump();
  for (const auto& r : after.report["results"]) {
    EXPECT_TRUE(r["status"] == "pass" || r["status"] == "skip") << r.dump();
  }
  EXPECT_EQ(after.report["verdict"], "ready");
  EXPECT_EQ(test::schema_error(after.cli.out), "");
  EXPECT_EQ(after.report["score"], 100);
  for (const auto& m : after.report["manual"]) {
    EXPECT_EQ(m["signed_off_by"], "Release Lead") << m.dump();
  }
  EXPECT_NE(after.markdown.find("# shipcheck: demo-todo is ready"), std::string::npos)
      << after.markdown.substr(0, 300);
  EXPECT_NE(after.markdown.find("- [x] Change request approved — signed off by Release Lead"),
            std::string::npos)
      << after.markdown;
}

}  // namespace
}  // namespace shipcheck

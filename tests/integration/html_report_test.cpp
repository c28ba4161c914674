// `shipcheck run --format html` end to end on the demo service, the page rendered by headless
// Chromium (Debian `chromium`, which scripts/bootstrap installs): it draws a screenshot, its
// script runs, and the browser logs no console message (a script error or a blocked load
// under the page's Content-Security-Policy would be one).
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/fixture.h"
#include "support/shipcheck_cli.h"

namespace shipcheck {
namespace {

using test::slurp;

// Lines Chromium logs for the page's console (messages, uncaught exceptions, CSP
// violations) under --enable-logging=stderr: "[...:INFO:CONSOLE:12] "...", source: ...".
std::vector<std::string> console_lines(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

class HtmlReportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string where;
    ASSERT_EQ(test::run_command("command -v chromium", where), 0)
        << "chromium is not installed: the HTML report test renders the page in headless "
           "Chromium (scripts/bootstrap --deps installs Debian's `chromium`)";
    m_svc = m_dir.path() / "svc";
    test::run_script("demo", fmt::format("setup '{}'", m_svc.string()));
  }

  // Runs headless Chromium on `page` (a path, perhaps with a #fragment) with `mode`
  // (--screenshot=..., --dump-dom), its own profile, no network of its own, bounded to a minute;
  // returns its exit code, its stdout in `out` and its log (stderr) in `log`.
  int chromium(const std::string& page, const std::string& mode, std::string& out,
               std::string& log) const {
    const auto profile = m_dir.path() / "chromium-profile";
    const auto stdout_file = m_dir.path() / "chromium.out";
    const auto stderr_file = m_dir.path() / "chromium.err";
    std::string ignored;
    const int code = test::run_command(
        fmt::format("(timeout 60 chromium --headless --no-sandbox --disable-gpu "
                    "--disable-background-networking --user-data-dir='{}' "
                    "--enable-logging=stderr --v=0 {} 'file://{}' >'{}' 2>'{}')",
                    profile.string(), mode, page, stdout_file.string(), stderr_file.string()),
        ignored);
    out = slurp(stdout_file);
    log = slurp(stderr_file);
    return code;
  }

  test::TempDir m_dir;
  std::filesystem::path m_svc;
};

TEST_F(HtmlReportCli, FailingDemoReportRendersInChromiumWithoutConsoleErrors) {
  test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  const auto page = m_dir.path() / "report.html";
  const auto run = test::run_shipcheck(fmt::format(
      "run '{}' --static --no-store --format html --output '{}'", m_svc.string(), page.string()));
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string html = slurp(page);
  ASSERT_NE(html.find("<!DOCTYPE html>"), std::string::npos) << run.err;
  EXPECT_NE(html.find("data-status=\"fail\" data-rule=\"ENV004\" open"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(m_svc / ".shipcheck" / "history.db"))
      << "an HTML report never creates the store";

  const auto png = m_dir.path() / "report.png";
  std::string out;
  std::string log;
  ASSERT_EQ(
      chromium(page.string(),
               fmt::format("--screenshot='{}' --window-size=1280,1600", png.string()), out, log),
      0)
      << log;
  const std::string image = slurp(png);
  EXPECT_GT(image.size(), 20'000U) << "a near-empty screenshot";
  EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(console_lines(log), std::vector<std::string>{}) << log;

  ASSERT_EQ(chromium(page.string(), "--dump-dom", out, log), 0) << log;
  EXPECT_NE(out.find("data-shipcheck=\"ready\""), std::string::npos)
      << "the page's script did not finish:\n"
      << out.substr(0, 2000);
  EXPECT_NE(out.find("data-filter=\"all\""), std::string::npos);
  EXPECT_EQ(console_lines(log), std::vector<std::string>{}) << log;

  // #fail filters on load: the failure stays, the passes are hidden by the script.
  ASSERT_EQ(chromium(page.string() + "#fail", "--dump-dom", out, log), 0) << log;
  EXPECT_NE(out.find("data-filter=\"fail\" data-shipcheck=\"ready\""), std::string::npos)
      << out.substr(0, 2000);
  EXPECT_NE(out.find("data-status=\"fail\" data-rule=\"ENV004\" open=\"\">"), std::string::npos);
  EXPECT_NE(out.find("data-status=\"pass\" data-rule=\"ENV001\" hidden=\"\">"), std::string::npos);
  EXPECT_EQ(console_lines(log), std::vector<std::string>{}) << log;
}

// With runs in the store, the page draws their scores and this run's as a sparkline.
TEST_F(HtmlReportCli, StoredRunsBecomeTheHistorySparkline) {
  const auto first = test::run_shipcheck(
      fmt::format("run '{}' --static --format json --output /dev/null", m_svc.string()));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_TRUE(std::filesystem::exists(m_svc / ".shipcheck" / "history.db"));
  test::run_script("demo", fmt::format("plant '{}' ENV004", m_svc.string()));
  const auto page = m_dir.path() / "report.html";
  const auto run = test::run_shipcheck(fmt::format(
      "run '{}' --static --no-store --format html --output '{}'", m_svc.string(), page.string()));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::string html = slurp(page);
  EXPECT_NE(html.find("<polyline points=\"0.0,4.0 220.0,"), std::string::npos)
      << "the earlier run (score 100) first, then this one";
  EXPECT_NE(html.find("score over the last 2 runs"), std::string::npos);

  std::string out;
  std::string log;
  ASSERT_EQ(chromium(page.string(), "--dump-dom", out, log), 0) << log;
  EXPECT_NE(out.find("data-shipcheck=\"ready\""), std::string::npos);
  EXPECT_EQ(console_lines(log), std::vector<std::string>{}) << log;
}

}  // namespace
}  // namespace shipcheck

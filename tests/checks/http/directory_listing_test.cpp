#include "checks/http/directory_listing.h"

#include <gtest/gtest.h>

#include "checks/http/http_fixture.h"

namespace shipcheck::checks {
namespace {

// nginx serving a directory with two files at /static/, with `autoindex` as given.
std::vector<Result> run_static(const std::string& autoindex) {
  const test::TempDir files;
  files.write("app.js", "console.log(1);\n");
  files.write("backup-2024.sql", "-- dump\n");
  return test::run_site(NoDirectoryListing(), "location /static/ {\n  alias \"" +
                                                  files.path().string() + "/\";\n  autoindex " +
                                                  autoindex + ";\n}\nlocation / { return 404; }\n");
}

TEST(NoDirectoryListingTest, FailsWhenNginxAutoindexIsOn) {
  const auto results = run_static("on");
  ASSERT_EQ(test::statuses(results), "fail");
  EXPECT_NE(results[0].message.find("a directory listing is served at https://app.test:"),
            std::string::npos)
      << results[0].message;
  EXPECT_TRUE(results[0].target.ends_with("/static/")) << results[0].target;
  EXPECT_NE(results[0].evidence.find("-> 200, a nginx or Apache autoindex page"), std::string::npos)
      << results[0].evidence;
}

TEST(NoDirectoryListingTest, PassesWithAutoindexOff) {
  const auto results = run_static("off");  // nginx answers 403 for the directory
  ASSERT_EQ(test::statuses(results), "pass");
  EXPECT_EQ(results[0].message,
            "no directory listing at the url nor at /static/, /uploads/, /assets/, /files/, "
            "/media/, /public/, /backup/");
}

TEST(NoDirectoryListingTest, PassesWithAPageThatOnlyTalksAboutAnIndex) {
  const auto results = test::run_site(
      NoDirectoryListing(),
      "location / {\n  default_type text/html;\n"
      "  return 200 '<html><title>Docs</title><p>Index of /api: see below</p></html>';\n}\n");
  EXPECT_EQ(test::statuses(results), "pass");
}

}  // namespace
}  // namespace shipcheck::checks

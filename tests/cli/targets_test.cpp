// The targets of `shipcheck probe`: the --targets file format and its errors.
#include "cli/targets.h"

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::cli {
namespace {

using Urls = std::vector<std::string>;

TEST(ProbeTargets, CommentsAndBlankLinesAreIgnored) {
  const auto urls = parse_targets(
      "# staging\n"
      "\n"
      "https://a.test/\n"
      "   http://b.test:8080/x  # the old one\n"
      "\t\r\n"
      "https://c.test/#top\t#fragment kept, comment dropped\r\n",
      "targets.txt");
  ASSERT_TRUE(urls.has_value()) << urls.error();
  EXPECT_EQ(*urls, (Urls{"https://a.test/", "http://b.test:8080/x", "https://c.test/#top"}));
}

TEST(ProbeTargets, ABadLineIsNamedByFileAndLine) {
  const auto urls = parse_targets("https://a.test/\n# fine\nftp://b.test/\n", "list.txt");
  ASSERT_FALSE(urls.has_value());
  EXPECT_EQ(urls.error(), "list.txt:3: 'ftp://b.test/' is not an http:// or https:// URL");
}

TEST(ProbeTargets, WhiteSpaceInsideAUrlIsAnError) {
  const auto urls = parse_targets("https://a.test/x y\n", "t");
  ASSERT_FALSE(urls.has_value());
  EXPECT_EQ(urls.error(), "t:1: 'https://a.test/x y' contains white space");
}

TEST(ProbeTargets, FileIsReadAndAMissingFileIsNamed) {
  test::TempDir dir;
  dir.write("t.txt", "https://a.test/\nhttps://b.test/\n");
  const auto urls = read_targets(dir.path() / "t.txt");
  ASSERT_TRUE(urls.has_value()) << urls.error();
  EXPECT_EQ(urls->size(), 2U);
  const auto missing = read_targets(dir.path() / "none.txt");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("none.txt"), std::string::npos);
}

TEST(ProbeTargets, RepeatsAreDroppedInOrder) {
  EXPECT_EQ(without_repeats({"https://b/", "https://a/", "https://b/"}),
            (Urls{"https://b/", "https://a/"}));
}

}  // namespace
}  // namespace shipcheck::cli

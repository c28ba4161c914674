// Scans of streams, large files, trees and history: chunk boundaries, line numbers and
// one report per secret.
#include "engines/secrets/scan.h"

#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "checks/secrets/secret_rules.h"
#include "support/fixture.h"
#include "support/secret_samples.h"

namespace shipcheck::secrets {
namespace {

const Matcher& matcher() {
  auto shared = checks::secrets::shared_matcher({});
  if (!shared) {
    throw std::runtime_error(shared.error());
  }
  return **shared;
}

// 20 MiB of text with a distinct token every ~4 KiB: several chunk boundaries (8 MiB
// chunks, 64 KiB overlap) fall near some token, wherever exactly they are cut.
struct Planted {
  std::string text;
  std::vector<int> lines;  // 1-based line of each token, in order
};

Planted many_tokens() {
  Planted p;
  const std::string filler(120, 'x');
  int line = 1;
  for (std::uint32_t i = 0; p.text.size() < 20U * 1024 * 1024; ++i) {
    for (int k = 0; k < 32; ++k, ++line) {
      p.text += "# " + filler + "\n";
    }
    p.text += "token = " + test::github_token("ghp", i) + "\n";
    p.lines.push_back(line++);
  }
  return p;
}

std::vector<int> lines_of(const ScanOutput& out) {
  std::vector<int> lines;
  for (const auto& f : out.findings) {
    lines.push_back(f.finding.line);
  }
  return lines;
}

TEST(ScanStream, FindsEveryTokenOnceAcrossChunkBoundaries) {
  const Planted planted = many_tokens();
  std::istringstream in(planted.text);
  const ScanOutput out = scan_stream(matcher(), in, "<stdin>");
  EXPECT_EQ(out.stats.bytes, planted.text.size());
  EXPECT_EQ(lines_of(out), planted.lines);
}

TEST(ScanDirectory, ScansAFileLargerThanAChunkInPieces) {
  test::TempDir dir;
  const Planted planted = many_tokens();
  dir.write("big.txt", planted.text);
  ScanOptions options;
  options.max_file_size = 64U * 1024 * 1024;
  const auto out = scan_directory(matcher(), dir.path(), options);
  ASSERT_TRUE(out) << out.error();
  EXPECT_EQ(lines_of(*out), planted.lines);
  options.max_file_size = 1024 * 1024;
  const auto skipped = scan_directory(matcher(), dir.path(), options);
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->findings.empty());
  EXPECT_EQ(skipped->stats.skipped_large, 1U);
}

TEST(ScanDirectory, ReportsASecretOnceWhetherInTreeOrManyHistoricBlobs) {
  test::TempDir dir;
  const std::string kept = test::github_token("ghp", 41);
  const std::string removed = test::github_token("gho", 42);
  dir.write("a.sh", "export A=" + kept + "\n");
  dir.write("b.sh", "export B=" + removed + "\n");
  test::git_commit_all(dir.path(), "one");
  dir.write("b.sh", "# edited\nexport B=" + removed + "\n");
  dir.write("c.sh", "export C=" + removed + "\n");
  test::git(dir.path(), "add -A");
  test::git(dir.path(), "commit -qm two");
  std::filesystem::remove(dir.path() / "b.sh");
  std::filesystem::remove(dir.path() / "c.sh");
  test::git(dir.path(), "commit -qam three");
  ScanOptions options;
  options.history = true;
  const auto out = scan_directory(matcher(), dir.path(), options);
  ASSERT_TRUE(out) << out.error();
  ASSERT_EQ(out->findings.size(), 2U);
  EXPECT_EQ(out->findings[0].path, "a.sh");
  EXPECT_FALSE(out->findings[0].commit.has_value());
  EXPECT_EQ(out->findings[1].path, "b.sh");  // the first blob that held it
  ASSERT_TRUE(out->findings[1].commit.has_value());
  EXPECT_EQ(out->findings[1].finding.line, 1);
  EXPECT_EQ(out->stats.commits, 3U);
}

TEST(ScanDirectory, SkipsBinaryAndAllowlistedFiles) {
  test::TempDir dir;
  const std::string token = test::github_token("ghp", 43);
  dir.write("image.bin", std::string("\x89PNG\0\0", 6) + token);
  dir.write("package-lock.json", "{\"t\": \"" + token + "\"}\n");
  const auto out = scan_directory(matcher(), dir.path(), ScanOptions{});
  ASSERT_TRUE(out) << out.error();
  EXPECT_TRUE(out->findings.empty());
  EXPECT_EQ(out->stats.skipped_binary, 1U);
  EXPECT_EQ(out->stats.skipped_allowlisted, 1U);
}

}  // namespace
}  // namespace shipcheck::secrets

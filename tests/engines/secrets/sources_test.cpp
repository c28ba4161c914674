// Tests of the secret-scan sources against real directories and git repositories.
#include "engines/secrets/sources.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::secrets {
namespace {

namespace fs = std::filesystem;
using test::git;
using test::git_commit_all;
using test::TempDir;
using Strings = std::vector<std::string>;

// Output of `git <args>` in `dir`, trailing newline dropped; throws on failure.
std::string git_output(const fs::path& dir, const std::string& args) {
  std::string output;
  if (test::run_command(fmt::format("cd '{}' && git {}", dir.string(), args), output) != 0) {
    throw std::runtime_error("git " + args + " failed: " + output);
  }
  while (!output.empty() && output.back() == '\n') {
    output.pop_back();
  }
  return output;
}

Strings split_lines(const std::string& text) {
  Strings lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string head_id(const fs::path& dir) {
  return git_output(dir, "rev-parse HEAD");
}

void commit_as(const fs::path& dir, const std::string& message, const std::string& author = "",
               const std::string& date = "") {
  std::string args = "commit -q --allow-empty -m '" + message + "'";
  if (!author.empty()) {
    args += " --author='" + author + "'";
  }
  if (!date.empty()) {
    args += " --date='" + date + "'";
  }
  git(dir, args);
}

Strings list_ok(const fs::path& root) {
  auto files = list_worktree_files(root);
  EXPECT_TRUE(files.has_value()) << (files ? "" : files.error());
  return files ? *files : Strings{};
}

HistoryIndex index_ok(const fs::path& repo, const HistoryOptions& options = {}) {
  auto index = index_history(repo, options);
  EXPECT_TRUE(index.has_value()) << (index ? "" : index.error());
  return index ? std::move(*index) : HistoryIndex{};
}

const HistoryBlob* blob_at(const HistoryIndex& index, const std::string& path) {
  const auto it = std::find_if(index.blobs.begin(), index.blobs.end(),
                               [&](const HistoryBlob& blob) { return blob.path == path; });
  return it == index.blobs.end() ? nullptr : &*it;
}

// Paths of the blobs in introduction order.
Strings blob_paths(const HistoryIndex& index) {
  Strings paths;
  for (const HistoryBlob& blob : index.blobs) {
    paths.push_back(blob.path);
  }
  return paths;
}

// ---------------------------------------------------------------------------------------
// Working tree inside git

TEST(ListWorktreeFiles, ListsTrackedAndUntrackedFilesButNotIgnoredOnes) {
  TempDir dir;
  dir.write(".gitignore", "*.log\nbuild/\n");
  dir.write("a.txt", "a\n");
  dir.write("sub/b.txt", "b\n");
  git_commit_all(dir.path());
  dir.write("forced.log", "tracked although ignored\n");
  git(dir.path(), "add -f forced.log");
  dir.write("staged.txt", "s\n");
  git(dir.path(), "add staged.txt");
  dir.write("new.txt", "n\n");
  dir.write("newdir/deep/c.txt", "c\n");
  dir.write("debug.log", "ignored\n");
  dir.write("build/out.txt", "ignored\n");
  EXPECT_EQ(list_ok(dir.path()), (Strings{".gitignore", "a.txt", "forced.log", "new.txt",
                                          "newdir/deep/c.txt", "staged.txt", "sub/b.txt"}));
}

TEST(ListWorktreeFiles, SubdirectoryRootListsOnlyItsFilesRelativeToIt) {
  TempDir dir;
  dir.write("backend/app.py", "print()\n");
  dir.write("backend/pkg/mod.py", "x = 1\n");
  dir.write("backend-old/app.py", "print()\n");
  dir.write("frontend/app.js", "1\n");
  git_commit_all(dir.path());
  dir.write("backend/new.py", "new\n");
  dir.write("backend-old/new.py", "new\n");
  EXPECT_EQ(list_ok(dir.path() / "backend"), (Strings{"app.py", "new.py", "pkg/mod.py"}));
  EXPECT_EQ(list_ok(dir.path() / "backend" / "pkg"), (Strings{"mod.py"}));
}

TEST(ListWorktreeFiles, SkipsDeletedFilesSymlinksSubmodulesAndNestedRepositories) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  dir.write("gone.txt", "g\n");
  git_commit_all(dir.path());
  fs::create_symlink("a.txt", dir.path() / "link.txt");
  git(dir.path(), "add link.txt");
  dir.write("vendor/lib/inner.txt", "inner\n");
  git_commit_all(dir.path() / "vendor" / "lib");
  const std::string inner = head_id(dir.path() / "vendor" / "lib");
  git(dir.path(), "update-index --add --cacheinfo 160000," + inner + ",vendor/lib");
  commit_as(dir.path(), "submodule and link");
  fs::remove(dir.path() / "gone.txt");
  // An untracked nested repository is not entered, as `git status` does not enter it.
  dir.write("other/code.py", "x\n");
  git_commit_all(dir.path() / "other");
  EXPECT_EQ(list_ok(dir.path()), (Strings{"a.txt"}));
}

// Every source of ignore rules git has, with one file each rule should decide.
void write_git_ignore_fixture(const TempDir& dir) {
  git(dir.path(), "init -q");
  dir.write("global-excludes", "*.global\n!keep.global\n");
  git(dir.path(), "config core.excludesFile '" + (dir.path() / "global-excludes").string() + "'");
  dir.write(".git/info/exclude", "*.excluded\n");
  dir.write(".gitignore", "*.log\nvendor/\n/top-only.txt\n!*.global.log\n");
  dir.write("app/.gitignore", "!debug.log\n*.tmp\ndrafts/\n");
  dir.write("app/deep/.gitignore", "!*.excluded\n");
  dir.write("vendor/tracked.txt", "tracked inside an ignored directory\n");
  dir.write("app/drafts/tracked.md", "tracked\n");
  git(dir.path(), "add -f vendor/tracked.txt app/drafts/tracked.md");
  git(dir.path(), "add .gitignore app/.gitignore app/deep/.gitignore");
  git(dir.path(), "commit -q -m base");
  for (const char* path :
       {"a.global", "keep.global", "x.global.log", "b.excluded", "app/deep/c.excluded",
        "app/deep/d.excluded.log", "trace.log", "app/debug.log", "app/other.log", "app/x.tmp",
        "x.tmp", "top-only.txt", "app/top-only.txt", "vendor/untracked.txt", "vendor/sub/more.txt",
        "app/drafts/untracked.md", "app/drafts/sub/more.md", "app/code.py"}) {
    dir.write(path, "content\n");
  }
}

// Tracked files and untracked, unignored ones below `prefix`, as git lists them.
Strings git_listing(const fs::path& dir, const std::string& prefix) {
  Strings listed = split_lines(git_output(
      dir, "ls-files --cached --others --exclude-standard -- " + (prefix.empty() ? "." : prefix)));
  for (auto& path : listed) {
    path = path.substr(prefix.size());
  }
  std::sort(listed.begin(), listed.end());
  return listed;
}

TEST(ListWorktreeFiles, InsideGitAgreesWithGitOnEveryIgnoreSource) {
  TempDir dir;
  write_git_ignore_fixture(dir);
  const Strings ours = list_ok(dir.path());
  EXPECT_EQ(ours, git_listing(dir.path(), ""));
  // Spot checks, so that a fixture git itself ignored wholesale could not pass.
  for (const char* kept : {"keep.global", "app/debug.log", "app/deep/c.excluded",
                           "vendor/tracked.txt", "app/drafts/tracked.md", "app/top-only.txt"}) {
    EXPECT_NE(std::find(ours.begin(), ours.end(), kept), ours.end()) << kept;
  }
  for (const char* ignored : {"a.global", "b.excluded", "trace.log", "app/x.tmp", "top-only.txt",
                              "vendor/untracked.txt", "app/drafts/untracked.md"}) {
    EXPECT_EQ(std::find(ours.begin(), ours.end(), ignored), ours.end()) << ignored;
  }
}

TEST(ListWorktreeFiles, SubdirectoryRootHonoursTheGitignoreFilesAboveIt) {
  TempDir dir;
  write_git_ignore_fixture(dir);
  EXPECT_EQ(list_ok(dir.path() / "app"), git_listing(dir.path(), "app/"));
  EXPECT_EQ(list_ok(dir.path() / "app" / "deep"), git_listing(dir.path(), "app/deep/"));
  // A root inside an ignored directory lists its tracked files only.
  EXPECT_EQ(list_ok(dir.path() / "vendor"), (Strings{"tracked.txt"}));
  EXPECT_EQ(list_ok(dir.path() / "app" / "drafts"), (Strings{"tracked.md"}));
}

TEST(ListWorktreeFiles, FailsForAMissingDirectory) {
  TempDir dir;
  const auto files = list_worktree_files(dir.path() / "missing");
  ASSERT_FALSE(files.has_value());
  EXPECT_NE(files.error().find("missing"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Working tree outside git

void write_ignore_fixture(const TempDir& dir) {
  dir.write(".gitignore",
            "# comment\n"
            "\n"
            "*.log\n"
            "!important.log\n"
            "/root-only.txt\n"
            "build/\n"
            "!build/keep.txt\n"
            "docs/**/draft-*.md\n"
            "tmp?\n"
            "\\#literal\n"
            "spaced.txt   \n");
  dir.write("sub/.gitignore", "!debug.log\n*.tmp\n");
  for (const char* path :
       {"app.py", "debug.log", "important.log", "root-only.txt", "sub/root-only.txt", "build/x.o",
        "build/keep.txt", "sub/build/y.o", "sub2/build", "docs/a/b/draft-1.md", "docs/draft-2.md",
        "docs/final.md", "tmp1", "tmp12", "#literal", "spaced.txt", "sub/debug.log", "sub/x.tmp",
        "x.tmp"}) {
    dir.write(path, "content\n");
  }
}

TEST(ListWorktreeFiles, OutsideGitHonoursNestedGitignoreFiles) {
  TempDir dir;
  write_ignore_fixture(dir);
  EXPECT_EQ(list_ok(dir.path()),
            (Strings{".gitignore", "app.py", "docs/final.md", "important.log", "sub/.gitignore",
                     "sub/debug.log", "sub/root-only.txt", "sub2/build", "tmp12", "x.tmp"}));
}

TEST(ListWorktreeFiles, OutsideGitAgreesWithGitItself) {
  TempDir dir;
  write_ignore_fixture(dir);
  const Strings ours = list_ok(dir.path());
  git(dir.path(), "init -q");
  Strings theirs =
      split_lines(git_output(dir.path(), "-c core.excludesFile= ls-files -o --exclude-standard"));
  std::sort(theirs.begin(), theirs.end());
  EXPECT_EQ(ours, theirs);
}

TEST(ListWorktreeFiles, OutsideGitSkipsSymlinksAndGitDirectories) {
  TempDir dir;
  dir.write("real.txt", "r\n");
  dir.write("nested/.git/config", "not scanned\n");
  dir.write("nested/code.py", "x\n");
  fs::create_symlink("real.txt", dir.path() / "link.txt");
  fs::create_directory_symlink(dir.path() / "nested", dir.path() / "loop");
  EXPECT_EQ(list_ok(dir.path()), (Strings{"nested/code.py", "real.txt"}));
}

// ---------------------------------------------------------------------------------------
// looks_binary

TEST(LooksBinary, TextIncludingUtf8IsNotBinary) {
  EXPECT_FALSE(looks_binary(""));
  EXPECT_FALSE(looks_binary("key = value\n\tindented\r\n"));
  EXPECT_FALSE(looks_binary("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\x94\x91 na\xC3\xAFve\n"));
}

TEST(LooksBinary, EveryByteValueIsClassifiedAlikeInLongAndShortHeads) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool text = (b >= 0x20 && b < 0x7f) || (b >= '\t' && b <= '\r');
    // 64 bytes go through the 16-byte blocks, 5 through the byte-wise rest.
    EXPECT_EQ(looks_binary(std::string(64, c)), !text) << "byte " << b;
    EXPECT_EQ(looks_binary(std::string(5, c)), !text) << "byte " << b;
  }
}

TEST(LooksBinary, ANulByteIsBinary) {
  EXPECT_TRUE(looks_binary(std::string("text\0more", 9)));
}

TEST(LooksBinary, ThresholdIsThirtyPercentOfNonTextBytes) {
  const auto sample = [](std::size_t bad, std::size_t total) {
    std::string text(total, 'a');
    for (std::size_t i = 0; i < bad; ++i) {
      text[i * (total / bad)] = '\x85';  // a lone continuation byte: invalid UTF-8
    }
    return text;
  };
  EXPECT_FALSE(looks_binary(sample(25, 100)));
  EXPECT_TRUE(looks_binary(sample(35, 100)));
  EXPECT_TRUE(looks_binary(std::string(64, '\x01')));
}

// ---------------------------------------------------------------------------------------
// History

TEST(IndexHistory, ReportsADeletedBlobWithItsIntroducingCommit) {
  TempDir dir;
  dir.write("readme.md", "hello\n");
  git_commit_all(dir.path(), "one");
  const std::string first = head_id(dir.path());
  const std::string content = "TOKEN=value-from-commit-two\n";
  dir.write("config/secret.env", content);
  git(dir.path(), "add -A");
  commit_as(dir.path(), "two", "Alice Example <alice@example.invalid>", "2026-02-03T04:05:06Z");
  const std::string second = head_id(dir.path());
  git(dir.path(), "rm -q config/secret.env");
  commit_as(dir.path(), "three");

  const HistoryIndex index = index_ok(dir.path());
  ASSERT_EQ(index.commits.size(), 3U);
  EXPECT_EQ(index.commits[0].id, first);
  EXPECT_EQ(index.commits[1].id, second);
  EXPECT_EQ(blob_paths(index), (Strings{"readme.md", "config/secret.env"}));
  const HistoryBlob* secret = blob_at(index, "config/secret.env");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->size, content.size());
  const CommitInfo& introducing = index.commits.at(secret->commit);
  EXPECT_EQ(introducing.id, second);
  EXPECT_EQ(introducing.author, "Alice Example");
  EXPECT_EQ(introducing.email, "alice@example.invalid");
  EXPECT_EQ(introducing.time, 1770091506);
  EXPECT_EQ(index.commits.at(blob_at(index, "readme.md")->commit).id, first);

  auto reader = BlobReader::open(dir.path());
  ASSERT_TRUE(reader.has_value()) << reader.error();
  const auto read = reader->read(secret->oid);
  ASSERT_TRUE(read.has_value()) << read.error();
  EXPECT_EQ(*read, content);
}

TEST(IndexHistory, SameContentAtTwoPathsIsOneBlobFirstIntroductionWins) {
  TempDir dir;
  dir.write("a.txt", "same\n");
  git_commit_all(dir.path(), "one");
  dir.write("b/copy.txt", "same\n");
  git_commit_all(dir.path(), "two");
  dir.write("a.txt", "changed\n");
  git_commit_all(dir.path(), "three");
  const HistoryIndex index = index_ok(dir.path());
  EXPECT_EQ(blob_paths(index), (Strings{"a.txt", "a.txt"}));
  EXPECT_EQ(index.blobs.at(0).commit, 0U);
  EXPECT_EQ(index.blobs.at(1).commit, 2U);
  EXPECT_EQ(index.blob_versions, 3U);
}

TEST(IndexHistory, WalksBranchesAndTagsNotMergedIntoHead) {
  TempDir dir;
  dir.write("base.txt", "base\n");
  git_commit_all(dir.path(), "base");
  git(dir.path(), "checkout -q -b feature");
  dir.write("feature.txt", "feature\n");
  git_commit_all(dir.path(), "feature");
  git(dir.path(), "checkout -q --detach main");
  dir.write("tagged.txt", "tagged\n");
  git_commit_all(dir.path(), "tagged");
  git(dir.path(), "tag -a -m release v-orphan");
  git(dir.path(), "checkout -q main");
  const HistoryIndex index = index_ok(dir.path());
  EXPECT_EQ(index.commits.size(), 3U);
  EXPECT_NE(blob_at(index, "feature.txt"), nullptr);
  EXPECT_NE(blob_at(index, "tagged.txt"), nullptr);
  EXPECT_EQ(index.blobs.size(), 3U);
}

TEST(IndexHistory, SinceExcludesTheRevisionAndItsAncestors) {
  TempDir dir;
  dir.write("old.txt", "old\n");
  git_commit_all(dir.path(), "old");
  const std::string old_id = head_id(dir.path());
  dir.write("new.txt", "new\n");
  git_commit_all(dir.path(), "new");
  const HistoryIndex index = index_ok(dir.path(), HistoryOptions{old_id, 0});
  ASSERT_EQ(index.commits.size(), 1U);
  EXPECT_EQ(index.commits[0].id, head_id(dir.path()));
  EXPECT_EQ(blob_paths(index), (Strings{"new.txt"}));
  EXPECT_TRUE(index_ok(dir.path(), HistoryOptions{"HEAD", 0}).commits.empty());
  EXPECT_EQ(index_ok(dir.path(), HistoryOptions{"main~1", 0}).commits.size(), 1U);
}

TEST(IndexHistory, FailsOnAnUnknownRevision) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  git_commit_all(dir.path());
  const auto index = index_history(dir.path(), HistoryOptions{"no-such-rev", 0});
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.error(), "unknown revision 'no-such-rev'");
}

TEST(IndexHistory, SkipsAndCountsBlobsOverTheSizeLimit) {
  TempDir dir;
  dir.write("small.txt", "small\n");
  dir.write("big.txt", std::string(5000, 'x'));
  git_commit_all(dir.path());
  const HistoryIndex limited = index_ok(dir.path(), HistoryOptions{"", 1000});
  EXPECT_EQ(blob_paths(limited), (Strings{"small.txt"}));
  EXPECT_EQ(limited.skipped_large, 1U);
  const HistoryIndex unlimited = index_ok(dir.path());
  EXPECT_EQ(unlimited.blobs.size(), 2U);
  EXPECT_EQ(unlimited.skipped_large, 0U);
}

TEST(IndexHistory, MergeCommitsDoNotReportBlobsAgain) {
  TempDir dir;
  dir.write("base.txt", "base\n");
  git_commit_all(dir.path(), "base");
  git(dir.path(), "checkout -q -b feature");
  dir.write("f.txt", "feature\n");
  git_commit_all(dir.path(), "feature");
  const std::string feature = head_id(dir.path());
  git(dir.path(), "checkout -q main");
  dir.write("m.txt", "main\n");
  git_commit_all(dir.path(), "main");
  git(dir.path(), "merge -q --no-ff --no-edit feature");
  const HistoryIndex index = index_ok(dir.path());
  ASSERT_EQ(index.commits.size(), 4U);
  EXPECT_EQ(index.blobs.size(), 3U);
  EXPECT_EQ(index.commits.at(blob_at(index, "f.txt")->commit).id, feature);
  // The merge carries f.txt relative to its first parent: one more version, no new blob.
  EXPECT_EQ(index.blob_versions, 4U);
}

TEST(IndexHistory, SkipsSubmoduleEntries) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  git_commit_all(dir.path());
  dir.write("vendor/lib/inner.txt", "inner\n");
  git_commit_all(dir.path() / "vendor" / "lib");
  const std::string inner = head_id(dir.path() / "vendor" / "lib");
  git(dir.path(), "update-index --add --cacheinfo 160000," + inner + ",vendor/lib");
  commit_as(dir.path(), "submodule");
  const HistoryIndex index = index_ok(dir.path());
  EXPECT_EQ(index.commits.size(), 2U);
  EXPECT_EQ(blob_paths(index), (Strings{"a.txt"}));
}

TEST(IndexHistory, AnEmptyRepositoryGivesAnEmptyIndex) {
  TempDir dir;
  git(dir.path(), "init -q");
  const HistoryIndex index = index_ok(dir.path());
  EXPECT_TRUE(index.commits.empty());
  EXPECT_TRUE(index.blobs.empty());
}

TEST(IndexHistory, FailsOutsideARepository) {
  TempDir dir;
  const auto index = index_history(dir.path(), {});
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.error(), "not a git repository: " + dir.path().string());
}

// A linear history written with git fast-import: commit i sets d<i%7>/f<i%50>.txt to
// "line i"; every tenth commit also adds copy/c<i>.txt holding the previous commit's line.
void fast_import_history(const fs::path& dir, int commits) {
  std::string stream;
  const auto add_file = [&](const std::string& path, const std::string& content) {
    stream += fmt::format("M 100644 inline {}\ndata {}\n{}\n", path, content.size(), content);
  };
  for (int i = 1; i <= commits; ++i) {
    const std::string message = fmt::format("commit {}", i);
    stream += fmt::format(
        "commit refs/heads/main\nauthor A <a@example.invalid> {0} +0000\n"
        "committer A <a@example.invalid> {0} +0000\ndata {1}\n{2}\n",
        1700000000 + i, message.size(), message);
    add_file(fmt::format("d{}/f{}.txt", i % 7, i % 50), fmt::format("line {}\n", i));
    if (i % 10 == 0) {
      add_file(fmt::format("copy/c{}.txt", i), fmt::format("line {}\n", i - 1));
    }
    stream += "\n";
  }
  std::ofstream(dir / "history.stream", std::ios::binary) << stream;
  git(dir, "init -q repo");
  git(dir / "repo", "fast-import --quiet < ../history.stream");
}

TEST(IndexHistory, IndexesALongFastImportedHistoryExactly) {
  TempDir dir;
  constexpr int k_commits = 2000;
  fast_import_history(dir.path(), k_commits);
  const HistoryIndex index = index_ok(dir.path() / "repo");
  EXPECT_EQ(index.commits.size(), static_cast<std::size_t>(k_commits));
  EXPECT_EQ(index.blobs.size(), static_cast<std::size_t>(k_commits));
  EXPECT_EQ(index.blob_versions, static_cast<std::size_t>(k_commits + k_commits / 10));
  EXPECT_EQ(index.blobs.back().path, fmt::format("d{}/f{}.txt", k_commits % 7, k_commits % 50));
  EXPECT_EQ(index.commits.at(index.blobs.back().commit).time, 1700000000 + k_commits);
}

// ---------------------------------------------------------------------------------------
// BlobReader

TEST(BlobReader, FailsOnUnknownAndMalformedIds) {
  TempDir dir;
  dir.write("a.txt", "a\n");
  git_commit_all(dir.path());
  auto reader = BlobReader::open(dir.path());
  ASSERT_TRUE(reader.has_value()) << reader.error();
  EXPECT_FALSE(reader->read(std::string(40, '0')).has_value());
  EXPECT_FALSE(reader->read("xyz").has_value());
  const std::string id = git_output(dir.path(), "rev-parse HEAD:a.txt");
  const auto content = reader->read(id);
  ASSERT_TRUE(content.has_value()) << content.error();
  EXPECT_EQ(*content, "a\n");
}

TEST(BlobReader, FailsOutsideARepository) {
  TempDir dir;
  const auto reader = BlobReader::open(dir.path());
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error(), "not a git repository: " + dir.path().string());
}

}  // namespace
}  // namespace shipcheck::secrets

// Tests of our .gitignore matcher: wildmatch cases, parsing, and precedence across files.
#include "engines/secrets/gitignore.h"

#include <gtest/gtest.h>

namespace shipcheck::secrets {
namespace {

TEST(Wildmatch, StarAndQuestionMarkStopAtSlashes) {
  EXPECT_TRUE(wildmatch("*.log", "debug.log"));
  EXPECT_FALSE(wildmatch("*.log", "logs/debug.log"));
  EXPECT_TRUE(wildmatch("a?c", "abc"));
  EXPECT_FALSE(wildmatch("a?c", "a/c"));
  EXPECT_FALSE(wildmatch("*.log", "debug.txt"));
  EXPECT_TRUE(wildmatch("*", ""));
  EXPECT_FALSE(wildmatch("?", ""));
}

TEST(Wildmatch, DoubleStarSpansDirectoriesOnlyAsAWholeComponent) {
  EXPECT_TRUE(wildmatch("**/foo", "foo"));
  EXPECT_TRUE(wildmatch("**/foo", "a/b/foo"));
  EXPECT_TRUE(wildmatch("foo/**", "foo/a/b"));
  EXPECT_FALSE(wildmatch("foo/**", "foo"));
  EXPECT_TRUE(wildmatch("a/**/b", "a/b"));
  EXPECT_TRUE(wildmatch("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(wildmatch("a/**/b", "a/x/y/c"));
  // Not a whole component: an ordinary star.
  EXPECT_TRUE(wildmatch("a**b", "axxb"));
  EXPECT_FALSE(wildmatch("a**b", "a/b"));
  EXPECT_FALSE(wildmatch("**foo", "a/foo"));
}

TEST(Wildmatch, ClassesWithRangesNegationAndNames) {
  EXPECT_TRUE(wildmatch("file[0-9].txt", "file7.txt"));
  EXPECT_FALSE(wildmatch("file[0-9].txt", "filex.txt"));
  EXPECT_TRUE(wildmatch("file[!0-9].txt", "filex.txt"));
  EXPECT_TRUE(wildmatch("file[^0-9].txt", "filex.txt"));
  EXPECT_FALSE(wildmatch("file[!0-9].txt", "file1.txt"));
  EXPECT_TRUE(wildmatch("[]]", "]"));
  EXPECT_TRUE(wildmatch("[abc]", "b"));
  EXPECT_TRUE(wildmatch("[[:digit:]][[:upper:]]", "7Q"));
  EXPECT_FALSE(wildmatch("[[:digit:]]", "x"));
  EXPECT_FALSE(wildmatch("a[/]b", "a/b"));
  EXPECT_TRUE(wildmatch("[a-]", "-"));
}

TEST(Wildmatch, MalformedClassesMatchNothing) {
  EXPECT_FALSE(wildmatch("[abc", "a"));
  EXPECT_FALSE(wildmatch("[[:nosuch:]]", "a"));
}

TEST(Wildmatch, BackslashEscapesTheNextCharacter) {
  EXPECT_TRUE(wildmatch("\\*", "*"));
  EXPECT_FALSE(wildmatch("\\*", "x"));
  EXPECT_TRUE(wildmatch("\\#notes", "#notes"));
  EXPECT_FALSE(wildmatch("trailing\\", "trailing\\"));
}

TEST(Wildmatch, ManyStarsDoNotBacktrackForever) {
  const std::string text(200, 'a');
  EXPECT_FALSE(wildmatch("*a*a*a*a*a*a*a*a*a*a*a*b", text));
  EXPECT_TRUE(wildmatch("*a*a*a*a*a*a*a*a*a*a*a*", text));
}

TEST(ParseGitignore, DropsCommentsAndBlankLinesAndTrimsTrailingSpaces) {
  const auto patterns = parse_gitignore("# comment\n\n*.log   \nkeep\\ \n\\#hash\n", "");
  ASSERT_EQ(patterns.size(), 3U);
  EXPECT_EQ(patterns[0].pattern, "*.log");
  EXPECT_EQ(patterns[1].pattern, "keep\\ ");
  EXPECT_EQ(patterns[2].pattern, "\\#hash");
}

TEST(ParseGitignore, ReadsNegationAnchoringAndDirectoryOnlyMarks) {
  const auto patterns =
      parse_gitignore("\xEF\xBB\xBF!keep.log\r\n/build/\ndocs/*.md\nname\n", "sub/");
  ASSERT_EQ(patterns.size(), 4U);
  EXPECT_TRUE(patterns[0].negated);
  EXPECT_EQ(patterns[0].pattern, "keep.log");
  EXPECT_TRUE(patterns[0].basename_only);
  EXPECT_EQ(patterns[1].pattern, "build");
  EXPECT_TRUE(patterns[1].directory_only);
  EXPECT_FALSE(patterns[1].basename_only);
  EXPECT_FALSE(patterns[2].basename_only);
  EXPECT_TRUE(patterns[3].basename_only);
  EXPECT_FALSE(patterns[3].negated);
  EXPECT_EQ(patterns[3].base, "sub/");
}

TEST(GitignoreStack, LastMatchingPatternWinsIncludingNegation) {
  GitignoreStack stack;
  stack.push("", "*.log\n!keep.log\n");
  EXPECT_TRUE(stack.is_ignored("debug.log", false));
  EXPECT_TRUE(stack.is_ignored("deep/dir/debug.log", false));
  EXPECT_FALSE(stack.is_ignored("keep.log", false));
  EXPECT_FALSE(stack.is_ignored("deep/keep.log", false));
  EXPECT_FALSE(stack.is_ignored("readme.md", false));
}

TEST(GitignoreStack, AnchoredPatternsMatchOnlyRelativeToTheirFile) {
  GitignoreStack stack;
  stack.push("", "/top.txt\nconfig/local.yaml\n");
  stack.push("sub/", "/only-here\n");
  EXPECT_TRUE(stack.is_ignored("top.txt", false));
  EXPECT_FALSE(stack.is_ignored("sub/top.txt", false));
  EXPECT_TRUE(stack.is_ignored("config/local.yaml", false));
  EXPECT_FALSE(stack.is_ignored("sub/config/local.yaml", false));
  EXPECT_TRUE(stack.is_ignored("sub/only-here", false));
  EXPECT_FALSE(stack.is_ignored("only-here", false));
}

TEST(GitignoreStack, DirectoryOnlyPatternsSkipFiles) {
  GitignoreStack stack;
  stack.push("", "build/\n");
  EXPECT_TRUE(stack.is_ignored("build", true));
  EXPECT_TRUE(stack.is_ignored("src/build", true));
  EXPECT_FALSE(stack.is_ignored("build", false));
}

TEST(GitignoreStack, DeeperFilesOverrideAndPopRestores) {
  GitignoreStack stack;
  stack.push("", "*.env\n");
  stack.push("app/", "!*.env\n");
  EXPECT_FALSE(stack.is_ignored("app/prod.env", false));
  stack.pop();
  EXPECT_TRUE(stack.is_ignored("app/prod.env", false));
}

}  // namespace
}  // namespace shipcheck::secrets

// Tests of the alembic migration parser and revision graph.
#include "engines/alembic/alembic.h"

#include <gtest/gtest.h>

namespace shipcheck::alembic {
namespace {

using Strings = std::vector<std::string>;

Revision parse_ok(std::string_view text) {
  auto parsed = parse_revision(text, "versions/x.py");
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().to_string());
  return parsed ? *parsed : Revision{};
}

ParseError parse_error(std::string_view text) {
  auto parsed = parse_revision(text, "versions/x.py");
  EXPECT_FALSE(parsed.has_value());
  return parsed ? ParseError{} : parsed.error();
}

TEST(AlembicParse, ReadsClassicTemplate) {
  const Revision rev = parse_ok(
      "\"\"\"create tasks\n\nRevision ID: 1a2b3c\nRevises:\n\"\"\"\n"
      "from alembic import op\n\n"
      "# revision identifiers, used by Alembic.\n"
      "revision = '1a2b3c'\n"
      "down_revision = None\n"
      "branch_labels = None\n");
  EXPECT_EQ(rev.id, "1a2b3c");
  EXPECT_TRUE(rev.down_revisions.empty());
  EXPECT_EQ(rev.file, "versions/x.py");
  EXPECT_EQ(rev.line, 9);
  EXPECT_EQ(rev.down_line, 10);
}

TEST(AlembicParse, ReadsAnnotatedTemplate) {
  const Revision rev = parse_ok(
      "from typing import Sequence, Union\n"
      "revision: str = \"ae10\"\n"
      "down_revision: Union[str, Sequence[str], None] = \"27c6\"\n"
      "depends_on: Union[str, Sequence[str], None] = None\n");
  EXPECT_EQ(rev.id, "ae10");
  EXPECT_EQ(rev.down_revisions, Strings{"27c6"});
}

TEST(AlembicParse, ReadsMergeTupleOverSeveralLines) {
  const Revision rev = parse_ok(
      "revision = 'm1'\n"
      "down_revision = (  # merge\n"
      "    'a1',\n"
      "    \"b2\",  # second parent\n"
      ")\n");
  EXPECT_EQ(rev.down_revisions, (Strings{"a1", "b2"}));
  EXPECT_EQ(rev.down_line, 2);
}

TEST(AlembicParse, ReadsListsBareTuplesAndConcatenation) {
  EXPECT_EQ(parse_ok("revision = 'r'\ndown_revision = ['a', 'b']\n").down_revisions,
            (Strings{"a", "b"}));
  EXPECT_EQ(parse_ok("revision = 'r'\ndown_revision = 'a', 'b'\n").down_revisions,
            (Strings{"a", "b"}));
  EXPECT_EQ(parse_ok("revision = 'r'\ndown_revision = ('a',)\n").down_revisions, Strings{"a"});
  EXPECT_EQ(parse_ok("revision = 'ab' \"cd\"\ndown_revision = ()\n").id, "abcd");
  EXPECT_EQ(parse_ok("revision = r'x1'; down_revision = u'x0'\n").down_revisions, Strings{"x0"});
}

TEST(AlembicParse, IgnoresDocstringsIndentedCodeAndOtherTargets) {
  const Revision rev = parse_ok(
      "'''\nrevision = 'in-docstring'\n'''\n"
      "def upgrade():\n"
      "    revision = 'local'\n"
      "    op.execute(\"revision = 'sql'\")\n"
      "revision = 'real'\n"
      "revision_note: str\n"
      "down_revision = None\n"
      "if True:\n    down_revision = 'indented'\n");
  EXPECT_EQ(rev.id, "real");
  EXPECT_TRUE(rev.down_revisions.empty());
}

TEST(AlembicParse, HandlesBomCrlfAndLineContinuations) {
  const Revision rev =
      parse_ok("\xEF\xBB\xBFrevision = 'bom'\r\ndown_revision = \\\r\n    'p'\r\n");
  EXPECT_EQ(rev.id, "bom");
  EXPECT_EQ(rev.down_revisions, Strings{"p"});
}

TEST(AlembicParse, FailsOnNonLiteralValueWithLocation) {
  const ParseError e = parse_error("revision = 'r'\ndown_revision = PARENT\n");
  EXPECT_EQ(e.file, "versions/x.py");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 17);
  EXPECT_FALSE(e.hint.empty());
}

TEST(AlembicParse, FailsWhenAssignmentsAreMissing) {
  EXPECT_NE(parse_error("down_revision = None\n").message.find("revision"), std::string::npos);
  EXPECT_NE(parse_error("revision = 'r'\n").message.find("down_revision"), std::string::npos);
  EXPECT_NE(parse_error("").message.find("revision"), std::string::npos);
}

TEST(AlembicParse, FailsOnMalformedLiterals) {
  const ParseError unterminated = parse_error("revision = 'r\ndown_revision = None\n");
  EXPECT_EQ(unterminated.line, 1);
  EXPECT_EQ(unterminated.column, 12);
  EXPECT_EQ(parse_error("revision = 'r'\ndown_revision = ('a',\n").line, 2);
  EXPECT_EQ(parse_error("revision = None\ndown_revision = None\n").line, 1);
  EXPECT_EQ(parse_error("revision = ('a', 'b')\ndown_revision = None\n").line, 1);
  EXPECT_EQ(parse_error("revision = ''\ndown_revision = None\n").line, 1);
  EXPECT_EQ(parse_error("revision = 'r'\ndown_revision = ('a' 'b' 'c'  'd' x)\n").line, 2);
  EXPECT_EQ(parse_error("revision = 'r'\ndown_revision =\n").line, 2);
  EXPECT_EQ(parse_error("x = \"\"\"never closed\nrevision = 'r'\n").line, 1);
  std::string huge = "revision = 'r'\ndown_revision = (";
  for (int i = 0; i < 100000; ++i) {
    huge += "'a', ";
  }
  EXPECT_EQ(parse_error(huge + ")\n").message, "assignment too long to be a revision list");
}

Revision rev(std::string id, Strings parents) {
  return Revision{std::move(id), std::move(parents), "versions/f.py", 1, 2};
}

TEST(AlembicGraph, LinearHistoryHasOneHeadAndOneBase) {
  const Graph g = analyze({rev("c", {"b"}), rev("a", {}), rev("b", {"a"})});
  EXPECT_EQ(g.heads, Strings{"c"});
  EXPECT_EQ(g.bases, Strings{"a"});
  EXPECT_TRUE(g.dangling.empty());
  EXPECT_TRUE(g.duplicates.empty());
  EXPECT_TRUE(g.cycle.empty());
}

TEST(AlembicGraph, BranchesAreHeadsUntilMerged) {
  const std::vector<Revision> branched = {rev("a", {}), rev("b", {"a"}), rev("c", {"a"})};
  EXPECT_EQ(analyze(branched).heads, (Strings{"b", "c"}));
  auto merged = branched;
  merged.push_back(rev("m", {"b", "c"}));
  EXPECT_EQ(analyze(merged).heads, Strings{"m"});
}

TEST(AlembicGraph, ReportsDanglingParentsDuplicatesAndCycles) {
  const Graph g = analyze({rev("a", {}), rev("b", {"zz"}), rev("b", {"a"}), rev("c", {"c"})});
  ASSERT_EQ(g.dangling.size(), 1u);
  EXPECT_EQ(g.dangling[0].revision, "b");
  EXPECT_EQ(g.dangling[0].parent, "zz");
  EXPECT_EQ(g.dangling[0].line, 2);
  EXPECT_EQ(g.duplicates, Strings{"b"});
  EXPECT_EQ(g.cycle, Strings{"c"});

  const Graph loop = analyze({rev("x", {"y"}), rev("y", {"x"})});
  EXPECT_TRUE(loop.heads.empty());
  EXPECT_EQ(loop.cycle.size(), 2u);
}

TEST(AlembicGraph, LongChainsDoNotRecurse) {
  std::vector<Revision> chain{rev("r0", {})};
  for (int i = 1; i < 200000; ++i) {
    chain.push_back(rev("r" + std::to_string(i), {"r" + std::to_string(i - 1)}));
  }
  const Graph g = analyze(chain);
  EXPECT_EQ(g.heads, Strings{"r199999"});
  EXPECT_TRUE(g.cycle.empty());
}

}  // namespace
}  // namespace shipcheck::alembic

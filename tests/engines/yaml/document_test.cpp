// YAML engine: documents, positions, anchors and aliases, `<<` merges, tags and styles,
// errors with libyaml's message and position, limits, and the Node helpers.
#include "engines/yaml/document.h"

#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace shipcheck::yaml {
namespace {

Stream parse_ok(std::string_view text, const Limits& limits = {}) {
  auto parsed = parse(text, "t.yaml", limits);
  if (!parsed) {
    ADD_FAILURE() << "unexpected error: " << parsed.error().to_string();
    return {};
  }
  return std::move(*parsed);
}

ParseError parse_error(std::string_view text, const Limits& limits = {}) {
  auto parsed = parse(text, "t.yaml", limits);
  if (parsed) {
    ADD_FAILURE() << "parsed " << parsed->documents.size() << " documents, expected an error";
    return {};
  }
  return parsed.error();
}

// The root of the only document.
const Node& root_of(const Stream& stream) {
  static const Node k_none;
  if (stream.documents.size() != 1 || stream.documents[0].root == nullptr) {
    ADD_FAILURE() << "expected one non-empty document, got " << stream.documents.size();
    return k_none;
  }
  return *stream.documents[0].root;
}

std::string keys_of(const Node& map) {
  std::string out;
  for (const Node::Entry& entry : map.entries) {
    out += (out.empty() ? "" : ",") + entry.key->value;
  }
  return out;
}

TEST(YamlDocument, ParsesEveryDocumentOfAStreamWithPositions) {
  const Stream stream = parse_ok(
      "# leading comment\n"
      "apiVersion: v1\n"
      "kind: Service\n"
      "---\n"
      "kind: Deployment\n"
      "spec:\n"
      "  replicas: 3\n"
      "...\n"
      "---\n"
      "---\n"
      "- a\n");
  ASSERT_EQ(stream.documents.size(), 4U);
  EXPECT_EQ(stream.documents[0].line, 2);
  EXPECT_EQ(stream.documents[1].line, 4);
  EXPECT_EQ(stream.documents[2].root, nullptr);  // `---` alone
  EXPECT_EQ(stream.documents[3].index, 3);
  const Node* replicas = stream.documents[1].root->at({"spec", "replicas"});
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->line, 7);
  EXPECT_EQ(replicas->column, 13);
  EXPECT_EQ(replicas->as_int(), 3);
  const Node* spec = stream.documents[1].root->get("spec");
  EXPECT_EQ(spec->line, 7);  // a block map starts at its first key
  EXPECT_EQ(spec->column, 3);
  ASSERT_TRUE(stream.documents[3].root->is_seq());
  EXPECT_EQ(stream.documents[3].root->items[0]->str(), "a");
}

TEST(YamlDocument, EmptyAndCommentOnlyInputHaveNoDocuments) {
  EXPECT_TRUE(parse_ok("").documents.empty());
  EXPECT_TRUE(parse_ok("# nothing here\n\n").documents.empty());
  const Stream null_doc = parse_ok("--- null\n");
  ASSERT_EQ(null_doc.documents.size(), 1U);
  EXPECT_EQ(null_doc.documents[0].root, nullptr);
}

TEST(YamlDocument, AliasesShareTheAnchoredNode) {
  const Stream stream = parse_ok(
      "base: &base\n"
      "  image: nginx:1.25\n"
      "copy: *base\n"
      "list: [*base, *base]\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.get("base"), root.get("copy"));
  EXPECT_EQ(root.get("list")->items[1], root.get("base"));
  EXPECT_EQ(root.at({"copy", "image"})->str(), "nginx:1.25");
}

TEST(YamlDocument, AnchorsAreScopedToTheirDocument) {
  const ParseError error = parse_error("a: &x 1\n---\nb: *x\n");
  EXPECT_EQ(error.message, "found undefined alias 'x'");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 4);
}

TEST(YamlDocument, RedefinedAnchorNamesTheLaterNode) {
  const Stream stream = parse_ok("a: &x 1\nb: &x 2\nc: *x\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.get("c")->str(), "2");
}

TEST(YamlDocument, AliasInsideItsOwnAnchorIsAnError) {
  const ParseError error = parse_error("a: &x\n  b: *x\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_NE(error.message.find("contains it"), std::string::npos);
}

TEST(YamlDocument, AliasBombStaysCheap) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char prev = static_cast<char>(level - 1);
    text += fmt::format("{0}: &{0} [*{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}]\n", level,
                        prev);
  }
  const Stream stream = parse_ok(text);
  EXPECT_LT(stream.nodes.size(), 200U);  // 9^10 leaves if expanded
}

TEST(YamlDocument, AliasUsesAreLimited) {
  Limits limits;
  limits.max_alias_uses = 3;
  const ParseError error = parse_error("a: &a 1\nb: [*a, *a, *a, *a]\n", limits);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 17);
  EXPECT_NE(error.message.find("alias"), std::string::npos);
}

TEST(YamlDocument, MergeKeyAppliesAMapAndExplicitKeysWin) {
  const Stream stream = parse_ok(
      "x-defaults: &defaults\n"
      "  restart: always\n"
      "  image: base:1\n"
      "web:\n"
      "  image: web:2\n"
      "  <<: *defaults\n"
      "  ports: ['80:80']\n");
  const Node& root = root_of(stream);
  const Node* web = root.get("web");
  EXPECT_EQ(keys_of(*web), "image,restart,ports");
  EXPECT_EQ(web->get("image")->str(), "web:2");
  EXPECT_EQ(web->get("restart")->str(), "always");
  EXPECT_EQ(web->get("<<"), nullptr);
}

TEST(YamlDocument, MergeListEarlierMapsWin) {
  const Stream stream = parse_ok(
      "a: &a {k: from-a, only_a: 1}\n"
      "b: &b {k: from-b, only_b: 2}\n"
      "c:\n"
      "  <<: [*a, *b]\n"
      "  own: 3\n");
  const Node& root = root_of(stream);
  const Node* c = root.get("c");
  EXPECT_EQ(keys_of(*c), "k,only_a,only_b,own");
  EXPECT_EQ(c->get("k")->str(), "from-a");
}

TEST(YamlDocument, MergesNestAndAcceptInlineMaps) {
  const Stream stream = parse_ok(
      "a: &a {x: 1}\n"
      "b: &b {<<: *a, y: 2}\n"
      "c: {<<: [*b, {z: 3}]}\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(keys_of(*root.get("c")), "x,y,z");
}

TEST(YamlDocument, QuotedOrTaggedLessThanLessThanIsAnOrdinaryKey) {
  const Stream stream = parse_ok("m: {'<<': 1}\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.at({"m", "<<"})->str(), "1");
}

TEST(YamlDocument, MergeOfAScalarIsAnError) {
  const ParseError error = parse_error("a:\n  <<: text\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 7);
  EXPECT_NE(error.message.find("merge"), std::string::npos);
}

TEST(YamlDocument, DuplicateKeyIsAnErrorAtTheSecondKey) {
  const ParseError error = parse_error("image: a\nports: []\nimage: b\n");
  EXPECT_EQ(error.file, "t.yaml");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 1);
  EXPECT_EQ(error.message, "duplicate key 'image'");
}

TEST(YamlDocument, DuplicateKeyInABigMapIsFound) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += fmt::format("k{}: {}\n", i, i);
  }
  text += "k42: again\n";
  EXPECT_EQ(parse_error(text).line, 101);
}

TEST(YamlDocument, LibyamlErrorsCarryItsProblemAndMark) {
  const ParseError error = parse_error("a: b: c\n");
  EXPECT_EQ(error.message, "mapping values are not allowed in this context");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 5);
  EXPECT_EQ(error.to_string().rfind("t.yaml:1:5: ", 0), 0U);
}

TEST(YamlDocument, UnclosedFlowAndBadIndentationAreErrors) {
  EXPECT_GE(parse_error("a: [1, 2\nb: 3\n").line, 2);
  const ParseError indent = parse_error("a:\n  b: 1\n c: 2\n");
  EXPECT_EQ(indent.line, 3);
  EXPECT_FALSE(indent.hint.empty());  // libyaml's context: where the mapping started
}

// libyaml reports the end of a text without a final line break on a line after it.
TEST(YamlDocument, PositionsStayInsideATextWithoutFinalNewline) {
  const Stream stream = parse_ok("x: \xC3\xA9\nb:\n  c:");
  const Node* c = root_of(stream).at({"b", "c"});
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->is_null());
  EXPECT_EQ(c->line, 3);
  EXPECT_EQ(c->column, 5);
  const ParseError error = parse_error("a: [1");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 6);
}

// An error found at the end of the input points where the content ends, not at the empty
// line after it.
TEST(YamlDocument, ErrorsAtTheEndPointPastTheLastContent) {
  const ParseError error = parse_error("a: [1, 2   \r\n\n\n");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 9);
  EXPECT_EQ(error.hint, "while parsing a flow sequence at line 1, column 4");
}

TEST(YamlDocument, InvalidUtf8IsAReaderErrorWithAPosition) {
  const ParseError error = parse_error("a: 1\nb: \xff\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 4);
  EXPECT_FALSE(error.message.empty());
}

TEST(YamlDocument, AcceptsBomAndCrlf) {
  const Stream stream = parse_ok("\xEF\xBB\xBFkind: Pod\r\nspec:\r\n  x: |\r\n    a\r\n    b\r\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.get("kind")->str(), "Pod");
  EXPECT_EQ(root.get("kind")->line, 1);
  EXPECT_EQ(root.at({"spec", "x"})->str(), "a\nb\n");
  EXPECT_EQ(root.at({"spec", "x"})->line, 3);
}

TEST(YamlDocument, KeepsTagsInTheirWrittenForm) {
  const Stream stream = parse_ok("a: !!str 5\nb: !Ref Name\nc: !!null ''\nd: !!map {}\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.get("a")->tag, "!!str");
  EXPECT_EQ(root.get("a")->as_int(), std::nullopt);
  EXPECT_EQ(root.get("b")->tag, "!Ref");
  EXPECT_TRUE(root.get("c")->is_null());
  EXPECT_EQ(root.get("d")->tag, "!!map");
}

TEST(YamlDocument, QuotedMarksQuotedAndBlockScalars) {
  const Stream stream = parse_ok("a: 'yes'\nb: \"1\"\nc: |\n  x\nd: >\n  y\ne: yes\n");
  const Node& root = root_of(stream);
  EXPECT_TRUE(root.get("a")->quoted);
  EXPECT_EQ(root.get("a")->as_bool(), std::nullopt);
  EXPECT_EQ(root.get("b")->as_int(), std::nullopt);
  EXPECT_TRUE(root.get("c")->quoted);
  EXPECT_TRUE(root.get("d")->quoted);
  EXPECT_FALSE(root.get("e")->quoted);
  EXPECT_EQ(root.get("e")->as_bool(), true);
}

TEST(YamlDocument, NullScalarsAreNullKindWithTheirText) {
  const Stream stream = parse_ok("a:\nb: ~\nc: null\nd: ''\n");
  const Node& root = root_of(stream);
  EXPECT_TRUE(root.get("a")->is_null());
  EXPECT_TRUE(root.get("b")->is_null());
  EXPECT_EQ(root.get("c")->value, "null");
  EXPECT_EQ(root.get("c")->str("fallback"), "fallback");
  EXPECT_TRUE(root.get("d")->is_scalar());
}

TEST(YamlDocument, AsBoolReadsYaml11Words) {
  const Stream stream =
      parse_ok("[y, Yes, ON, true, n, NO, off, False, tRUE, maybe, 1, !!bool yes, !!str yes]\n");
  const Node& root = root_of(stream);
  std::string out;
  for (const Node* item : root.items) {
    const auto value = item->as_bool();
    out += !value ? '-' : (*value ? 'T' : 'F');
  }
  EXPECT_EQ(out, "TTTTFFFF---T-");
}

TEST(YamlDocument, AsIntReadsDecimalHexAndOctal) {
  const Stream stream = parse_ok(
      "[42, -7, +3, 0x1F, 0o17, 0644, 0, 08, 1.5, 1e3, '', 9223372036854775807, "
      "-9223372036854775808, 9223372036854775808, 12abc]\n");
  const Node& root = root_of(stream);
  std::vector<std::string> out;
  for (const Node* item : root.items) {
    const auto value = item->as_int();
    out.push_back(value ? std::to_string(*value) : "-");
  }
  EXPECT_EQ(fmt::format("{}", fmt::join(out, " ")),
            "42 -7 3 31 15 420 0 - - - - 9223372036854775807 -9223372036854775808 - -");
}

TEST(YamlDocument, GetAtAndStrOnWrongKindsAreSafe) {
  const Stream stream = parse_ok("a: {b: [1]}\n");
  const Node& root = root_of(stream);
  EXPECT_EQ(root.at({"a", "b", "c"}), nullptr);
  EXPECT_EQ(root.at({"missing", "b"}), nullptr);
  EXPECT_EQ(root.get("a")->str("x"), "x");
  EXPECT_EQ(root.get("a")->get("b")->get("0"), nullptr);
  EXPECT_EQ(root.at({}), &root);
}

TEST(YamlDocument, NestingDepthIsLimited) {
  Limits limits;
  limits.max_depth = 10;
  const ParseError error = parse_error(std::string(11, '[') + std::string(11, ']'), limits);
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 11);
  EXPECT_NE(error.message.find("nesting"), std::string::npos);
  EXPECT_TRUE(parse(std::string(10, '[') + std::string(10, ']'), "", limits).has_value());
  // The default limit stops a hostile document long before anything could overflow.
  EXPECT_FALSE(parse(std::string(100'000, '[')).has_value());
}

TEST(YamlDocument, NodeCountIsLimited) {
  Limits limits;
  limits.max_nodes = 5;
  EXPECT_NE(parse_error("[1, 2, 3, 4, 5, 6]", limits).message.find("nodes"), std::string::npos);
}

TEST(YamlDocument, MergeWorkIsLimited) {
  Limits limits;
  limits.max_nodes = 20;  // 14 nodes, 21 merged entries
  const ParseError error =
      parse_error("a: &a {k1: 1, k2: 2, k3: 3}\nb: {<<: [*a, *a, *a, *a, *a, *a, *a]}\n", limits);
  EXPECT_NE(error.message.find("merge"), std::string::npos);
}

TEST(YamlDocument, AnyBytesParseOrFailWithAPosition) {
  for (const std::string_view text :
       {std::string_view("\0\0\0", 3), std::string_view("{{{{"), std::string_view("- - - -\n\t- x"),
        std::string_view("&a *a"), std::string_view("!<tag> : : :"),
        std::string_view("\xFE\xFF\x00k", 4), std::string_view("%YAML 9.9\n---\n"),
        std::string_view("? [a]\n: b\n? [a]\n: c\n")}) {
    const auto parsed = parse(text);
    if (!parsed) {
      EXPECT_GE(parsed.error().line, 1) << text;
      EXPECT_GE(parsed.error().column, 1) << text;
    }
  }
}

}  // namespace
}  // namespace shipcheck::yaml

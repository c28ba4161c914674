// dotenv parser: syntax (docker-compose / python-dotenv), expansion, errors with
// line:column, and parse_file's guards against huge or endless files.
#include "engines/dotenv/dotenv.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::dotenv {
namespace {

using namespace std::string_literals;

File parse_ok(std::string_view text, const Lookup& lookup = {}) {
  auto parsed = parse(text, "t.env", lookup);
  if (!parsed) {
    ADD_FAILURE() << "unexpected error: " << parsed.error().to_string();
    return {};
  }
  return *parsed;
}

ParseError parse_error(std::string_view text) {
  auto parsed = parse(text, "t.env");
  if (parsed) {
    ADD_FAILURE() << "parsed with " << parsed->entries.size() << " entries, expected an error";
    return {};
  }
  return parsed.error();
}

// The value of the last `key`, or "<missing>".
std::string value_of(std::string_view text, std::string_view key, const Lookup& lookup = {}) {
  const File file = parse_ok(text, lookup);
  const Entry* entry = file.find(key);
  return entry != nullptr ? entry->value : "<missing>";
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// Time limits below hold for optimized builds; sanitizers and -O0 are several times
// slower, and a limit is there to catch quadratic behaviour, not a constant factor.
#if defined(__SANITIZE_ADDRESS__)
#define DOTENV_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DOTENV_TEST_SANITIZED 1
#endif
#endif
#if defined(DOTENV_TEST_SANITIZED)
constexpr double k_time_scale = 10.0;
#elif defined(NDEBUG)
constexpr double k_time_scale = 1.0;
#else
constexpr double k_time_scale = 3.0;
#endif

// Seconds since `start`, divided by k_time_scale so that limits read as optimized times.
double seconds_since(std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / k_time_scale;
}

// ---- entries, keys, layout ----

TEST(Dotenv, ParsesKeyValueLinesWithPositions) {
  const File file = parse_ok("A=1\nB=two\n");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].key, "A");
  EXPECT_EQ(file.entries[0].value, "1");
  EXPECT_EQ(file.entries[0].line, 1);
  EXPECT_EQ(file.entries[0].column, 1);
  EXPECT_EQ(file.entries[1].key, "B");
  EXPECT_EQ(file.entries[1].value, "two");
  EXPECT_EQ(file.entries[1].line, 2);
  EXPECT_FALSE(file.entries[1].quoted);
  EXPECT_FALSE(file.entries[1].exported);
}

TEST(Dotenv, EmptyFileIsValidWithNoEntries) {
  EXPECT_TRUE(parse_ok("").entries.empty());
  EXPECT_TRUE(parse_ok("\n\n   \n\t\n").entries.empty());
}

TEST(Dotenv, OnlyCommentsGiveNoEntries) {
  EXPECT_TRUE(parse_ok("# one\n   # indented\n#A=1\n\t#\n").entries.empty());
}

TEST(Dotenv, SkipsBlankAndCommentLinesButCountsThem) {
  const File file = parse_ok("\n# comment\n   # indented comment\n\nA=1");
  ASSERT_EQ(file.entries.size(), 1U);
  EXPECT_EQ(file.entries[0].line, 5);
}

TEST(Dotenv, ToleratesSpacesAroundEquals) {
  EXPECT_EQ(value_of("A = value", "A"), "value");
  EXPECT_EQ(value_of("A\t=\tvalue", "A"), "value");
  EXPECT_EQ(value_of("A =value", "A"), "value");
}

TEST(Dotenv, AcceptsTabsAndSpacesBeforeKeys) {
  const File file = parse_ok("\t  A=1\n    B=2");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].column, 4);
  EXPECT_EQ(file.entries[1].column, 5);
}

TEST(Dotenv, ExportPrefixIsRecorded) {
  const File file = parse_ok("export A=1\nexport\tB=2\nC=3");
  ASSERT_EQ(file.entries.size(), 3U);
  EXPECT_TRUE(file.entries[0].exported);
  EXPECT_EQ(file.entries[0].key, "A");
  EXPECT_EQ(file.entries[0].column, 8);
  EXPECT_TRUE(file.entries[1].exported);
  EXPECT_EQ(file.entries[1].key, "B");
  EXPECT_FALSE(file.entries[2].exported);
}

TEST(Dotenv, ExportAloneBeforeEqualsIsAKey) {
  EXPECT_EQ(value_of("export=1", "export"), "1");
  EXPECT_EQ(value_of("export = 2", "export"), "2");
  EXPECT_EQ(value_of("exporter=3", "exporter"), "3");
}

TEST(Dotenv, KeysMayContainDigitsDotsAndDashes) {
  EXPECT_EQ(value_of("_a.b-c9=x", "_a.b-c9"), "x");
  EXPECT_EQ(value_of("spring.datasource.url=jdbc", "spring.datasource.url"), "jdbc");
}

TEST(Dotenv, DuplicateKeysKeepBothAndFindReturnsTheLast) {
  const File file = parse_ok("A=1\nB=x\nA=2\n");
  ASSERT_EQ(file.entries.size(), 3U);
  const Entry* last = file.find("A");
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->value, "2");
  EXPECT_EQ(last->line, 3);
  EXPECT_EQ(file.find("missing"), nullptr);
}

TEST(Dotenv, LastLineWithoutNewline) {
  EXPECT_EQ(value_of("A=1\nB=2", "B"), "2");
}

// ---- unquoted values and comments ----

TEST(Dotenv, UnquotedValuesAreTrimmed) {
  EXPECT_EQ(value_of("A=   hello world  \t", "A"), "hello world");
  EXPECT_EQ(value_of("A=", "A"), "");
  EXPECT_EQ(value_of("A=   ", "A"), "");
}

TEST(Dotenv, InlineCommentNeedsPrecedingWhitespace) {
  EXPECT_EQ(value_of("A=b #c", "A"), "b");
  EXPECT_EQ(value_of("A=b\t# c", "A"), "b");
  EXPECT_EQ(value_of("A=b#c", "A"), "b#c");
  EXPECT_EQ(value_of("A=#c", "A"), "#c");
  EXPECT_EQ(value_of("A= #c", "A"), "");
  EXPECT_EQ(value_of("A=http://x/#frag #comment", "A"), "http://x/#frag");
}

TEST(Dotenv, UnquotedBackslashesAndQuotesAreLiteral) {
  EXPECT_EQ(value_of(R"(A=a\nb)", "A"), R"(a\nb)");
  EXPECT_EQ(value_of(R"(A=it's "ok")", "A"), R"(it's "ok")");
}

TEST(Dotenv, KeepsUtf8Values) {
  EXPECT_EQ(value_of("A=héllo wörld ✓", "A"), "héllo wörld ✓");
}

// ---- quoting ----

TEST(Dotenv, SingleQuotedValuesAreLiteral) {
  const File file = parse_ok("B=1\nA='$B ${B}'\nC='a\\'");
  ASSERT_EQ(file.entries.size(), 3U);
  EXPECT_EQ(file.entries[1].value, "$B ${B}");
  EXPECT_TRUE(file.entries[1].quoted);
  EXPECT_EQ(file.entries[2].value, "a\\");  // no escapes: the backslash stays, ' closes
}

TEST(Dotenv, SingleQuotedLiteralKeepsEverythingBetweenQuotes) {
  EXPECT_EQ(value_of(R"(A='x $B ${B} \n "y" #z')", "A"), R"(x $B ${B} \n "y" #z)");
  EXPECT_EQ(value_of("A='  padded  '", "A"), "  padded  ");
}

TEST(Dotenv, SingleQuotedValuesSpanLines) {
  const File file = parse_ok("A='line1\nline2\n'\nB=3");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].value, "line1\nline2\n");
  EXPECT_EQ(file.entries[1].line, 4);
}

TEST(Dotenv, DoubleQuotedValuesDecodeEscapes) {
  EXPECT_EQ(value_of(R"(A="a\nb\tc\rd\\e\"f\$g\'h")", "A"), "a\nb\tc\rd\\e\"f$g'h");
  EXPECT_EQ(value_of(R"(A="keep \q and \x")", "A"), R"(keep \q and \x)");
  EXPECT_EQ(value_of(R"(A="  padded # not a comment  ")", "A"), "  padded # not a comment  ");
}

TEST(Dotenv, DoubleQuotedValuesSpanLines) {
  const File file = parse_ok("A=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nB=x\n");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].value, "-----BEGIN KEY-----\nabc\n-----END KEY-----");
  EXPECT_EQ(file.entries[1].line, 4);
}

TEST(Dotenv, EscapedQuoteDoesNotCloseTheValue) {
  const File file = parse_ok("A=\"say \\\"hi\\\"\nnext\"\nB=1");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].value, "say \"hi\"\nnext");
  EXPECT_EQ(file.entries[1].line, 3);
}

TEST(Dotenv, QuotedValuesMayBeFollowedByAComment) {
  EXPECT_EQ(value_of(R"(A="x" # comment)", "A"), "x");
  EXPECT_EQ(value_of("A='x'#comment", "A"), "x");
  EXPECT_EQ(value_of("A = \"x\"   ", "A"), "x");
}

TEST(Dotenv, EmptyQuotedValueIsQuoted) {
  const File file = parse_ok("A=\"\"\nB=''");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].value, "");
  EXPECT_TRUE(file.entries[0].quoted);
  EXPECT_TRUE(file.entries[1].quoted);
}

// ---- line endings and BOM ----

TEST(Dotenv, AcceptsCrlfLineEndings) {
  const File file = parse_ok("A=1\r\n# c\r\nB=\"x\r\ny\"\r\nC='p\r\nq' \r\nD=v #c\r\n");
  ASSERT_EQ(file.entries.size(), 4U);
  EXPECT_EQ(file.entries[0].value, "1");
  EXPECT_EQ(file.entries[1].value, "x\ny");
  EXPECT_EQ(file.entries[1].line, 3);
  EXPECT_EQ(file.entries[2].value, "p\nq");
  EXPECT_EQ(file.entries[3].value, "v");
  EXPECT_EQ(file.entries[3].line, 7);
}

TEST(Dotenv, AcceptsALeadingBom) {
  const File file = parse_ok(
      "\xEF\xBB\xBF"
      "A=1\nB=2");
  ASSERT_EQ(file.entries.size(), 2U);
  EXPECT_EQ(file.entries[0].key, "A");
  EXPECT_EQ(file.entries[0].column, 1);
}

// ---- expansion ----

TEST(Dotenv, ExpandsReferencesInUnquotedAndDoubleQuotedValues) {
  const std::string text = "A=1\nB=${A}\nC=$A-x\nD=\"${A}2 $A\"\nE='${A} $A'\nF=pre${A}post";
  EXPECT_EQ(value_of(text, "B"), "1");
  EXPECT_EQ(value_of(text, "C"), "1-x");
  EXPECT_EQ(value_of(text, "D"), "12 1");
  EXPECT_EQ(value_of(text, "E"), "${A} $A");
  EXPECT_EQ(value_of(text, "F"), "pre1post");
}

TEST(Dotenv, BareReferenceEndsAtTheFirstNonNameCharacter) {
  EXPECT_EQ(value_of("A=1\nB=$A.b/$A:$A", "B"), "1.b/1:1");
  EXPECT_EQ(value_of("A.b=1\nB=${A.b}", "B"), "1");
}

TEST(Dotenv, UnsetVariablesExpandToEmpty) {
  EXPECT_EQ(value_of("B=x${NOPE}y$NOPE", "B"), "xy");
}

TEST(Dotenv, DefaultsApplyWhenUnsetOrEmpty) {
  const std::string text = "E=\nS=set\nA=${U:-d1}\nB=${U-d2}\nC=${E:-d3}\nD=${E-d4}\nF=${S:-no}";
  EXPECT_EQ(value_of(text, "A"), "d1");
  EXPECT_EQ(value_of(text, "B"), "d2");
  EXPECT_EQ(value_of(text, "C"), "d3");
  EXPECT_EQ(value_of(text, "D"), "");
  EXPECT_EQ(value_of(text, "F"), "set");
}

TEST(Dotenv, DefaultsAreExpandedAndMayNest) {
  EXPECT_EQ(value_of("X=x\nA=${U:-${V:-deep}}", "A"), "deep");
  EXPECT_EQ(value_of("X=x\nA=${U:-$X/${X}}", "A"), "x/x");
  EXPECT_EQ(value_of("A=\"${U:-a\\\"b}\"", "A"), "a\"b");
}

TEST(Dotenv, AlternativeValueWhenSet) {
  EXPECT_EQ(value_of("S=1\nA=${S:+yes}\nB=${U:+yes}", "A"), "yes");
  EXPECT_EQ(value_of("S=1\nA=${S:+yes}\nB=${U:+yes}", "B"), "");
}

TEST(Dotenv, OnlyKeysAboveAreVisible) {
  EXPECT_EQ(value_of("B=${A}\nA=1", "B"), "");
  EXPECT_EQ(value_of("A=x\nA=${A}y", "A"), "xy");
}

TEST(Dotenv, LookupResolvesNamesNotInTheFile) {
  const std::map<std::string, std::string, std::less<>> env{{"HOME", "/home/u"}, {"A", "env"}};
  const Lookup lookup = [&env](std::string_view name) -> std::optional<std::string> {
    const auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  EXPECT_EQ(value_of("P=$HOME/app", "P", lookup), "/home/u/app");
  EXPECT_EQ(value_of("A=file\nB=$A", "B", lookup), "file");
  EXPECT_EQ(value_of("B=${A:-d}${U:-d}", "B", lookup), "envd");
}

TEST(Dotenv, LoneDollarSignsAreLiteral) {
  EXPECT_EQ(value_of("A=$ 5 cost$ $$ $1", "A"), "$ 5 cost$ $$ $1");
  EXPECT_EQ(value_of(R"(A="\${A} \$B")", "A"), "${A} $B");
}

TEST(Dotenv, RunawayExpansionIsAnErrorNotAnExplosion) {
  std::string text = "A=" + std::string(64, 'x') + "\n";
  for (char key = 'B'; key <= 'J'; ++key) {
    const char prev = static_cast<char>(key - 1);
    text += fmt::format("{}=${{{}}}${{{}}}${{{}}}${{{}}}${{{}}}${{{}}}${{{}}}${{{}}}\n", key, prev,
                        prev, prev, prev, prev, prev, prev, prev);
  }
  const auto start = std::chrono::steady_clock::now();
  const ParseError error = parse_error(text);
  EXPECT_LT(seconds_since(start), 2.0);
  EXPECT_TRUE(has(error.message, "larger than 32 MiB")) << error.message;
  EXPECT_GE(error.line, 7);
}

TEST(Dotenv, DeeplyNestedDefaultsAreAnError) {
  std::string text = "A=";
  for (int i = 0; i < 40; ++i) {
    text += "${U:-";
  }
  text += "x" + std::string(40, '}');
  const ParseError error = parse_error(text);
  EXPECT_TRUE(has(error.message, "nested deeper")) << error.message;
  EXPECT_EQ(error.line, 1);
}

TEST(Dotenv, ManyDollarsAndLongLinesStayLinear) {
  const std::string dollars = "A=" + std::string(2'000'000, '$') + "\nB=\"" +
                              std::string(2'000'000, '$') + "\"\nC=" + std::string(2'000'000, 'c');
  const auto start = std::chrono::steady_clock::now();
  const File file = parse_ok(dollars);
  EXPECT_LT(seconds_since(start), 1.0);
  ASSERT_EQ(file.entries.size(), 3U);
  EXPECT_EQ(file.entries[0].value.size(), 2'000'000U);
  EXPECT_EQ(file.entries[2].value.size(), 2'000'000U);
}

TEST(Dotenv, ManyShortLinesWithHashesStayLinear) {
  std::string text;
  for (int i = 0; i < 200'000; ++i) {
    text += fmt::format("K{}=v{}\n", i, i);
  }
  text += "LAST=a#b";  // the only '#' in the file: searches must not rescan to it per line
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(parse_ok(text).entries.size(), 200'001U);
  EXPECT_LT(seconds_since(start), 1.0);
}

// ---- errors, with exact positions ----

TEST(DotenvError, UnterminatedDoubleQuoteReportsWhereItOpened) {
  const ParseError error = parse_error("A=1\nB=\"abc\nC=2\n");
  EXPECT_EQ(error.file, "t.env");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 3);
  EXPECT_TRUE(has(error.message, "unterminated double-quoted value")) << error.message;
  EXPECT_FALSE(error.hint.empty());
  EXPECT_TRUE(has(error.to_string(), "t.env:2:3: unterminated"));
}

TEST(DotenvError, UnterminatedDoubleQuoteAfterEscapedQuote) {
  const ParseError error = parse_error("A=\"abc\\\"");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 3);
}

TEST(DotenvError, UnterminatedSingleQuoteReportsWhereItOpened) {
  const ParseError error = parse_error("A=1\n\nB = 'abc\nC=2");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 5);
  EXPECT_TRUE(has(error.message, "unterminated single-quoted value")) << error.message;
}

TEST(DotenvError, KeyAloneIsMissingEquals) {
  const ParseError error = parse_error("A=1\nFOO\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 4);
  EXPECT_TRUE(has(error.message, "missing '=' after key \"FOO\"")) << error.message;
  EXPECT_TRUE(has(error.hint, "KEY=value"));
}

TEST(DotenvError, WordsWithoutEqualsAreMissingEquals) {
  const ParseError error = parse_error("FOO bar");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 5);
  EXPECT_TRUE(has(error.message, "missing '='")) << error.message;
}

TEST(DotenvError, YamlStyleLineGetsAHint) {
  const ParseError error = parse_error("FOO: bar");
  EXPECT_EQ(error.column, 4);
  EXPECT_TRUE(has(error.message, "missing '='"));
  EXPECT_TRUE(has(error.hint, "not KEY: value")) << error.hint;
}

TEST(DotenvError, ExportWithoutAssignmentIsMissingEquals) {
  const ParseError error = parse_error("export FOO");
  EXPECT_EQ(error.column, 11);
  EXPECT_TRUE(has(error.message, "\"FOO\"")) << error.message;
}

TEST(DotenvError, KeyStartingWithADigitIsInvalid) {
  const ParseError error = parse_error("A=1\n  1A=x");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 3);
  EXPECT_TRUE(has(error.message, "invalid key")) << error.message;
  EXPECT_TRUE(has(error.hint, "letter or '_'"));
}

TEST(DotenvError, InvalidCharacterInsideKey) {
  const ParseError error = parse_error("MY-VAR!=1");
  EXPECT_EQ(error.column, 7);
  EXPECT_TRUE(has(error.message, "invalid character '!' in key \"MY-VAR\"")) << error.message;
  EXPECT_EQ(parse_error("FOO:bar=1").column, 4);
  EXPECT_EQ(parse_error("ключ=1").column, 1);
}

TEST(DotenvError, SpaceInsideKey) {
  const ParseError error = parse_error("FOO BAR=1");
  EXPECT_EQ(error.column, 5);
  EXPECT_TRUE(has(error.hint, "spaces")) << error.hint;
}

TEST(DotenvError, MissingKey) {
  const ParseError error = parse_error("A=1\n=value");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 1);
  EXPECT_TRUE(has(error.message, "missing key")) << error.message;
}

TEST(DotenvError, GarbageAfterClosingQuote) {
  const ParseError error = parse_error("A=\"x\" y");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 7);
  EXPECT_TRUE(has(error.message, "unexpected 'y' after the closing quote")) << error.message;
  EXPECT_EQ(parse_error("A='x'y").column, 6);
  const ParseError multiline = parse_error("A=\"one\ntwo\"three");
  EXPECT_EQ(multiline.line, 2);
  EXPECT_EQ(multiline.column, 5);
}

TEST(DotenvError, ColumnsCountCharactersNotBytes) {
  const ParseError error = parse_error("A=\"é\" x");
  EXPECT_EQ(error.column, 7);
}

TEST(DotenvError, NulByte) {
  const ParseError error = parse_error("A=1\nB=x\0y"s);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 4);
  EXPECT_TRUE(has(error.message, "NUL byte")) << error.message;
}

TEST(DotenvError, Utf16FileIsRefusedAsBinary) {
  const ParseError error = parse_error(
      "\xFF\xFE"
      "A\0=\0"
      "1\0"s);
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 1);
}

TEST(DotenvError, RandomBinary) {
  const ParseError error = parse_error("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s);
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.column, 1);
  EXPECT_TRUE(has(error.message, "invalid UTF-8")) << error.message;
}

TEST(DotenvError, ControlCharacter) {
  const ParseError error = parse_error("A=ok\nB=\x01");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 3);
  EXPECT_TRUE(has(error.message, "control character 0x01")) << error.message;
}

TEST(DotenvError, InvalidUtf8InAValue) {
  const ParseError error = parse_error("A=ok\nB=caf\xC3\x28");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 6);
  EXPECT_TRUE(has(error.message, "invalid UTF-8")) << error.message;
  EXPECT_EQ(parse_error("A=\xED\xA0\x80").column, 3);  // a UTF-16 surrogate
  EXPECT_EQ(parse_error("A=\xC0\xAF").column, 3);      // overlong '/'
}

TEST(DotenvError, UnterminatedBraceReference) {
  const ParseError error = parse_error("A=1\nB=x${A");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 4);
  EXPECT_TRUE(has(error.message, "unterminated '${'")) << error.message;
  const ParseError quoted = parse_error("A=\"x ${B:-y\"");
  EXPECT_EQ(quoted.column, 6);
  EXPECT_EQ(parse_error("A=${").column, 3);
  EXPECT_EQ(parse_error("A=${U:-${V}").column, 3);
}

TEST(DotenvError, InvalidNameInBraceReference) {
  const ParseError error = parse_error("A=${1}");
  EXPECT_EQ(error.column, 5);
  EXPECT_TRUE(has(error.message, "expected a variable name")) << error.message;
  EXPECT_EQ(parse_error("A=${}").column, 5);
  const ParseError bad_operator = parse_error("A=${B:x}");
  EXPECT_EQ(bad_operator.column, 6);
  EXPECT_TRUE(has(bad_operator.hint, "${VAR:-default}"));
}

TEST(DotenvError, PositionsAfterMultilineValues) {
  const ParseError error = parse_error("A=\"x\ny\"\nB='1\n2'\n BAD\n");
  EXPECT_EQ(error.line, 5);
  EXPECT_EQ(error.column, 5);
}

TEST(DotenvError, NeverThrowsOnMalformedInputs) {
  for (const std::string& text :
       {"'"s,       "\""s,      "A"s,        "="s,       "A='"s,        "A=\""s,    "A=\"\\"s,
        "A=${"s,    "A=$"s,     "export"s,   "export "s, "export =\""s, "\t\t"s,    "#"s,
        "A=${A:-"s, "A=${A-}"s, "\xEF\xBB"s, "\r"s,      "\r\r\n"s,     "A=\"\r\n"s}) {
    EXPECT_NO_THROW((void)parse(text)) << text;
  }
}

// ---- parse_file ----

TEST(DotenvFile, ParsesARegularFile) {
  const test::TempDir dir;
  const auto path = dir.write(".env", "export A=1\r\nB=\"${A}2\"\n");
  const auto parsed = parse_file(path.string());
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->entries.size(), 2U);
  EXPECT_EQ(parsed->entries[1].value, "12");
}

TEST(DotenvFile, EmptyFileHasNoEntries) {
  const test::TempDir dir;
  const auto parsed = parse_file(dir.write(".env", "").string());
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->entries.empty());
}

TEST(DotenvFile, ErrorsNameTheFile) {
  const test::TempDir dir;
  const auto path = dir.write(".env.production", "A=1\nB='x\n");
  const auto parsed = parse_file(path.string());
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().file, path.string());
  EXPECT_EQ(parsed.error().line, 2);
  EXPECT_EQ(parsed.error().column, 3);
}

TEST(DotenvFile, RefusesA50MegabyteFileQuickly) {
  const test::TempDir dir;
  const auto path = dir.path() / "huge.env";
  std::ofstream(path) << "A=1\n";
  std::filesystem::resize_file(path, 50U << 20);
  const auto start = std::chrono::steady_clock::now();
  const auto parsed = parse_file(path.string());
  EXPECT_LT(seconds_since(start), 0.5);
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "file is larger than 10 MiB")) << parsed.error().message;
}

TEST(DotenvFile, RefusesOneByteOverTheCap) {
  const test::TempDir dir;
  const auto path = dir.path() / "big.env";
  std::ofstream(path) << "A=1\n";
  std::filesystem::resize_file(path, (10U << 20) + 1);
  const auto parsed = parse_file(path.string());
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "larger than 10 MiB"));
}

TEST(DotenvFile, ParsesANineMegabyteFileInWellUnderASecond) {
  const test::TempDir dir;
  std::string text;
  text.reserve(9U << 20);
  for (int i = 0; text.size() < (9U << 20) - 200; ++i) {
    text += fmt::format("export KEY_{}=\"value {} with ${{KEY_0}} and \\n\" # note\n", i, i);
  }
  const auto path = dir.write("nine.env", text);
  const auto start = std::chrono::steady_clock::now();
  const auto parsed = parse_file(path.string());
  const double elapsed = seconds_since(start);
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_LT(elapsed, 1.0);
  EXPECT_GT(parsed->entries.size(), 100'000U);
  EXPECT_EQ(parsed->entries.back().value.substr(0, 6), "value ");
}

TEST(DotenvFile, MissingFileIsAnError) {
  const test::TempDir dir;
  const auto parsed = parse_file((dir.path() / "nope.env").string());
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "cannot open")) << parsed.error().message;
}

TEST(DotenvFile, DirectoryIsAnError) {
  const test::TempDir dir;
  const auto parsed = parse_file(dir.path().string());
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "directory")) << parsed.error().message;
}

TEST(DotenvFile, FifoIsRefusedWithoutBlocking) {
  const test::TempDir dir;
  const auto path = dir.path() / "fifo.env";
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const auto parsed = parse_file(path.string());
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "not a regular file")) << parsed.error().message;
}

TEST(DotenvFile, DeviceIsRefusedWithoutReadingForever) {
  const auto parsed = parse_file("/dev/zero");
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(has(parsed.error().message, "not a regular file")) << parsed.error().message;
}

}  // namespace
}  // namespace shipcheck::dotenv

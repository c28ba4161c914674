// The start-tag scanner on the HTML real pages and hostile ones are made of.
#include "engines/http/html.h"

#include <gtest/gtest.h>

namespace shipcheck::http::html {
namespace {

// "script src=a.js; link rel=stylesheet href=b.css" for compact assertions.
std::string summary(const std::vector<Tag>& tags) {
  std::string out;
  for (const auto& tag : tags) {
    out += out.empty() ? "" : "; ";
    out += tag.name;
    for (const auto& [name, value] : tag.attributes) {
      out += " " + name + "=" + value;
    }
  }
  return out;
}

TEST(HtmlScanner, ReadsQuotedUnquotedAndBareAttributes) {
  EXPECT_EQ(summary(scan_tags(R"(<SCRIPT SRC="a.js" async defer=defer data-x='1 2'></script>)")),
            "script src=a.js async= defer=defer data-x=1 2");
}

TEST(HtmlScanner, KeepsTheFirstOfDuplicateAttributes) {
  const auto tags = scan_tags(R"(<script src="first.js" src="second.js"></script>)");
  ASSERT_EQ(tags.size(), 1U);
  EXPECT_EQ(tags[0].attribute("src").value_or(""), "first.js");
  EXPECT_FALSE(tags[0].attribute("integrity"));
}

TEST(HtmlScanner, DecodesCharacterReferencesInValues) {
  const auto tags = scan_tags(R"(<a href="/x?a=1&amp;b=&quot;2&quot;&copy;">)");
  ASSERT_EQ(tags.size(), 1U);
  EXPECT_EQ(tags[0].attribute("href").value_or(""), "/x?a=1&b=\"2\"&copy;");
}

TEST(HtmlScanner, FindsNoTagsInCommentsOrRawText) {
  const auto tags = scan_tags(
      "<!-- <script src=commented.js></script> -->"
      "<script>document.write('<script src=\"in-script.js\"></scr' + 'ipt>');</script>"
      "<title><script src=in-title.js></title>"
      "<style>a::before { content: '<link rel=stylesheet href=x.css>' }</style>"
      "<textarea><script src=in-textarea.js></TEXTAREA >"
      "<script src=real.js></script>");
  EXPECT_EQ(summary(tags), "script; title; style; textarea; script src=real.js");
}

TEST(HtmlScanner, SkipsDoctypeProcessingInstructionsAndEndTags) {
  EXPECT_EQ(summary(scan_tags("<!DOCTYPE html><?xml x?></div></ nope><p>a < b</p><br/>")), "p; br");
}

TEST(HtmlScanner, ClosesTheShortCommentsBrowsersClose) {
  EXPECT_EQ(summary(scan_tags("<!--><a id=1><!---><a id=2>")), "a id=1; a id=2");
}

TEST(HtmlScanner, DropsATagTheInputEndsInside) {
  EXPECT_EQ(summary(scan_tags("<p><script src=\"never-closed.js")), "p");
  EXPECT_EQ(summary(scan_tags("<p><img src=x")), "p");
  EXPECT_TRUE(scan_tags("").empty());
  EXPECT_TRUE(scan_tags("<").empty());
}

TEST(HtmlScanner, AQuotedGreaterThanDoesNotEndTheTag) {
  EXPECT_EQ(summary(scan_tags(R"(<a title="x > y" href=z>)")), "a title=x > y href=z");
}

TEST(HtmlSubresources, ListsScriptsAndStylesheetsWithTheirIntegrity) {
  const auto subs = subresources(
      scan_tags(R"(<script src=" https://cdn.example/a.js " integrity="sha384-abc"></script>)"
                R"(<script>inline()</script>)"
                R"(<link rel="Preload StyleSheet" href="/b.css">)"
                R"(<link rel=icon href=/favicon.ico><link rel=stylesheet>)"));
  ASSERT_EQ(subs.size(), 2U);
  EXPECT_EQ(subs[0].kind, "script");
  EXPECT_EQ(subs[0].url, "https://cdn.example/a.js");
  EXPECT_EQ(subs[0].integrity, "sha384-abc");
  EXPECT_EQ(subs[1].kind, "stylesheet");
  EXPECT_EQ(subs[1].url, "/b.css");
  EXPECT_EQ(subs[1].integrity, "");
}

TEST(HtmlContentType, KnowsTheHtmlMediaTypes) {
  EXPECT_TRUE(is_html("text/html"));
  EXPECT_TRUE(is_html("Text/HTML; charset=utf-8"));
  EXPECT_TRUE(is_html("application/xhtml+xml"));
  EXPECT_FALSE(is_html("application/json"));
  EXPECT_FALSE(is_html("text/plain; text/html"));
  EXPECT_FALSE(is_html(""));
}

}  // namespace
}  // namespace shipcheck::http::html

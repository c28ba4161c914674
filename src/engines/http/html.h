// A tolerant scanner for the start tags of an HTML page, and the scripts and stylesheets
// they load, which the subresource-integrity rules read. Not a parser: no tree, no error recovery
// beyond what finding tags needs. Own code because no HTML library is among our Debian
// dependencies (libxml2's HTML parser is HTML4-era and would be one more for two tags).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shipcheck::http::html {

struct Tag {
  std::string name;                                             // lowercase
  std::vector<std::pair<std::string, std::string>> attributes;  // names lowercase, in order

  // The first attribute of that (lowercase) name, as browsers keep the first of duplicates.
  std::optional<std::string_view> attribute(std::string_view name) const;
};

// Every start tag of the document, in order: none from inside comments, doctype or
// processing instructions, nor from the raw text of <script>, <style>, <textarea>, <title>
// and the like. Attribute values have their quotes removed and the common character
// references (&amp; &lt; &gt; &quot; &#39; &apos;) decoded. Linear in the input; never
// throws for malformed HTML (a quote left open runs to the end of the input, and a tag
// still open there is dropped, as browsers drop it).
std::vector<Tag> scan_tags(std::string_view document);

// A script or stylesheet a page loads: <script src> or <link rel=stylesheet href>.
struct Subresource {
  std::string_view kind;  // "script" or "stylesheet"
  std::string url;        // as written, surrounding spaces removed
  std::string integrity;  // the integrity attribute as written; "" when absent
};
std::vector<Subresource> subresources(const std::vector<Tag>& tags);

// True iff `content_type` (a Content-Type value) names an HTML media type.
bool is_html(std::string_view content_type);

}  // namespace shipcheck::http::html

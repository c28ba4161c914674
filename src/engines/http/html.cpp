// Start-tag scanner (see html.h), after the HTML standard's tokenizer states for tags,
// attributes, comments and raw text, without the rest (no tree, no foreign content).
#include "engines/http/html.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"

namespace shipcheck::http::html {
namespace {

// Elements whose content is text up to their end tag, so a "<script" inside is no tag.
// (noscript counts: browsers that run scripts treat its content as text too.)
constexpr std::array<std::string_view, 10> k_raw_text = {
    "script", "style",   "textarea", "title",    "xmp",
    "iframe", "noembed", "noframes", "noscript", "plaintext"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Decodes the character references attribute values commonly carry; others stay as written.
std::string decode(std::string_view value) {
  static constexpr std::array<std::pair<std::string_view, char>, 6> k_named = {{{"&amp;", '&'},
                                                                                {"&lt;", '<'},
                                                                                {"&gt;", '>'},
                                                                                {"&quot;", '"'},
                                                                                {"&#39;", '\''},
                                                                                {"&apos;", '\''}}};
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size();) {
    bool replaced = false;
    if (value[i] == '&') {
      for (const auto& [entity, c] : k_named) {
        if (value.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out += value[i++];
    }
  }
  return out;
}

// Reads a tag's attributes from `pos` (just after its name) to its '>'. Returns the position
// after the '>', or npos when the input ends first.
std::size_t read_attributes(std::string_view doc, std::size_t pos, Tag& tag) {
  while (pos < doc.size()) {
    while (pos < doc.size() && (is_space(doc[pos]) || doc[pos] == '/')) {
      ++pos;
    }
    if (pos >= doc.size()) {
      break;
    }
    if (doc[pos] == '>') {
      return pos + 1;
    }
    // A name runs to a space, '/', '>' or '='; a leading '=' belongs to it (as in the standard).
    const std::size_t name_start = pos++;
    while (pos < doc.size() && !is_space(doc[pos]) && doc[pos] != '/' && doc[pos] != '>' &&
           doc[pos] != '=') {
      ++pos;
    }
    std::string name = to_lower(doc.substr(name_start, pos - name_start));
    std::size_t after = pos;
    while (after < doc.size() && is_space(doc[after])) {
      ++after;
    }
    std::string value;
    if (after < doc.size() && doc[after] == '=') {
      pos = after + 1;
      while (pos < doc.size() && is_space(doc[pos])) {
        ++pos;
      }
      if (pos < doc.size() && (doc[pos] == '"' || doc[pos] == '\'')) {
        const std::size_t close = doc.find(doc[pos], pos + 1);
        const std::size_t end = close == std::string_view::npos ? doc.size() : close;
        value = decode(doc.substr(pos + 1, end - pos - 1));
        pos = close == std::string_view::npos ? doc.size() : close + 1;
      } else {
        const std::size_t start = pos;
        while (pos < doc.size() && !is_space(doc[pos]) && doc[pos] != '>') {
          ++pos;
        }
        value = decode(doc.substr(start, pos - start));
      }
    }
    tag.attributes.emplace_back(std::move(name), std::move(value));
  }
  return std::string_view::npos;
}

// Where the raw text of element `name` ends: at its end tag ("</script", any case, then a
// space, '/' or '>'), or the end of the input.
std::size_t end_of_raw_text(std::string_view doc, std::size_t pos, std::string_view name) {
  if (name == "plaintext") {
    return doc.size();
  }
  while ((pos = doc.find("</", pos)) != std::string_view::npos) {
    const std::size_t after = pos + 2 + name.size();
    if (iequals(doc.substr(pos + 2, name.size()), name) &&
        (after >= doc.size() || is_space(doc[after]) || doc[after] == '/' || doc[after] == '>')) {
      return pos;
    }
    pos += 2;
  }
  return doc.size();
}

// Past a comment "<!-- ... -->" starting at `lt` ("<!-->" and "<!--->" close at once).
std::size_t skip_comment(std::string_view doc, std::size_t lt) {
  const std::string_view rest = doc.substr(lt + 4);
  if (rest.starts_with(">")) {
    return lt + 5;
  }
  if (rest.starts_with("->")) {
    return lt + 6;
  }
  const std::size_t end = doc.find("-->", lt + 4);
  return end == std::string_view::npos ? doc.size() : end + 3;
}

// Past a markup declaration, processing instruction or malformed end tag: the next '>'.
std::size_t skip_to_gt(std::string_view doc, std::size_t pos) {
  const std::size_t gt = doc.find('>', pos);
  return gt == std::string_view::npos ? doc.size() : gt + 1;
}

}  // namespace

std::optional<std::string_view> Tag::attribute(std::string_view wanted) const {
  for (const auto& [name, value] : attributes) {
    if (name == wanted) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::vector<Tag> scan_tags(std::string_view doc) {
  std::vector<Tag> tags;
  std::size_t pos = 0;
  while (pos < doc.size()) {
    const std::size_t lt = doc.find('<', pos);
    if (lt == std::string_view::npos || lt + 1 >= doc.size()) {
      break;
    }
    const std::string_view rest = doc.substr(lt);
    if (rest.starts_with("<!--")) {
      pos = skip_comment(doc, lt);
      continue;
    }
    const bool end_tag = rest.size() > 2 && rest[1] == '/' && is_alpha(rest[2]);
    if (rest[1] == '!' || rest[1] == '?' || (rest[1] == '/' && !end_tag)) {
      pos = skip_to_gt(doc, lt + 1);
      continue;
    }
    if (!end_tag && !is_alpha(rest[1])) {
      pos = lt + 1;  // a lone '<' is text
      continue;
    }
    std::size_t name_end = lt + (end_tag ? 2 : 1);
    while (name_end < doc.size() && !is_space(doc[name_end]) && doc[name_end] != '/' &&
           doc[name_end] != '>') {
      ++name_end;
    }
    Tag tag;
    tag.name = to_lower(doc.substr(lt + (end_tag ? 2 : 1), name_end - lt - (end_tag ? 2 : 1)));
    const std::size_t after = read_attributes(doc, name_end, tag);
    if (after == std::string_view::npos) {
      break;  // an unterminated tag at the end is dropped, as browsers drop it
    }
    pos = after;
    if (end_tag) {
      continue;
    }
    if (std::find(k_raw_text.begin(), k_raw_text.end(), tag.name) != k_raw_text.end()) {
      pos = end_of_raw_text(doc, pos, tag.name);
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::vector<Subresource> subresources(const std::vector<Tag>& tags) {
  std::vector<Subresource> out;
  for (const Tag& tag : tags) {
    std::string_view url;
    std::string_view kind;
    if (tag.name == "script") {
      url = trim(tag.attribute("src").value_or(""));
      kind = "script";
    } else if (tag.name == "link") {
      // rel is a set of space-separated keywords: "preload stylesheet" loads a stylesheet.
      const std::string rel = to_lower(tag.attribute("rel").value_or(""));
      for (const auto& word : split(rel, ' ')) {
        if (trim(word) == "stylesheet") {
          url = trim(tag.attribute("href").value_or(""));
          kind = "stylesheet";
        }
      }
    }
    if (!url.empty()) {
      out.push_back(Subresource{kind, std::string(url),
                                std::string(trim(tag.attribute("integrity").value_or("")))});
    }
  }
  return out;
}

bool is_html(std::string_view content_type) {
  const std::string media = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  return media == "text/html" || media == "application/xhtml+xml";
}

}  // namespace shipcheck::http::html

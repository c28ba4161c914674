// Security header parsers (see headers.h). Own code: the grammars are a few lines each and
// no Debian library parses CSP or HSTS.
#include "engines/http/headers.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace shipcheck::http {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::vector<std::string_view> split_view(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(sep, start), text.size());
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// "name=value" or "name" -> (lowercase name, value without quotes).
std::pair<std::string, std::string_view> directive(std::string_view part) {
  const std::size_t eq = part.find('=');
  std::string name = to_lower(trim(part.substr(0, eq)));
  std::string_view value =
      eq == std::string_view::npos ? std::string_view() : trim(part.substr(eq + 1));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return {std::move(name), value};
}

std::optional<long long> parse_seconds(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  long long value = 0;
  for (const char c : text) {
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_fetch_directive(std::string_view name) {
  return name.size() > 4 && name.substr(name.size() - 4) == "-src";
}

}  // namespace

Hsts parse_hsts(std::string_view value) {
  Hsts hsts;
  std::vector<std::string> seen;
  for (const std::string_view part : split_view(value, ';')) {
    if (trim(part).empty()) {
      continue;
    }
    auto [name, argument] = directive(part);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      hsts.problems.push_back("directive " + name + " appears twice");
      continue;
    }
    seen.push_back(name);
    if (name == "max-age") {
      hsts.max_age = parse_seconds(argument);
      if (!hsts.max_age) {
        hsts.problems.push_back("max-age is not a whole number of seconds");
      }
    } else if (name == "includesubdomains") {
      hsts.include_subdomains = true;
    } else if (name == "preload") {
      hsts.preload = true;
    }
  }
  if (std::find(seen.begin(), seen.end(), "max-age") == seen.end()) {
    hsts.problems.push_back("max-age is missing");
  }
  return hsts;
}

bool Csp::has(std::string_view name) const {
  return directives.find(std::string(name)) != directives.end();
}

const std::vector<std::string>* Csp::sources_for(std::string_view name) const {
  if (const auto it = directives.find(std::string(name)); it != directives.end()) {
    return &it->second;
  }
  if (is_fetch_directive(name)) {
    if (const auto it = directives.find("default-src"); it != directives.end()) {
      return &it->second;
    }
  }
  return nullptr;
}

std::vector<Csp> parse_csp(std::string_view value) {
  std::vector<Csp> policies;
  for (const std::string_view policy_text : split_view(value, ',')) {
    Csp policy;
    for (const std::string_view part : split_view(policy_text, ';')) {
      std::vector<std::string> tokens;
      std::size_t i = 0;
      while (i < part.size()) {
        while (i < part.size() && is_space(part[i])) {
          ++i;
        }
        const std::size_t start = i;
        while (i < part.size() && !is_space(part[i])) {
          ++i;
        }
        if (i > start) {
          tokens.emplace_back(part.substr(start, i - start));
        }
      }
      if (tokens.empty()) {
        continue;
      }
      std::string name = to_lower(tokens.front());
      tokens.erase(tokens.begin());
      for (auto& token : tokens) {
        // Keywords ('self', 'unsafe-inline') match case-insensitively; hosts keep theirs.
        if (token.size() >= 2 && token.front() == '\'') {
          token = to_lower(token);
        }
      }
      policy.directives.emplace(std::move(name), std::move(tokens));  // first one wins
    }
    if (!policy.directives.empty()) {
      policies.push_back(std::move(policy));
    }
  }
  return policies;
}

std::optional<Cookie> parse_set_cookie(std::string_view value) {
  const auto parts = split_view(value, ';');
  const std::string_view pair = parts.front();
  const std::size_t eq = pair.find('=');
  if (eq == std::string_view::npos) {
    return std::nullopt;
  }
  Cookie cookie;
  cookie.name = std::string(trim(pair.substr(0, eq)));
  if (cookie.name.empty()) {
    return std::nullopt;
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto [name, argument] = directive(parts[i]);
    if (name == "secure") {
      cookie.secure = true;
    } else if (name == "httponly") {
      cookie.http_only = true;
    } else if (name == "samesite") {
      const std::string mode = to_lower(argument);
      cookie.same_site = (mode == "strict" || mode == "lax" || mode == "none") ? mode : "";
    }
  }
  return cookie;
}

}  // namespace shipcheck::http

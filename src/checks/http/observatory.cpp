// The Observatory's tests (see observatory.h), each reading the facts the way its published
// description says and returning the name of one outcome of the table.
#include "checks/http/observatory.h"

#include <algorithm>
#include <array>

#include "core/text.h"
#include "engines/http/headers.h"

namespace shipcheck::checks::observatory {
namespace {

using Sources = std::vector<std::string>;

// Sources that allow almost anything, and those that allow inline code.
constexpr std::array<std::string_view, 8> k_too_broad = {
    "ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"};
constexpr std::array<std::string_view, 2> k_inline = {"'unsafe-inline'", "data:"};

bool in(const auto& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool any_of_sources(const Sources& sources, const auto& list) {
  return std::any_of(sources.begin(), sources.end(),
                     [&](const std::string& s) { return in(list, to_lower(s)); });
}

bool has_nonce_or_hash(const Sources& sources) {
  return std::any_of(sources.begin(), sources.end(), [](const std::string& s) {
    return s.starts_with("'nonce-") || s.starts_with("'sha256-") || s.starts_with("'sha384-") ||
           s.starts_with("'sha512-");
  });
}

bool insecure_scheme(const Sources& sources) {
  return std::any_of(sources.begin(), sources.end(), [](const std::string& s) {
    const std::string lower = to_lower(s);
    return lower.starts_with("http:") || lower.starts_with("ftp:");
  });
}

// What a directive allows: its own sources, default-src's, or anything ("*").
Sources governing(const http::Csp& policy, std::string_view name) {
  const Sources* sources = policy.sources_for(name);
  return sources != nullptr ? *sources : Sources{"*"};
}

// A nonce or hash makes browsers ignore 'unsafe-inline'; with 'strict-dynamic' they also
// ignore host and scheme sources and 'self'.
Sources effective_scripts(Sources script) {
  if (!has_nonce_or_hash(script)) {
    return script;
  }
  const bool strict_dynamic = in(script, "'strict-dynamic'");
  std::erase_if(script, [&](const std::string& s) {
    const std::string lower = to_lower(s);
    return lower == "'unsafe-inline'" ||
           (strict_dynamic &&
            (lower == "'self'" ||
             std::any_of(k_too_broad.begin(), k_too_broad.end(),
                         [&](std::string_view broad) { return lower.starts_with(broad); })));
  });
  return script;
}

std::string_view grade_policy(const http::Csp& policy, bool https) {
  const Sources raw_script = governing(policy, "script-src");
  if (in(raw_script, "'strict-dynamic'") && !has_nonce_or_hash(raw_script)) {
    return "csp-header-invalid";
  }
  const Sources script = effective_scripts(raw_script);
  Sources style = governing(policy, "style-src");
  if (has_nonce_or_hash(style)) {
    std::erase(style, "'unsafe-inline'");
  }
  Sources active = script;
  Sources passive;
  for (const auto& [name, sources] : policy.directives) {
    Sources& into = (name == "img-src" || name == "media-src") ? passive : active;
    if (name != "script-src") {
      into.insert(into.end(), sources.begin(), sources.end());
    }
  }
  for (const char* name : {"img-src", "media-src"}) {
    if (!policy.has(name) && policy.has("default-src")) {
      const Sources& fallback = *policy.sources_for("default-src");
      passive.insert(passive.end(), fallback.begin(), fallback.end());
    }
  }
  if (any_of_sources(script, k_too_broad) || any_of_sources(script, k_inline) ||
      any_of_sources(governing(policy, "object-src"), k_too_broad)) {
    return "csp-implemented-with-unsafe-inline";
  }
  if (https && insecure_scheme(active)) {
    return "csp-implemented-with-insecure-scheme";
  }
  if (in(script, "'unsafe-eval'") || in(style, "'unsafe-eval'")) {
    return "csp-implemented-with-unsafe-eval";
  }
  if (https && insecure_scheme(passive)) {
    return "csp-implemented-with-insecure-scheme-in-passive-content-only";
  }
  if (any_of_sources(style, k_too_broad) || any_of_sources(style, k_inline)) {
    return "csp-implemented-with-unsafe-inline-in-style-src-only";
  }
  const Sources* default_src = policy.sources_for("default-src");
  return default_src != nullptr && *default_src == Sources{"'none'"}
             ? "csp-implemented-with-no-unsafe-default-src-none"
             : "csp-implemented-with-no-unsafe";
}

}  // namespace

// Every policy is enforced: the page is as safe as its strictest one.
std::string_view csp_test(const Facts& f) {
  std::vector<http::Csp> policies;
  for (const auto value : f.page.headers_named("content-security-policy")) {
    auto parsed = http::parse_csp(value);
    policies.insert(policies.end(), parsed.begin(), parsed.end());
  }
  if (policies.empty()) {
    return "csp-not-implemented";
  }
  std::string_view best;
  for (const auto& policy : policies) {
    const std::string_view graded = grade_policy(policy, f.https);
    if (best.empty() || outcome(graded).modifier > outcome(best).modifier) {
      best = graded;
    }
  }
  return best;
}

std::string_view hsts_test(const Facts& f) {
  if (!f.https) {
    return "hsts-not-implemented-no-https";
  }
  const auto value = f.page.header("strict-transport-security");
  if (!value) {
    return "hsts-not-implemented";
  }
  // The Observatory's six months: 180 days, "a white lie" for the many sites that use it.
  constexpr long long k_observatory_six_months = 15'552'000;
  const http::Hsts hsts = http::parse_hsts(*value);
  if (!hsts.problems.empty() || value->find(',') != std::string_view::npos) {
    return "hsts-header-invalid";
  }
  return *hsts.max_age < k_observatory_six_months ? "hsts-implemented-max-age-less-than-six-months"
                                                  : "hsts-implemented-max-age-at-least-six-months";
}

namespace {

// A SameSite attribute with no value, or one browsers do not know.
bool invalid_same_site(std::string_view set_cookie) {
  for (const auto& part : split(set_cookie, ';')) {
    const std::size_t eq = part.find('=');
    if (!iequals(trim(std::string_view(part).substr(0, eq)), "samesite")) {
      continue;
    }
    const std::string mode =
        eq == std::string::npos ? "" : to_lower(trim(std::string_view(part).substr(eq + 1)));
    if (mode != "lax" && mode != "strict" && mode != "none") {
      return true;
    }
  }
  return false;
}

// The worst thing the Observatory finds about one cookie, or "" for nothing.
std::string_view cookie_problem(const http::Cookie& cookie, bool hsts) {
  const std::string name = to_lower(cookie.name);
  const bool session =
      name.find("login") != std::string::npos || name.find("sess") != std::string::npos;
  std::string_view found;
  if (!cookie.secure && cookie.same_site == "none") {
    found = worse(found, "cookies-samesite-flag-invalid");
  }
  if (!cookie.secure) {
    found = worse(found, hsts ? "cookies-without-secure-flag-but-protected-by-hsts"
                              : "cookies-without-secure-flag");
  }
  if (name.find("csrf") != std::string::npos && cookie.same_site.empty()) {
    found = worse(found, "cookies-anticsrf-without-samesite-flag");
  }
  if (session && !cookie.secure) {
    found = worse(found, hsts ? "cookies-session-without-secure-flag-but-protected-by-hsts"
                              : "cookies-session-without-secure-flag");
  }
  if (session && !cookie.http_only) {
    found = worse(found, "cookies-session-without-httponly-flag");
  }
  return found;
}

}  // namespace

std::string_view cookies_test(const Facts& f) {
  const bool hsts = hsts_test(f) == "hsts-implemented-max-age-at-least-six-months";
  std::string_view found;
  bool any = false;
  bool all_same_site = true;
  for (const auto value : f.page.headers_named("set-cookie")) {
    const auto cookie = http::parse_set_cookie(value);
    // Heroku's load-balancer cookie is set by the platform, not the site (the Observatory
    // ignores it too).
    if (!cookie || cookie->name == "heroku-session-affinity") {
      continue;
    }
    any = true;
    all_same_site = all_same_site && !cookie->same_site.empty();
    if (invalid_same_site(value)) {
      found = worse(found, "cookies-samesite-flag-invalid");
    }
    if (const auto problem = cookie_problem(*cookie, hsts); !problem.empty()) {
      found = worse(found, problem);
    }
  }
  if (!any) {
    return "cookies-not-found";
  }
  if (!found.empty()) {
    return found;
  }
  return all_same_site ? "cookies-secure-with-httponly-sessions-and-samesite"
                       : "cookies-secure-with-httponly-sessions";
}

std::string_view worse(std::string_view current, std::string_view candidate) {
  if (current.empty() || outcome(candidate).modifier < outcome(current).modifier) {
    return candidate;
  }
  return current;
}

std::vector<const Outcome*> run_tests(const Facts& f) {
  using Test = std::string_view (*)(const Facts&);
  static constexpr Test k_tests[] = {csp_test,
                                     cookies_test,
                                     cors_test,
                                     redirection_test,
                                     referrer_policy_test,
                                     hsts_test,
                                     sri_test,
                                     content_type_options_test,
                                     frame_options_test,
                                     resource_policy_test};
  std::vector<const Outcome*> out;
  for (const Test test : k_tests) {
    out.push_back(&outcome(test(f)));
  }
  return out;
}

}  // namespace shipcheck::checks::observatory

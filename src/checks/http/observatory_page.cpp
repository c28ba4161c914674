// The Observatory's tests of single headers, of the CORS and plain-HTTP answers and of the
// page's scripts (see observatory.h); CSP, HSTS and cookies are in observatory.cpp.
#include "checks/http/observatory.h"

#include <algorithm>
#include <array>

#include "checks/http/live.h"
#include "core/text.h"
#include "engines/http/headers.h"

namespace shipcheck::checks::observatory {
namespace {

// The first header of that name, trimmed and lowercase; "" when absent.
std::string first_lower(const http::Response& r, std::string_view name) {
  return to_lower(trim(r.header(name).value_or("")));
}

bool is_redirect_status(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// "www.example.com" -> "example.com": the Observatory's "similar origin" for scripts. (It
// asks the public suffix list; two labels differ from it only under suffixes like co.uk.)
std::string site_of(const std::string& host) {
  const std::size_t last = host.rfind('.');
  if (last == std::string::npos || last == 0) {
    return host;
  }
  const std::size_t before = host.rfind('.', last - 1);
  return before == std::string::npos ? host : host.substr(before + 1);
}

// What the Observatory finds about one <script src>, or "" for nothing.
struct ScriptVerdict {
  std::string_view outcome;
  bool foreign = false;
};

ScriptVerdict judge_script(std::string_view src, bool has_integrity, const Facts& f) {
  const std::string lower = to_lower(src);
  const bool protocol_relative = lower.starts_with("//") && lower.size() > 2 && lower[2] != '/';
  const bool absolute = lower.starts_with("http://") || lower.starts_with("https://");
  if (!protocol_relative && !absolute) {
    // Relative: the page's own origin.
    return {has_integrity && f.https ? "sri-implemented-and-all-scripts-loaded-securely" : "",
            false};
  }
  // A protocol-relative URL counts as foreign and insecure, as the Observatory counts it.
  const bool same_site =
      absolute && site_of(live::host_of_url(std::string(src))) == site_of(f.host);
  if (same_site) {
    return {has_integrity && lower.starts_with("https://")
                ? "sri-implemented-and-all-scripts-loaded-securely"
                : "",
            false};
  }
  const bool secure = lower.starts_with("https://");
  if (has_integrity) {
    return {secure ? "" : "sri-implemented-but-external-scripts-not-loaded-securely", true};
  }
  return {secure ? "sri-not-implemented-but-external-scripts-loaded-securely"
                 : "sri-not-implemented-and-external-scripts-not-loaded-securely",
          true};
}

}  // namespace

std::string_view referrer_policy_test(const Facts& f) {
  static constexpr std::array<std::string_view, 4> k_private = {
      "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"};
  static constexpr std::array<std::string_view, 4> k_unsafe = {
      "origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"};
  const auto headers = f.page.headers_named("referrer-policy");
  if (headers.empty()) {
    return "referrer-policy-not-implemented";
  }
  // Browsers apply the last value they know.
  std::string last;
  for (const auto value : headers) {
    for (const auto& token : split(value, ',')) {
      const std::string policy = to_lower(trim(token));
      if (std::find(k_private.begin(), k_private.end(), policy) != k_private.end() ||
          std::find(k_unsafe.begin(), k_unsafe.end(), policy) != k_unsafe.end()) {
        last = policy;
      }
    }
  }
  if (last.empty()) {
    return "referrer-policy-header-invalid";
  }
  return std::find(k_private.begin(), k_private.end(), last) != k_private.end()
             ? "referrer-policy-private"
             : "referrer-policy-unsafe";
}

std::string_view content_type_options_test(const Facts& f) {
  if (!f.page.header("x-content-type-options")) {
    return "x-content-type-options-not-implemented";
  }
  return first_lower(f.page, "x-content-type-options") == "nosniff"
             ? "x-content-type-options-nosniff"
             : "x-content-type-options-header-invalid";
}

std::string_view frame_options_test(const Facts& f) {
  for (const auto value : f.page.headers_named("content-security-policy")) {
    for (const auto& policy : http::parse_csp(value)) {
      if (policy.has("frame-ancestors")) {
        return "x-frame-options-implemented-via-csp";
      }
    }
  }
  if (!f.page.header("x-frame-options")) {
    return "x-frame-options-not-implemented";
  }
  const std::string xfo = first_lower(f.page, "x-frame-options");
  if (xfo == "deny" || xfo == "sameorigin") {
    return "x-frame-options-sameorigin-or-deny";
  }
  return xfo.starts_with("allow-from") ? "x-frame-options-allow-from-origin"
                                       : "x-frame-options-header-invalid";
}

std::string_view resource_policy_test(const Facts& f) {
  if (!f.page.header("cross-origin-resource-policy")) {
    return "cross-origin-resource-policy-not-implemented";
  }
  const std::string corp = first_lower(f.page, "cross-origin-resource-policy");
  if (corp == "same-origin") {
    return "cross-origin-resource-policy-implemented-with-same-origin";
  }
  if (corp == "same-site") {
    return "cross-origin-resource-policy-implemented-with-same-site";
  }
  return corp == "cross-origin" ? "cross-origin-resource-policy-implemented-with-cross-origin"
                                : "cross-origin-resource-policy-header-invalid";
}

std::string_view cors_test(const Facts& f) {
  const std::string allowed = first_lower(f.cors, "access-control-allow-origin");
  if (allowed.empty()) {
    return "cross-origin-resource-sharing-not-implemented";
  }
  if (allowed == "*") {
    return "cross-origin-resource-sharing-implemented-with-public-access";
  }
  const bool credentials = first_lower(f.cors, "access-control-allow-credentials") == "true";
  return allowed == to_lower(f.origin_sent) && credentials
             ? "cross-origin-resource-sharing-implemented-with-universal-access"
             : "cross-origin-resource-sharing-implemented-with-restricted-access";
}

// The first hop only: a redirect to another plain-HTTP URL is taken to reach HTTPS later
// (the Observatory follows the chain and gives -20 if it never does).
std::string_view redirection_test(const Facts& f) {
  const http::Response& r = f.plain_http;
  if (!r.ok()) {
    return "redirection-not-needed-no-http";
  }
  if (!is_redirect_status(r.status)) {
    return "redirection-missing";
  }
  const std::string to =
      !r.redirect_url.empty() ? r.redirect_url : std::string(r.header("location").value_or(""));
  if (!to_lower(to).starts_with("https://")) {
    return "redirection-not-to-https-on-initial-redirection";
  }
  return live::host_of_url(to) == live::host_of_url(r.effective_url)
             ? "redirection-to-https"
             : "redirection-off-host-from-http";
}

std::string_view sri_test(const Facts& f) {
  if (!http::html::is_html(f.page.header("content-type").value_or(""))) {
    return "sri-not-implemented-response-not-html";
  }
  std::string_view found;
  bool scripts = false;
  bool foreign = false;
  for (const auto& tag : f.tags) {
    if (tag.name != "script") {
      continue;
    }
    scripts = true;
    const auto src = tag.attribute("src");
    if (!src || trim(*src).empty()) {
      continue;
    }
    const ScriptVerdict verdict =
        judge_script(trim(*src), !trim(tag.attribute("integrity").value_or("")).empty(), f);
    foreign = foreign || verdict.foreign;
    if (!verdict.outcome.empty()) {
      found = worse(found, verdict.outcome);
    }
  }
  if (!scripts) {
    return "sri-not-implemented-but-no-scripts-loaded";
  }
  if (!found.empty()) {
    return found;
  }
  return foreign ? "sri-implemented-and-external-scripts-loaded-securely"
                 : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
}

}  // namespace shipcheck::checks::observatory

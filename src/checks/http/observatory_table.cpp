// The HTTP Observatory's published score modifiers and grade chart (see observatory.h), as
// MDN's "HTTP Observatory: tests and scoring" page lists them. Left out: the outcomes that
// need what a scanner on the public internet has and we do not (the HSTS preload list),
// redirection-not-to-https, which needs the whole redirect chain (we read its first hop),
// and the two for an invalid certificate (see observatory.h).
#include "checks/http/observatory.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace shipcheck::checks::observatory {
namespace {

constexpr std::string_view k_csp = "Content Security Policy";
constexpr std::string_view k_cookies = "Cookies";
constexpr std::string_view k_cors = "Cross Origin Resource Sharing";
constexpr std::string_view k_redirection = "Redirection";
constexpr std::string_view k_referrer = "Referrer Policy";
constexpr std::string_view k_hsts = "Strict Transport Security";
constexpr std::string_view k_sri = "Subresource Integrity";
constexpr std::string_view k_xcto = "X-Content-Type-Options";
constexpr std::string_view k_xfo = "X-Frame-Options";
constexpr std::string_view k_corp = "Cross Origin Resource Policy";

}  // namespace

const std::vector<Outcome>& score_table() {
  static const std::vector<Outcome> table = {
      {k_csp, "csp-implemented-with-no-unsafe-default-src-none", 10},
      {k_csp, "csp-implemented-with-no-unsafe", 5},
      {k_csp, "csp-implemented-with-unsafe-inline-in-style-src-only", 0},
      {k_csp, "csp-implemented-with-insecure-scheme-in-passive-content-only", -10},
      {k_csp, "csp-implemented-with-unsafe-eval", -10},
      {k_csp, "csp-implemented-with-unsafe-inline", -20},
      {k_csp, "csp-implemented-with-insecure-scheme", -20},
      {k_csp, "csp-header-invalid", -25},
      {k_csp, "csp-not-implemented", -25},

      {k_cookies, "cookies-secure-with-httponly-sessions-and-samesite", 5},
      {k_cookies, "cookies-secure-with-httponly-sessions", 0},
      {k_cookies, "cookies-not-found", 0},
      {k_cookies, "cookies-without-secure-flag-but-protected-by-hsts", -5},
      {k_cookies, "cookies-session-without-secure-flag-but-protected-by-hsts", -10},
      {k_cookies, "cookies-without-secure-flag", -20},
      {k_cookies, "cookies-samesite-flag-invalid", -20},
      {k_cookies, "cookies-anticsrf-without-samesite-flag", -20},
      {k_cookies, "cookies-session-without-httponly-flag", -30},
      {k_cookies, "cookies-session-without-secure-flag", -40},

      {k_cors, "cross-origin-resource-sharing-not-implemented", 0},
      {k_cors, "cross-origin-resource-sharing-implemented-with-public-access", 0},
      {k_cors, "cross-origin-resource-sharing-implemented-with-restricted-access", 0},
      {k_cors, "cross-origin-resource-sharing-implemented-with-universal-access", -50},

      {k_redirection, "redirection-to-https", 0},
      {k_redirection, "redirection-not-needed-no-http", 0},
      {k_redirection, "redirection-off-host-from-http", -5},
      {k_redirection, "redirection-not-to-https-on-initial-redirection", -10},
      {k_redirection, "redirection-missing", -20},

      {k_referrer, "referrer-policy-private", 5},
      {k_referrer, "referrer-policy-not-implemented", 0},
      {k_referrer, "referrer-policy-unsafe", -5},
      {k_referrer, "referrer-policy-header-invalid", -5},

      {k_hsts, "hsts-implemented-max-age-at-least-six-months", 0},
      {k_hsts, "hsts-implemented-max-age-less-than-six-months", -10},
      {k_hsts, "hsts-not-implemented", -20},
      {k_hsts, "hsts-header-invalid", -20},
      {k_hsts, "hsts-not-implemented-no-https", -20},

      {k_sri, "sri-implemented-and-all-scripts-loaded-securely", 5},
      {k_sri, "sri-implemented-and-external-scripts-loaded-securely", 5},
      {k_sri, "sri-not-implemented-response-not-html", 0},
      {k_sri, "sri-not-implemented-but-no-scripts-loaded", 0},
      {k_sri, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0},
      {k_sri, "sri-not-implemented-but-external-scripts-loaded-securely", -5},
      {k_sri, "sri-implemented-but-external-scripts-not-loaded-securely", -20},
      {k_sri, "sri-not-implemented-and-external-scripts-not-loaded-securely", -50},

      {k_xcto, "x-content-type-options-nosniff", 0},
      {k_xcto, "x-content-type-options-not-implemented", -5},
      {k_xcto, "x-content-type-options-header-invalid", -5},

      {k_xfo, "x-frame-options-implemented-via-csp", 5},
      {k_xfo, "x-frame-options-sameorigin-or-deny", 0},
      {k_xfo, "x-frame-options-allow-from-origin", 0},
      {k_xfo, "x-frame-options-not-implemented", -20},
      {k_xfo, "x-frame-options-header-invalid", -20},

      {k_corp, "cross-origin-resource-policy-implemented-with-same-origin", 10},
      {k_corp, "cross-origin-resource-policy-implemented-with-same-site", 10},
      {k_corp, "cross-origin-resource-policy-implemented-with-cross-origin", 0},
      {k_corp, "cross-origin-resource-policy-not-implemented", 0},
      {k_corp, "cross-origin-resource-policy-header-invalid", -5},
  };
  return table;
}

const Outcome& outcome(std::string_view name) {
  for (const Outcome& o : score_table()) {
    if (o.name == name) {
      return o;
    }
  }
  throw std::out_of_range("no Observatory outcome named " + std::string(name));
}

Score score(const std::vector<const Outcome*>& outcomes) {
  int penalties = 0;
  int bonuses = 0;
  for (const Outcome* o : outcomes) {
    (o->modifier < 0 ? penalties : bonuses) += o->modifier;
  }
  Score s;
  s.before_bonus = 100 + penalties;
  s.bonus_counted = s.before_bonus >= 90;
  s.score = std::max(0, s.before_bonus + (s.bonus_counted ? bonuses : 0));
  s.grade = grade_for(s.score);
  return s;
}

std::string_view grade_for(int score) {
  static constexpr std::pair<int, std::string_view> k_chart[] = {
      {100, "A+"}, {90, "A"}, {85, "A-"}, {80, "B+"}, {70, "B"}, {65, "B-"},
      {60, "C+"},  {50, "C"}, {45, "C-"}, {40, "D+"}, {30, "D"}, {25, "D-"}};
  for (const auto& [floor, grade] : k_chart) {
    if (score >= floor) {
      return grade;
    }
  }
  return "F";
}

}  // namespace shipcheck::checks::observatory

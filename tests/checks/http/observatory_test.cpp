// The Observatory model (HDR009's engine): one example per outcome of the score table, each
// of which must yield that outcome, and the scoring and grade chart at their edges.
#include "checks/http/observatory.h"

#include <algorithm>
#include <functional>
#include <set>

#include <gtest/gtest.h>

namespace shipcheck::checks::observatory {
namespace {

void add(http::Response& r, const std::string& name, const std::string& value) {
  r.headers.emplace_back(name, value);
}

// A site at https://app.test/ whose parts an example sets; by default it sends nothing
// special and redirects plain HTTP to itself.
struct Site {
  http::Response page;
  http::Response plain_http;
  http::Response cors;
  bool https = true;

  Site() {
    page.status = 200;
    page.effective_url = "https://app.test/";
    plain_http.status = 301;
    plain_http.effective_url = "http://app.test/";
    plain_http.redirect_url = "https://app.test/";
    cors.status = 200;
  }
  void html(const std::string& body) {
    add(page, "content-type", "text/html; charset=utf-8");
    page.body = body;
  }
  std::vector<std::string_view> outcomes() const {
    const auto tags = http::html::scan_tags(page.body);
    const Facts facts{page, tags, plain_http, cors, "https://evil.example", "app.test", https};
    std::vector<std::string_view> names;
    for (const Outcome* o : run_tests(facts)) {
      names.push_back(o->name);
    }
    return names;
  }
};

using Setup = std::function<void(Site&)>;

Setup header(const std::string& name, const std::string& value) {
  return [=](Site& s) { add(s.page, name, value); };
}
Setup csp(const std::string& policy) {
  return header("content-security-policy", policy);
}
Setup cookie(const std::string& set_cookie, bool hsts = false) {
  return [=](Site& s) {
    add(s.page, "set-cookie", set_cookie);
    if (hsts) {
      add(s.page, "strict-transport-security", "max-age=31536000");
    }
  };
}
Setup cors(const std::string& origin, bool credentials = false) {
  return [=](Site& s) {
    add(s.cors, "access-control-allow-origin", origin);
    if (credentials) {
      add(s.cors, "access-control-allow-credentials", "true");
    }
  };
}
Setup redirect(long status, const std::string& to) {
  return [=](Site& s) {
    s.plain_http.status = status;
    s.plain_http.redirect_url = to;
  };
}
Setup html(const std::string& body) {
  return [=](Site& s) { s.html(body); };
}
const Setup k_nothing = [](Site&) {};

// One example per outcome of the table: the site that earns it.
const std::vector<std::pair<std::string_view, Setup>>& examples() {
  static const std::vector<std::pair<std::string_view, Setup>> list = {
      {"csp-implemented-with-no-unsafe-default-src-none", csp("default-src 'none'")},
      {"csp-implemented-with-no-unsafe", csp("default-src 'self'")},
      {"csp-implemented-with-unsafe-inline-in-style-src-only",
       csp("default-src 'self'; style-src 'self' 'unsafe-inline'")},
      {"csp-implemented-with-insecure-scheme-in-passive-content-only",
       csp("default-src 'self'; img-src http://images.example")},
      {"csp-implemented-with-unsafe-eval",
       csp("default-src 'self'; script-src 'self' 'unsafe-eval'")},
      {"csp-implemented-with-unsafe-inline",
       csp("default-src 'self'; script-src 'self' 'unsafe-inline'")},
      {"csp-implemented-with-insecure-scheme",
       csp("default-src 'self'; connect-src http://api.example")},
      {"csp-header-invalid", csp("default-src 'self'; script-src 'strict-dynamic'")},
      {"csp-not-implemented", header("content-security-policy-report-only", "default-src 'none'")},

      {"cookies-secure-with-httponly-sessions-and-samesite",
       cookie("sessionid=1; Secure; HttpOnly; SameSite=Lax")},
      {"cookies-secure-with-httponly-sessions", cookie("sessionid=1; Secure; HttpOnly")},
      {"cookies-not-found", k_nothing},
      {"cookies-without-secure-flag-but-protected-by-hsts",
       cookie("theme=dark; SameSite=Lax", true)},
      {"cookies-session-without-secure-flag-but-protected-by-hsts",
       cookie("sessionid=1; HttpOnly; SameSite=Lax", true)},
      {"cookies-without-secure-flag", cookie("theme=dark; SameSite=Lax")},
      {"cookies-samesite-flag-invalid", cookie("theme=dark; Secure; SameSite=Sometimes")},
      {"cookies-anticsrf-without-samesite-flag", cookie("csrftoken=1; Secure")},
      {"cookies-session-without-httponly-flag", cookie("sessionid=1; Secure; SameSite=Lax")},
      {"cookies-session-without-secure-flag", cookie("sessionid=1; HttpOnly; SameSite=Lax")},

      {"cross-origin-resource-sharing-not-implemented", k_nothing},
      {"cross-origin-resource-sharing-implemented-with-public-access", cors("*")},
      {"cross-origin-resource-sharing-implemented-with-restricted-access",
       cors("https://app.example", true)},
      {"cross-origin-resource-sharing-implemented-with-universal-access",
       cors("https://evil.example", true)},

      {"redirection-to-https", k_nothing},
      {"redirection-not-needed-no-http",
       [](Site& s) {
         s.plain_http = http::Response{};
         s.plain_http.error = "Failed to connect to app.test port 80: Connection refused";
       }},
      {"redirection-off-host-from-http", redirect(301, "https://www.app.test/")},
      {"redirection-not-to-https-on-initial-redirection", redirect(302, "http://www.app.test/")},
      {"redirection-missing", redirect(200, "")},

      {"referrer-policy-private", header("referrer-policy", "unsafe-url, no-referrer")},
      {"referrer-policy-not-implemented", k_nothing},
      {"referrer-policy-unsafe", header("referrer-policy", "no-referrer-when-downgrade")},
      {"referrer-policy-header-invalid", header("referrer-policy", "private-please")},

      {"hsts-implemented-max-age-at-least-six-months",
       header("strict-transport-security", "max-age=15552000")},
      {"hsts-implemented-max-age-less-than-six-months",
       header("strict-transport-security", "max-age=86400")},
      {"hsts-not-implemented", k_nothing},
      {"hsts-header-invalid", header("strict-transport-security", "max-age=soon")},
      {"hsts-not-implemented-no-https", [](Site& s) { s.https = false; }},

      {"sri-implemented-and-all-scripts-loaded-securely",
       html(R"(<script src="/app.js" integrity="sha384-x"></script>)")},
      {"sri-implemented-and-external-scripts-loaded-securely",
       html(R"(<script src="https://cdn.other.example/lib.js" integrity="sha384-x"></script>)")},
      {"sri-not-implemented-response-not-html", header("content-type", "application/json")},
      {"sri-not-implemented-but-no-scripts-loaded", html("<p>no scripts</p>")},
      {"sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
       html(R"(<script src="https://static.app.test/app.js"></script><script>x()</script>)")},
      {"sri-not-implemented-but-external-scripts-loaded-securely",
       html(R"(<script src="https://cdn.other.example/lib.js"></script>)")},
      {"sri-implemented-but-external-scripts-not-loaded-securely",
       html(R"(<script src="http://cdn.other.example/lib.js" integrity="sha384-x"></script>)")},
      {"sri-not-implemented-and-external-scripts-not-loaded-securely",
       html(R"(<script src="https://cdn.other.example/a.js"></script>)"
            R"(<script src="//cdn.other.example/b.js"></script>)")},

      {"x-content-type-options-nosniff", header("x-content-type-options", " NoSniff ")},
      {"x-content-type-options-not-implemented", k_nothing},
      {"x-content-type-options-header-invalid", header("x-content-type-options", "nosnif")},

      {"x-frame-options-implemented-via-csp",
       [](Site& s) {
         add(s.page, "x-frame-options", "ALLOWALL");
         add(s.page, "content-security-policy", "frame-ancestors 'none'");
       }},
      {"x-frame-options-sameorigin-or-deny", header("x-frame-options", "SAMEORIGIN")},
      {"x-frame-options-allow-from-origin",
       header("x-frame-options", "ALLOW-FROM https://app.example")},
      {"x-frame-options-not-implemented", k_nothing},
      {"x-frame-options-header-invalid", header("x-frame-options", "ALLOWALL")},

      {"cross-origin-resource-policy-implemented-with-same-origin",
       header("cross-origin-resource-policy", "same-origin")},
      {"cross-origin-resource-policy-implemented-with-same-site",
       header("cross-origin-resource-policy", "Same-Site")},
      {"cross-origin-resource-policy-implemented-with-cross-origin",
       header("cross-origin-resource-policy", "cross-origin")},
      {"cross-origin-resource-policy-not-implemented", k_nothing},
      {"cross-origin-resource-policy-header-invalid",
       header("cross-origin-resource-policy", "same-planet")},
  };
  return list;
}

std::vector<std::string_view> outcomes_of(const Setup& setup) {
  Site site;
  setup(site);
  return site.outcomes();
}

bool has(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(ObservatoryTable, EveryOutcomeHasAnExampleThatYieldsIt) {
  std::set<std::string_view> covered;
  for (const auto& [name, setup] : examples()) {
    EXPECT_NO_THROW((void)outcome(name)) << name << " is not in the table";
    const auto names = outcomes_of(setup);
    EXPECT_TRUE(has(names, name)) << "the example for " << name << " yields "
                                  << fmt::format("{}", fmt::join(names, ", "));
    covered.insert(name);
  }
  for (const Outcome& o : score_table()) {
    EXPECT_TRUE(covered.count(o.name)) << o.name << " has no example";
  }
}

TEST(ObservatoryTable, OneOutcomePerTestInTableOrder) {
  const auto names = outcomes_of(k_nothing);
  ASSERT_EQ(names.size(), 10U);
  std::vector<std::string_view> tests;
  for (const auto name : names) {
    tests.push_back(outcome(name).test);
  }
  EXPECT_EQ(fmt::format("{}", fmt::join(tests, "|")),
            "Content Security Policy|Cookies|Cross Origin Resource Sharing|Redirection|"
            "Referrer Policy|Strict Transport Security|Subresource Integrity|"
            "X-Content-Type-Options|X-Frame-Options|Cross Origin Resource Policy");
}

TEST(ObservatoryTests, ANonceNeutralisesUnsafeInlineAndStrictDynamicTheHosts) {
  EXPECT_TRUE(has(outcomes_of(csp("default-src 'none'; script-src 'nonce-r4nd' 'unsafe-inline' "
                                  "'strict-dynamic' https:")),
                  "csp-implemented-with-no-unsafe-default-src-none"));
  EXPECT_TRUE(has(outcomes_of(csp("default-src 'self'; script-src 'self' 'unsafe-inline' https:")),
                  "csp-implemented-with-unsafe-inline"));
}

TEST(ObservatoryTests, TheStrictestOfSeveralPoliciesCounts) {
  EXPECT_TRUE(has(outcomes_of([](Site& s) {
                    add(s.page, "content-security-policy", "frame-ancestors 'none'");
                    add(s.page, "content-security-policy", "default-src 'none'");
                  }),
                  "csp-implemented-with-no-unsafe-default-src-none"));
}

TEST(ObservatoryTests, OneBadCookieOrScriptDecides) {
  EXPECT_TRUE(has(outcomes_of([](Site& s) {
                    add(s.page, "set-cookie", "theme=dark; Secure; SameSite=Lax");
                    add(s.page, "set-cookie", "sessionid=1; Secure; SameSite=Lax");
                  }),
                  "cookies-session-without-httponly-flag"));
  EXPECT_TRUE(has(outcomes_of(html(R"(<script src="/a.js" integrity="sha384-x"></script>)"
                                   R"(<script src="https://cdn.other.example/b.js"></script>)")),
                  "sri-not-implemented-but-external-scripts-loaded-securely"));
}

TEST(ObservatoryTests, ScriptsInCommentsDoNotCount) {
  EXPECT_TRUE(
      has(outcomes_of(html(R"(<!-- <script src="http://cdn.other.example/x.js"></script> -->)")),
          "sri-not-implemented-but-no-scripts-loaded"));
}

TEST(ObservatoryScoring, BonusesCountOnlyFromNinety) {
  const Score with = score({&outcome("csp-implemented-with-no-unsafe-default-src-none"),
                            &outcome("x-content-type-options-not-implemented"),
                            &outcome("referrer-policy-private")});
  EXPECT_EQ(with.before_bonus, 95);
  EXPECT_TRUE(with.bonus_counted);
  EXPECT_EQ(with.score, 110);
  EXPECT_EQ(with.grade, "A+");

  const Score without = score({&outcome("csp-implemented-with-no-unsafe-default-src-none"),
                               &outcome("x-frame-options-not-implemented")});
  EXPECT_EQ(without.before_bonus, 80);
  EXPECT_FALSE(without.bonus_counted);
  EXPECT_EQ(without.score, 80);
  EXPECT_EQ(without.grade, "B+");
}

TEST(ObservatoryScoring, TheScoreStopsAtZero) {
  const Score s =
      score({&outcome("sri-not-implemented-and-external-scripts-not-loaded-securely"),
             &outcome("cross-origin-resource-sharing-implemented-with-universal-access"),
             &outcome("cookies-session-without-secure-flag")});
  EXPECT_EQ(s.score, 0);
  EXPECT_EQ(s.grade, "F");
}

TEST(ObservatoryScoring, TheGradeChart) {
  const std::vector<std::pair<int, std::string_view>> edges = {
      {135, "A+"}, {100, "A+"}, {99, "A"},  {90, "A"},  {89, "A-"}, {85, "A-"}, {84, "B+"},
      {80, "B+"},  {79, "B"},   {70, "B"},  {69, "B-"}, {65, "B-"}, {64, "C+"}, {60, "C+"},
      {59, "C"},   {50, "C"},   {49, "C-"}, {45, "C-"}, {44, "D+"}, {40, "D+"}, {39, "D"},
      {30, "D"},   {29, "D-"},  {25, "D-"}, {24, "F"},  {0, "F"}};
  for (const auto& [score, grade] : edges) {
    EXPECT_EQ(grade_for(score), grade) << score;
  }
}

}  // namespace
}  // namespace shipcheck::checks::observatory

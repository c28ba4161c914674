// A model of the Mozilla (MDN) HTTP Observatory's grading, for HDR009: its tests (CSP,
// cookies, CORS, redirection, Referrer-Policy, HSTS, subresource integrity,
// X-Content-Type-Options, X-Frame-Options, Cross-Origin-Resource-Policy), each giving one
// of its published outcomes with that outcome's score modifier, and its scoring: 100, plus
// every penalty, plus the bonuses only when that is at least 90; grades A+ to F. The table
// is data (observatory_table.cpp); the tests read responses the HTTP rules already fetched.
// One deliberate difference: the Observatory also takes points for an invalid certificate
// (under HSTS and redirection); here the certificate is the TLS rules' to judge, as for every
// header rule, so that a bad certificate fails those rules and moves no score.
// Rule page: docs/rules/HDR009.md
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engines/http/client.h"
#include "engines/http/html.h"

namespace shipcheck::checks::observatory {

// One published outcome of one Observatory test.
struct Outcome {
  std::string_view test;  // "Content Security Policy"
  std::string_view name;  // "csp-not-implemented", as the Observatory names it
  int modifier = 0;
};

// Every outcome the model can give, in the Observatory's test order.
const std::vector<Outcome>& score_table();

// The outcome of that name; throws std::out_of_range for a name not in the table.
const Outcome& outcome(std::string_view name);

// What the tests read: responses fetched once per run by the HTTP rules.
struct Facts {
  const http::Response& page;                // GET url, redirects not followed
  const std::vector<http::html::Tag>& tags;  // the page's start tags; empty unless HTML
  const http::Response& plain_http;          // GET http_url, redirects not followed
  const http::Response& cors;                // GET url with Origin: origin_sent
  std::string_view origin_sent;
  std::string host;  // url's host, lowercase
  bool https = true;
};

// The tests, each returning the name of its outcome.
std::string_view csp_test(const Facts& facts);
std::string_view cookies_test(const Facts& facts);
std::string_view cors_test(const Facts& facts);
std::string_view redirection_test(const Facts& facts);
std::string_view referrer_policy_test(const Facts& facts);
std::string_view hsts_test(const Facts& facts);
std::string_view sri_test(const Facts& facts);
std::string_view content_type_options_test(const Facts& facts);
std::string_view frame_options_test(const Facts& facts);
std::string_view resource_policy_test(const Facts& facts);

// One outcome per test, in the table's test order.
std::vector<const Outcome*> run_tests(const Facts& facts);

// Of two outcome names, the one with the lower modifier (`current` on a tie, `candidate`
// when `current` is empty): a test over many cookies or scripts keeps its worst.
std::string_view worse(std::string_view current, std::string_view candidate);

struct Score {
  int score = 0;
  std::string_view grade;  // "A+" ... "F"
  int before_bonus = 0;    // 100 plus the penalties
  bool bonus_counted = false;
};

// The Observatory's two rounds: penalties first; bonuses only if that leaves 90 or more.
Score score(const std::vector<const Outcome*>& outcomes);

// The published grade chart: 100+ A+, 90 A, 85 A-, 80 B+, 70 B, 65 B-, 60 C+, 50 C, 45 C-,
// 40 D+, 30 D, 25 D-, below F.
std::string_view grade_for(int score);

}  // namespace shipcheck::checks::observatory

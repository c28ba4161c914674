// HDR009: the score and grade the Mozilla HTTP Observatory would give the url, computed from
// the responses the other HTTP rules fetch (see observatory.h), shown beside our own results.
// Severity info, so it weighs nothing in our score: HDR001-HDR008 already count each header.
#include "checks/http/observatory_score.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "checks/http/observatory.h"

namespace shipcheck::checks {
namespace {

constexpr int k_grade_b = 70;  // the lowest score graded B

// "csp-not-implemented -25; cookies-not-found 0; ..."
std::string modifiers(const std::vector<const observatory::Outcome*>& outcomes) {
  std::vector<std::string> parts;
  for (const auto* o : outcomes) {
    parts.push_back(o->modifier > 0 ? fmt::format("{} +{}", o->name, o->modifier)
                                    : fmt::format("{} {}", o->name, o->modifier));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

ObservatoryScore::ObservatoryScore()
    : HeaderRule(
          RuleInfo{"HDR009", "http", "HTTP Observatory-style score and grade", Severity::info,
                   "fix the outcomes with negative modifiers first (the other header rules say "
                   "how), then earn the bonuses: CSP default-src 'none', frame-ancestors, "
                   "Referrer-Policy, SameSite cookies, Cross-Origin-Resource-Policy"}) {}

std::vector<Result> ObservatoryScore::check(const Context& ctx,
                                            const http::Response& response) const {
  const observatory::Facts facts{response,
                                 live::main_page_tags(ctx),
                                 live::plain_http_response(ctx),
                                 live::foreign_origin_response(ctx),
                                 live::k_foreign_origin,
                                 live::host_of_url(ctx.config.url),
                                 live::is_https(ctx)};
  const auto outcomes = observatory::run_tests(facts);
  const observatory::Score s = observatory::score(outcomes);
  std::string evidence = modifiers(outcomes);
  if (!s.bonus_counted) {
    evidence += fmt::format("; bonuses not counted: {} before them is below 90", s.before_bonus);
  }
  const std::string message =
      fmt::format("Observatory-style score {}/100, grade {}", s.score, s.grade);
  if (s.score >= k_grade_b) {
    return {pass(message, evidence)};
  }
  return {warn(message + " (below B)", evidence)};
}

}  // namespace shipcheck::checks

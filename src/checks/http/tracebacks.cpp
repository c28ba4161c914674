// EXP004: error pages carry no stack trace or debug page: a page that does not exist, a
// malformed query and a malformed JSON body are sent, and their answers searched for the
// markers of Python, Java, Node, PHP, Ruby, .NET and framework debug pages.
#include "checks/http/tracebacks.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

constexpr const char* k_markers[] = {
    "Traceback (most recent call last)",                       // Python
    "You're seeing this error because you have DEBUG = True",  // Django
    "Werkzeug Debugger",                                       // Flask
    "Exception in thread",                                     // Java
    "\tat java.",                                              // Java frames
    "at Object.<anonymous>",                                   // Node
    "at Module._compile",                                      // Node
    "Stack trace:",                                            // PHP
    "Fatal error: Uncaught",                                   // PHP
    "Server Error in '/' Application",                         // ASP.NET
    "ActionController::RoutingError",                          // Rails
};

std::string marker_in(std::string_view body) {
  for (const char* marker : k_markers) {
    if (body.find(marker) != std::string_view::npos) {
      return marker;
    }
  }
  return {};
}

}  // namespace

NoTracebacks::NoTracebacks()
    : LiveRule(RuleInfo{"EXP004", "http", "Error pages show no stack traces", Severity::high,
                        "turn debug mode off and let the framework's production error handler "
                        "answer (FastAPI/Starlette: debug=False; Django: DEBUG=False)"}) {}

std::vector<Result> NoTracebacks::check(const Context& ctx) const {
  const std::vector<http::Request> requests = {
      {"GET", live::url_for(ctx, "/shipcheck-missing-page-404"), {}, {}, false},
      {"GET", live::url_for(ctx, "/?shipcheck=%zz%"), {}, {}, false},
      {"POST", ctx.config.url, {"Content-Type: application/json"}, "{\"shipcheck\": [", false},
  };
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const http::Response& r = responses[i];
    const std::string marker = marker_in(r.body);
    if (!marker.empty()) {
      Result result = fail(fmt::format("{} {} answers {} with a stack trace or debug page",
                                       requests[i].method, requests[i].url, r.status),
                           fmt::format("found \"{}\" in the body", marker));
      result.target = requests[i].url;
      out.push_back(std::move(result));
    }
  }
  if (!out.empty()) {
    return out;
  }
  if (auto down = live::unanswered(*this, ctx, responses)) {
    return {*down};
  }
  return {pass("a missing page, a malformed query and a malformed JSON body get plain errors")};
}

}  // namespace shipcheck::checks

// EXP003: response headers name no software version (Server: nginx/1.22.1, X-Powered-By:
// PHP/8.1, X-AspNet-Version): versions tell an attacker which exploits to try.
#include "checks/http/version_leak.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "checks/context.h"

namespace shipcheck::checks {
namespace {

// "nginx/1.22.1", "Express 4.18", "PHP/8.1": a digit right after '/' or ' '.
bool names_a_version(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if ((value[i - 1] == '/' || value[i - 1] == ' ') &&
        std::isdigit(static_cast<unsigned char>(value[i])) != 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

NoVersionLeak::NoVersionLeak()
    : LiveRule(RuleInfo{
          "EXP003", "http", "Server and framework versions are not disclosed", Severity::low,
          "hide versions (nginx: server_tokens off; Express: app.disable('x-powered-by'); "
          "PHP: expose_php = Off)"}) {}

std::vector<Result> NoVersionLeak::check(const Context& ctx) const {
  const auto responses = live::fetch_unverified(
      ctx, {http::Request{"GET", ctx.config.url, {}, {}, false},
            http::Request{"GET", live::url_for(ctx, "/shipcheck-missing-page"), {}, {}, false}});
  std::vector<std::string> leaks;
  for (const auto& r : responses) {
    for (const auto& [name, value] : r.headers) {
      const bool versioned = (name == "server" || name == "x-powered-by") && names_a_version(value);
      const bool always = name == "x-aspnet-version" || name == "x-aspnetmvc-version";
      const std::string shown = fmt::format("{}: {}", name, value);
      if ((versioned || always) && std::find(leaks.begin(), leaks.end(), shown) == leaks.end()) {
        leaks.push_back(shown);
      }
    }
  }
  if (!responses.front().ok() && !responses.back().ok()) {
    return {error(fmt::format("GET {} failed: {}", ctx.config.url, responses.front().error))};
  }
  if (!leaks.empty()) {
    const std::string shown = fmt::format("{}", fmt::join(leaks, "; "));
    return {fail("response headers disclose versions: " + shown, shown)};
  }
  return {pass("no version in Server or X-Powered-By")};
}

}  // namespace shipcheck::checks

// EXP002: the web server does not hand out the repository (/.git/), the env file, or
// server status pages: each check looks at the body, so a catch-all 200 is not a finding.
#include "checks/http/sensitive_files.h"

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks {
namespace {

struct Probe {
  const char* path;
  const char* what;
  bool (*matches)(std::string_view body);
};

bool git_head(std::string_view body) {
  return body.rfind("ref: refs/", 0) == 0 ||
         (body.size() >= 40 && body.find_first_not_of("0123456789abcdef") == 40);
}

// KEY=value lines, as in a dotenv file.
bool env_file(std::string_view body) {
  int assignments = 0;
  for (const auto& line : split(body, '\n')) {
    const std::size_t eq = line.find('=');
    if (eq != std::string::npos && eq > 0 &&
        line.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == eq) {
      ++assignments;
    }
  }
  return assignments >= 2;
}

bool server_status(std::string_view body) {
  return contains_icase(body, "Apache Server Status") ||
         contains_icase(body, "Active connections:");
}

bool actuator(std::string_view body) {
  return body.find("\"_links\"") != std::string_view::npos ||
         body.find("\"propertySources\"") != std::string_view::npos;
}

const Probe k_probes[] = {
    {"/.git/HEAD", "the git repository (/.git/)", git_head},
    {"/.env", "an env file (/.env)", env_file},
    {"/.env.production", "an env file (/.env.production)", env_file},
    {"/server-status", "the server status page", server_status},
    {"/nginx_status", "the nginx status page", server_status},
    {"/actuator", "Spring Boot actuators", actuator},
    {"/actuator/env", "Spring Boot's environment", actuator},
};

}  // namespace

SensitiveFilesHidden::SensitiveFilesHidden()
    : LiveRule(RuleInfo{"EXP002", "http", "No repository, env or status files are served",
                        Severity::critical,
                        "deny dot-files and status pages at the proxy (nginx: location ~ /\\. "
                        "{ return 404; }) and keep .git and .env out of the web root"}) {}

std::vector<Result> SensitiveFilesHidden::check(const Context& ctx) const {
  std::vector<http::Request> requests;
  for (const Probe& probe : k_probes) {
    requests.push_back(http::Request{"GET", live::url_for(ctx, probe.path), {}, {}, false});
  }
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const http::Response& r = responses[i];
    if (r.ok() && r.status == 200 && k_probes[i].matches(r.body)) {
      // The body is never quoted: an env file is full of secrets.
      Result result = fail(fmt::format("{} is served at {}", k_probes[i].what, k_probes[i].path),
                           fmt::format("GET {} -> 200, {} bytes", requests[i].url, r.body.size()));
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
  return {pass(fmt::format("none of {} sensitive paths is served", requests.size()))};
}

}  // namespace shipcheck::checks

#include "checks/secrets/secret_rules.h"

#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "core/fingerprint.h"
#include "core/redact.h"

namespace shipcheck::checks::secrets {
namespace {

namespace engine = ::shipcheck::secrets;

constexpr const char* k_rotate =
    "revoke and rotate the credential first (it is compromised once pushed), then move it "
    "to a secret manager or the environment and purge it from history (git filter-repo)";

RuleInfo rule(const char* id, const char* title, Severity severity) {
  return RuleInfo{id, "secrets", title, severity, k_rotate};
}

std::string date_of(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string message_of(const engine::SourceFinding& s) {
  const engine::Detector& d = *s.finding.detector;
  std::string message = fmt::format("{} ({})", d.description, d.id);
  if (!s.finding.encoding.empty()) {
    message += fmt::format(", {}-encoded", s.finding.encoding);
  }
  if (s.commit) {
    message += fmt::format(" introduced in {} by {} on {}", s.commit->id.substr(0, 12),
                           s.commit->author, date_of(s.commit->time));
  }
  return message;
}

}  // namespace

const std::vector<RuleInfo>& secret_rules() {
  static const std::vector<RuleInfo> rules{
      rule("SEC001", "Cloud provider credentials are committed", Severity::critical),
      rule("SEC002", "Source-control tokens are committed", Severity::critical),
      rule("SEC003", "Chat tokens or webhooks are committed", Severity::high),
      rule("SEC004", "Payment provider keys are committed", Severity::critical),
      rule("SEC005", "AI provider API keys are committed", Severity::high),
      rule("SEC006", "Email or SMS provider keys are committed", Severity::high),
      rule("SEC007", "Package registry tokens are committed", Severity::high),
      rule("SEC008", "Observability service keys are committed", Severity::medium),
      rule("SEC009", "Infrastructure or secret-manager tokens are committed", Severity::critical),
      rule("SEC010", "Private keys are committed", Severity::critical),
      rule("SEC011", "JSON Web Tokens are committed", Severity::high),
      rule("SEC012", "Credentials are embedded in connection URLs", Severity::high),
      rule("SEC013", "Secrets are assigned in code or configuration", Severity::high),
      rule("SEC014", "SaaS API tokens are committed", Severity::high),
      rule("SEC015", "Kubernetes Secret manifests hold real values", Severity::high),
  };
  return rules;
}

const RuleInfo* secret_rule(const std::string& id) {
  for (const auto& r : secret_rules()) {
    if (r.id == id) {
      return &r;
    }
  }
  return nullptr;
}

std::vector<Result> finding_results(const std::vector<engine::SourceFinding>& found) {
  std::vector<Result> results;
  for (const auto& s : found) {
    const engine::Finding& f = s.finding;
    const RuleInfo* info = secret_rule(f.detector->rule);
    Result r;
    r.rule = f.detector->rule;
    r.title = info != nullptr ? info->title : f.detector->description;
    r.family = "secrets";
    r.severity = info != nullptr ? info->severity : Severity::high;
    r.remediation = info != nullptr ? info->remediation : k_rotate;
    r.status = Status::fail;
    r.target = s.path;
    r.location = Location{s.path, f.line, f.column, s.commit ? s.commit->id : std::string()};
    r.fingerprint = make_fingerprint(r.rule, s.path, f.detector->id + '\0' + f.secret);
    r.message = message_of(s);
    r.evidence = redact_value(f.secret);
    results.push_back(std::move(r));
  }
  return results;
}

Result clean_result(const RuleInfo& info, const engine::ScanStats& stats) {
  Result r;
  r.rule = info.id;
  r.title = info.title;
  r.family = info.family;
  r.severity = info.severity;
  r.remediation = info.remediation;
  r.status = Status::pass;
  r.message = stats.commits > 0 ? fmt::format("none found in {} files and blobs from {} commits",
                                              stats.files, stats.commits)
                                : fmt::format("none found in {} files", stats.files);
  return r;
}

std::string cache_dir() {
  if (const char* dir = std::getenv("SHIPCHECK_CACHE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/shipcheck";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/shipcheck";
  }
  return {};
}

tl::expected<const engine::Matcher*, std::string> shared_matcher(
    const std::vector<std::string>& extra_rule_files) {
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::unique_ptr<engine::Matcher>> compiled;
  std::lock_guard lock(mutex);
  if (auto it = compiled.find(extra_rule_files); it != compiled.end()) {
    return it->second.get();
  }
  engine::RuleSet rules = engine::builtin_rules();
  for (const auto& file : extra_rule_files) {
    auto extra = engine::load_rules_file(file);
    if (!extra) {
      return tl::make_unexpected(extra.error().to_string());
    }
    engine::merge_rules(rules, std::move(*extra));
  }
  auto matcher = engine::Matcher::compile(std::move(rules), cache_dir());
  if (!matcher) {
    return tl::make_unexpected(matcher.error());
  }
  auto owned = std::make_unique<engine::Matcher>(std::move(*matcher));
  const engine::Matcher* raw = owned.get();
  compiled.emplace(extra_rule_files, std::move(owned));
  return raw;
}

}  // namespace shipcheck::checks::secrets

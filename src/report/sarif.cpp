// SARIF report: Report -> SARIF 2.1.0 log (tests/support/schemas/sarif-schema-2.1.0.json).
#include "report/sarif.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/utc_time.h"

namespace shipcheck::report {
namespace {

using Json = nlohmann::ordered_json;

// --- levels and severities ---------------------------------------------------------------

// A rule's level when it fails: what code scanning shows as error / warning / note.
std::string_view rule_level(Severity severity) {
  switch (severity) {
    case Severity::critical:
    case Severity::high:
      return "error";
    case Severity::medium:
      return "warning";
    case Severity::low:
    case Severity::info:
      break;
  }
  return "note";
}

// A warn is a softer fail, and an error (could not be evaluated) is inconclusive: neither
// reaches "error", yet an inconclusive important check must not sink to a mere note.
std::string_view result_level(const Result& r) {
  const bool important = r.severity == Severity::critical || r.severity == Severity::high;
  switch (r.status) {
    case Status::warn:
      return important ? "warning" : "note";
    case Status::error:
      return important || r.severity == Severity::medium ? "warning" : "note";
    default:
      return rule_level(r.severity);
  }
}

// The scale code scanning reads from properties.security-severity (0.0 to 10.0).
std::optional<std::string> security_severity(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return "9.5";
    case Severity::high:
      return "8.0";
    case Severity::medium:
      return "5.5";
    case Severity::low:
      return "3.0";
    case Severity::info:
      break;
  }
  return std::nullopt;
}

bool is_finding(const Result& r) {
  return r.status == Status::fail || r.status == Status::warn || r.status == Status::error;
}

// --- URIs --------------------------------------------------------------------------------

// ASCII only, whatever the locale: bytes of UTF-8 names are escaped.
bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_unreserved(unsigned char c) {
  return is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_sub_delim_or_gen_delim(unsigned char c) {
  return std::string_view("!$&'()*+,;=:/?#[]@").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

std::string percent_encode(unsigned char c) {
  return fmt::format("%{:02X}", static_cast<unsigned>(c));
}

// A relative path as a URI reference: '/' separates segments, everything else that is not
// unreserved is escaped (':' too, or "a:b" would read as a scheme).
std::string path_to_uri(std::string_view path) {
  std::string uri;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    uri += is_unreserved(c) || c == '/' ? std::string(1, ch) : percent_encode(c);
  }
  return uri;
}

// "scheme://..." (RFC 3986 scheme). Requiring "//" keeps "localhost:5432" a plain name.
bool is_absolute_uri(std::string_view text) {
  const auto colon = text.find("://");
  const auto first = static_cast<unsigned char>(text.empty() ? '\0' : text[0]);
  if (colon == std::string_view::npos || colon == 0 || !is_ascii_alnum(first) ||
      (first >= '0' && first <= '9')) {
    return false;
  }
  for (const char ch : text.substr(0, colon)) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_ascii_alnum(c) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// An absolute URI as given, with only the characters a URI cannot hold escaped.
std::string absolute_uri(std::string_view text) {
  std::string uri;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool escape_already = c == '%' && i + 2 < text.size() &&
                                std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
                                std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0;
    uri += is_unreserved(c) || is_sub_delim_or_gen_delim(c) || escape_already
               ? std::string(1, text[i])
               : percent_encode(c);
  }
  return uri;
}

Json artifact_location(std::string_view where) {
  if (is_absolute_uri(where)) {
    return Json{{"uri", absolute_uri(where)}};
  }
  return Json{{"uri", path_to_uri(where)}, {"uriBaseId", std::string(k_source_root)}};
}

Json physical_location(const Result& r) {
  if (r.location && !r.location->file.empty()) {
    Json physical{{"artifactLocation", artifact_location(r.location->file)}};
    if (r.location->line > 0) {
      Json region{{"startLine", r.location->line}};
      if (r.location->column > 0) {
        region["startColumn"] = r.location->column;
      }
      physical["region"] = std::move(region);
    }
    return physical;
  }
  return Json{
      {"artifactLocation", artifact_location(r.target.empty() ? k_config_file_uri : r.target)}};
}

// --- times -------------------------------------------------------------------------------

std::string format_utc(std::time_t seconds, std::int64_t millis) {
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:03}Z", buffer, millis);
}

Json invocation_json(const Report& report) {
  // The reporter runs only once every check has answered, errors included: the run itself
  // completed. Checks that could not be evaluated are results, not a failed execution.
  Json invocation{{"executionSuccessful", true}};
  if (const auto start = parse_utc(report.started_at)) {
    const std::int64_t duration = report.duration_ms < 0 ? 0 : report.duration_ms;
    invocation["startTimeUtc"] = format_utc(*start, 0);
    invocation["endTimeUtc"] =
        format_utc(*start + static_cast<std::time_t>(duration / 1000), duration % 1000);
  }
  if (!report.notices.empty()) {
    Json notifications = Json::array();
    for (const auto& notice : report.notices) {
      notifications.push_back(Json{{"message", {{"text", notice}}}, {"level", "warning"}});
    }
    invocation["toolConfigurationNotifications"] = std::move(notifications);
  }
  return invocation;
}

// --- rules -------------------------------------------------------------------------------

// "Secret values in Kubernetes manifests" -> "SecretValuesInKubernetesManifests".
std::string pascal_case(std::string_view title) {
  std::string name;
  bool word_start = true;
  for (const char ch : title) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_ascii_alnum(c)) {
      word_start = true;
      continue;
    }
    name += word_start ? static_cast<char>(std::toupper(c)) : ch;
    word_start = false;
  }
  return name;
}

std::string help_text(const std::string& rule, const std::string& remediation) {
  const std::string explain = fmt::format("Run `shipcheck explain {}` for the rule's page.", rule);
  return remediation.empty() ? explain : fmt::format("{}\n\n{}", remediation, explain);
}

Json rule_json(const Result& r, const std::string& remediation) {
  const std::string level(rule_level(r.severity));
  Json tags = Json::array();
  if (!r.family.empty()) {
    tags.push_back(r.family);
  }
  if (r.rule.rfind("SEC", 0) == 0) {
    tags.push_back("security");
  }
  Json properties{{"tags", std::move(tags)}, {"severity", std::string(to_string(r.severity))}};
  if (const auto score = security_severity(r.severity)) {
    properties["security-severity"] = *score;
  }
  const std::string name = pascal_case(r.title);
  return Json{{"id", r.rule},
              {"name", name.empty() ? r.rule : name},
              {"shortDescription", {{"text", r.title.empty() ? r.rule : r.title}}},
              {"helpUri", fmt::format("{}/blob/main/docs/rules/{}.md", k_information_uri, r.rule)},
              {"help", {{"text", help_text(r.rule, remediation)}}},
              {"defaultConfiguration", {{"level", level}}},
              {"properties", std::move(properties)}};
}

// The rule of every result, first appearance first, with its index in that table. A rule's
// help comes from the first of its results that carries a remediation.
struct RuleTable {
  Json descriptors = Json::array();
  std::map<std::string, std::size_t> index;
};

std::map<std::string, std::string> first_remediations(const Report& report) {
  std::map<std::string, std::string> remediation;
  for (const auto& r : report.results) {
    if (!r.remediation.empty()) {
      remediation.emplace(r.rule, r.remediation);
    }
  }
  return remediation;
}

RuleTable rule_table(const Report& report) {
  const auto remediation = first_remediations(report);
  RuleTable table;
  for (const auto& r : report.results) {
    if (table.index.emplace(r.rule, table.descriptors.size()).second) {
      const auto found = remediation.find(r.rule);
      table.descriptors.push_back(
          rule_json(r, found == remediation.end() ? std::string() : found->second));
    }
  }
  return table;
}

// --- results -----------------------------------------------------------------------------

std::string message_text(const Result& r) {
  std::string text = r.message.empty() ? r.title : r.message;
  if (!r.evidence.empty()) {
    text += " evidence: " + r.evidence;
  }
  return text.empty() ? r.rule : text;
}

// No review status: SARIF 2.1.0's final text calls it "status", the TC's draft-07 schema
// "state", and each schema rejects the other's name; the property is optional in both.
Json suppressions_json(const SuppressionNote& note) {
  const bool in_source = note.source == "inline";
  return Json::array({Json{{"kind", in_source ? "inSource" : "external"},
                           {"justification", note.reason},
                           {"properties", {{"source", note.source}}}}});
}

Json result_json(const Result& r, std::size_t rule_index) {
  Json j{{"ruleId", r.rule},
         {"ruleIndex", rule_index},
         {"level", std::string(result_level(r))},
         {"message", {{"text", message_text(r)}}},
         {"locations", Json::array({Json{{"physicalLocation", physical_location(r)}}})}};
  const std::string commit = r.location ? r.location->commit : std::string();
  Json fingerprints = Json::object();
  if (!r.fingerprint.empty()) {
    fingerprints[std::string(k_fingerprint_key)] = r.fingerprint;
  }
  if (!commit.empty()) {
    fingerprints[std::string(k_commit_fingerprint_key)] = commit;
  }
  if (!fingerprints.empty()) {
    j["partialFingerprints"] = std::move(fingerprints);
  }
  if (r.suppressed) {
    j["suppressions"] = suppressions_json(*r.suppressed);
  }
  Json properties{{"severity", std::string(to_string(r.severity))},
                  {"status", std::string(to_string(r.status))}};
  if (!r.target.empty()) {
    properties["target"] = r.target;
  }
  if (!commit.empty()) {
    properties["commit"] = commit;
  }
  j["properties"] = std::move(properties);
  return j;
}

std::string automation_id(const Report& report) {
  return report.service.empty() ? std::string("shipcheck/")
                                : fmt::format("shipcheck/{}/", report.service);
}

}  // namespace

nlohmann::ordered_json to_sarif(const Report& report, const ReportOptions& options) {
  const std::string version =
      options.tool_version.empty() ? std::string(SHIPCHECK_VERSION) : options.tool_version;
  RuleTable rules = rule_table(report);
  Json results = Json::array();
  for (const auto& r : report.results) {
    if (is_finding(r)) {
      results.push_back(result_json(r, rules.index.at(r.rule)));
    }
  }
  Json driver{{"name", "shipcheck"},
              {"version", version},
              {"informationUri", std::string(k_information_uri)},
              {"rules", std::move(rules.descriptors)}};
  Json run{{"tool", {{"driver", std::move(driver)}}},
           {"automationDetails", {{"id", automation_id(report)}}},
           {"invocations", Json::array({invocation_json(report)})},
           {"results", std::move(results)},
           {"properties",
            {{"service", report.service},
             {"score", report.score},
             {"minScore", report.min_score},
             {"verdict", report.ready ? "ready" : "not-ready"}}}};
  return Json{{"$schema", std::string(k_sarif_schema_uri)},
              {"version", std::string(k_sarif_version)},
              {"runs", Json::array({std::move(run)})}};
}

void SarifReporter::write(const Report& report, std::ostream& out) const {
  // Evidence quoted from inspected files may hold invalid UTF-8; replace it rather than throw.
  out << to_sarif(report, m_options).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace shipcheck::report

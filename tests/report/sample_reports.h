// Reports shared by the report-format tests: small, hand-built, covering every status.
#pragma once

#include <string>

#include "core/report.h"

namespace shipcheck::test {

inline Result sample_result(std::string rule, std::string family, Severity severity, Status status,
                            std::string message) {
  Result r;
  r.rule = std::move(rule);
  r.title = r.rule + " title";
  r.family = std::move(family);
  r.severity = severity;
  r.status = status;
  r.message = std::move(message);
  r.duration_ms = 3;
  return r;
}

inline Report empty_report() {
  Report report;
  report.service = "todo-api";
  report.started_at = "2026-11-21T22:40:00Z";
  return report;
}

// Two families, every status, one located finding, one suppressed finding, two manual items.
inline Report mixed_report() {
  Report report = empty_report();
  report.duration_ms = 2140;
  auto debug = sample_result("ENV004", "env", Severity::critical, Status::fail, "DEBUG is on");
  debug.location = Location{".env.production", 3, 1, ""};
  debug.target = ".env.production";
  debug.evidence = "DEBUG=true";
  debug.remediation = "set DEBUG=false";
  debug.fingerprint = "f1e2d3c4";
  report.results.push_back(
      sample_result("ENV010", "env", Severity::low, Status::pass, "LOG_LEVEL=INFO"));
  report.results.push_back(
      sample_result("ENV007", "env", Severity::medium, Status::warn, "LOG_LEVEL is DEBUG"));
  report.results.push_back(debug);
  report.results.push_back(
      sample_result("ENV020", "env", Severity::info, Status::skip, "no JWT settings found"));
  auto hsts = sample_result("HDR001", "http", Severity::high, Status::error,
                            "could not connect to api.example.com:443");
  hsts.target = "https://api.example.com/";
  report.results.push_back(hsts);
  report.results.push_back(
      sample_result("HDR003", "http", Severity::medium, Status::pass, "nosniff is set"));
  auto key = sample_result("SEC014", "secrets", Severity::high, Status::fail, "AWS key");
  key.location = Location{"tests/fixtures/keys.txt", 7, 0, "0123456789abcdef0123"};
  key.suppressed = SuppressionNote{"fake keys", "shipcheck.yaml:12"};
  report.results.push_back(key);
  report.results.push_back(
      sample_result("MAN001", "manual", Severity::medium, Status::manual, "load test reviewed"));
  report.manual.push_back(
      ManualRecord{"notify-team", "Notify team of deployment", "DEPLOY.md:212", true, {}, {}, {}});
  report.manual.push_back(ManualRecord{"backup-drill", "Backup restore tested", "", false, "alice",
                                       "2026-11-20T10:00:00Z", "restored to scratch"});
  report.score = 41;
  report.ready = false;
  report.summary = Summary{2, 2, 1, 1, 1, 2};
  report.decided_by = {"ENV004 DEBUG is on (critical)",
                       "manual item 'notify-team' is not signed off"};
  return report;
}

}  // namespace shipcheck::test

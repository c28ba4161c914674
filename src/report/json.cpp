// JSON report: Report -> shipcheck.report/v1.
#include "report/json.h"

#include <string>

namespace shipcheck::report {
namespace {

using Json = nlohmann::ordered_json;

// Empty text and 0 line/column mean "absent" in the core types; JSON says null.
Json or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}
Json or_null(int number) {
  return number == 0 ? Json(nullptr) : Json(number);
}
Json or_null(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json(nullptr);
}

Json location_json(const std::optional<Location>& location) {
  if (!location) {
    return nullptr;
  }
  Json j{{"file", location->file},
         {"line", or_null(location->line)},
         {"column", or_null(location->column)}};
  if (!location->commit.empty()) {
    j["commit"] = location->commit;
  }
  return j;
}

Json result_json(const Result& r) {
  Json j{{"rule", r.rule},
         {"title", r.title},
         {"family", r.family},
         {"severity", to_string(r.severity)},
         {"status", to_string(r.status)},
         {"target", r.target},
         {"location", location_json(r.location)},
         {"fingerprint", r.fingerprint},
         {"message", r.message},
         {"evidence", r.evidence},
         {"remediation", r.remediation},
         {"duration_ms", r.duration_ms}};
  if (r.suppressed) {
    j["suppressed"] = Json{{"reason", r.suppressed->reason}, {"source", r.suppressed->source}};
  }
  return j;
}

Json manual_json(const ManualRecord& m) {
  return Json{{"id", m.id},
              {"title", m.title},
              {"source", or_null(m.source)},
              {"required", m.required},
              {"signed_off_by", or_null(m.signed_off_by)},
              {"signed_off_at", or_null(m.signed_off_at)},
              {"note", or_null(m.note)}};
}

Json summary_json(const Summary& s) {
  return Json{{"pass", s.pass}, {"fail", s.fail},   {"warn", s.warn},
              {"skip", s.skip}, {"error", s.error}, {"manual", s.manual}};
}

Json array_of(const auto& items, auto convert) {
  Json array = Json::array();
  for (const auto& item : items) {
    array.push_back(convert(item));
  }
  return array;
}

}  // namespace

nlohmann::ordered_json to_json(const Report& report, const ReportOptions& options) {
  const std::string version =
      options.tool_version.empty() ? std::string(SHIPCHECK_VERSION) : options.tool_version;
  return Json{{"schema", std::string(k_json_schema_id)},
              {"tool", {{"name", "shipcheck"}, {"version", version}}},
              {"service", report.service},
              {"started_at", report.started_at},
              {"duration_ms", report.duration_ms},
              {"score", report.score},
              {"verdict", report.ready ? "ready" : "not-ready"},
              {"summary", summary_json(report.summary)},
              {"results", array_of(report.results, result_json)},
              {"manual", array_of(report.manual, manual_json)},
              // Additive keys, after the ones DESIGN.md documents.
              {"min_score", report.min_score},
              {"decided_by", report.decided_by},
              {"notices", report.notices}};
}

void JsonReporter::write(const Report& report, std::ostream& out) const {
  // Evidence quoted from inspected files may hold invalid UTF-8; replace it rather than throw.
  out << to_json(report, m_options).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace shipcheck::report

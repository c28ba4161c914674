// JSON report: Report -> shipcheck.report/v1, written as it is walked. Building the whole
// document as an nlohmann tree first cost a fifth of `scan containers`' instructions on a
// report of 58,000 findings (an allocation per key of every result); the text is the same,
// byte for byte, as nlohmann's dump(2) of that tree (tests/report/json_test.cpp checks).
#include "report/json.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace shipcheck::report {
namespace {

using Json = nlohmann::ordered_json;

// Pretty-printed JSON in nlohmann's dump(2) layout: two spaces per level, `"key": value`,
// `{}` and `[]` when empty. Strings of plain printable ASCII are copied as they are; any
// other string goes through nlohmann, so that escaping (and invalid UTF-8 replaced, not
// thrown) is exactly its own.
class PrettyJson {
 public:
  explicit PrettyJson(std::string& out) : m_out(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view name) {
    next_element();
    quoted(name);
    m_out += ": ";
    m_after_key = true;
  }
  void text(std::string_view value) {
    next_element();
    quoted(value);
  }
  void number(std::int64_t value) {
    next_element();
    m_out += std::to_string(value);
  }
  void boolean(bool value) {
    next_element();
    m_out += value ? "true" : "false";
  }
  void null() {
    next_element();
    m_out += "null";
  }

  // `"name": value` shorthands; empty text and 0 mean "absent", which JSON says as null.
  void field_text(std::string_view name, std::string_view value) {
    key(name);
    text(value);
  }
  void field_number(std::string_view name, std::int64_t value) {
    key(name);
    number(value);
  }
  void field_text_or_null(std::string_view name, const std::string& value) {
    key(name);
    value.empty() ? null() : text(value);
  }
  void field_text_or_null(std::string_view name, const std::optional<std::string>& value) {
    key(name);
    value ? text(*value) : null();
  }
  void field_number_or_null(std::string_view name, std::int64_t value) {
    key(name);
    value == 0 ? null() : number(value);
  }
  void field_texts(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    begin_array();
    for (const auto& item : items) {
      text(item);
    }
    end_array();
  }

 private:
  // Before a key, or a value that is not an object's: the comma and the line break.
  void next_element() {
    if (m_after_key) {
      m_after_key = false;
      return;
    }
    if (m_counts.empty()) {
      return;
    }
    if (m_counts.back()++ > 0) {
      m_out += ',';
    }
    m_out += '\n';
    m_out.append(2 * m_counts.size(), ' ');
  }
  void open(char bracket) {
    next_element();
    m_out += bracket;
    m_counts.push_back(0);
  }
  void close(char bracket) {
    const bool empty = m_counts.back() == 0;
    m_counts.pop_back();
    if (!empty) {
      m_out += '\n';
      m_out.append(2 * m_counts.size(), ' ');
    }
    m_out += bracket;
  }
  void quoted(std::string_view value) {
    const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
      return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    });
    if (!plain) {
      m_out +=
          Json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    m_out += '"';
    m_out += value;
    m_out += '"';
  }

  std::string& m_out;
  std::vector<std::size_t> m_counts;  // elements written so far, per open container
  bool m_after_key = false;
};

void write_location(PrettyJson& w, const std::optional<Location>& location) {
  w.key("location");
  if (!location) {
    w.null();
    return;
  }
  w.begin_object();
  w.field_text("file", location->file);
  w.field_number_or_null("line", location->line);
  w.field_number_or_null("column", location->column);
  if (!location->commit.empty()) {
    w.field_text("commit", location->commit);
  }
  w.end_object();
}

void write_result(PrettyJson& w, const Result& r) {
  w.begin_object();
  w.field_text("rule", r.rule);
  w.field_text("title", r.title);
  w.field_text("family", r.family);
  w.field_text("severity", to_string(r.severity));
  w.field_text("status", to_string(r.status));
  w.field_text("target", r.target);
  write_location(w, r.location);
  w.field_text("fingerprint", r.fingerprint);
  w.field_text("message", r.message);
  w.field_text("evidence", r.evidence);
  w.field_text("remediation", r.remediation);
  w.field_number("duration_ms", r.duration_ms);
  if (r.suppressed) {
    w.key("suppressed");
    w.begin_object();
    w.field_text("reason", r.suppressed->reason);
    w.field_text("source", r.suppressed->source);
    w.end_object();
  }
  w.end_object();
}

void write_manual(PrettyJson& w, const ManualRecord& m) {
  w.begin_object();
  w.field_text("id", m.id);
  w.field_text("title", m.title);
  w.field_text_or_null("source", m.source);
  w.key("required");
  w.boolean(m.required);
  w.field_text_or_null("signed_off_by", m.signed_off_by);
  w.field_text_or_null("signed_off_at", m.signed_off_at);
  w.field_text_or_null("note", m.note);
  w.end_object();
}

void write_summary(PrettyJson& w, const Summary& s) {
  w.key("summary");
  w.begin_object();
  w.field_number("pass", s.pass);
  w.field_number("fail", s.fail);
  w.field_number("warn", s.warn);
  w.field_number("skip", s.skip);
  w.field_number("error", s.error);
  w.field_number("manual", s.manual);
  w.end_object();
}

// Results are handed to `sink` every k_flush_bytes: a report of 58,000 findings held whole
// was 110 MiB of a `scan containers` run's 550 MiB peak, all of it page faults.
constexpr std::size_t k_flush_bytes = 256 * 1024;

}  // namespace

void write_json(const Report& report, const ReportOptions& options, std::ostream& sink) {
  const std::string version =
      options.tool_version.empty() ? std::string(SHIPCHECK_VERSION) : options.tool_version;
  std::string out;
  out.reserve(k_flush_bytes + 4096);
  const auto flush_if_full = [&] {
    if (out.size() >= k_flush_bytes) {
      sink.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  };
  PrettyJson w(out);
  w.begin_object();
  w.field_text("schema", k_json_schema_id);
  w.key("tool");
  w.begin_object();
  w.field_text("name", "shipcheck");
  w.field_text("version", version);
  w.end_object();
  w.field_text("service", report.service);
  w.field_text("started_at", report.started_at);
  w.field_number("duration_ms", report.duration_ms);
  w.field_number("score", report.score);
  w.field_text("verdict", report.ready ? "ready" : "not-ready");
  write_summary(w, report.summary);
  w.key("results");
  w.begin_array();
  for (const auto& r : report.results) {
    write_result(w, r);
    flush_if_full();
  }
  w.end_array();
  w.key("manual");
  w.begin_array();
  for (const auto& m : report.manual) {
    write_manual(w, m);
  }
  w.end_array();
  // Additive keys, after the ones DESIGN.md documents.
  w.field_number("min_score", report.min_score);
  w.field_texts("decided_by", report.decided_by);
  w.field_texts("notices", report.notices);
  w.end_object();
  out += '\n';
  sink.write(out.data(), static_cast<std::streamsize>(out.size()));
}

void JsonReporter::write(const Report& report, std::ostream& out) const {
  write_json(report, m_options, out);
}

}  // namespace shipcheck::report

#include "report/junit.h"

#include <map>
#include <sstream>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::report {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point of the well-formed sequence at text[i] of `length` bytes.
std::uint32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  std::uint32_t cp = static_cast<unsigned char>(text[i]) & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
  }
  return cp;
}

void append_escaped_ascii(std::string& out, char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      const bool allowed =
          c == '\t' || c == '\n' || c == '\r' || static_cast<unsigned char>(c) >= 0x20;
      if (allowed) {
        out += c;
      } else {
        out += k_replacement;
      }
  }
}

struct Counts {
  int tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  std::int64_t ms = 0;
};

std::string seconds(std::int64_t ms) {
  return fmt::format("{:.3f}", static_cast<double>(ms) / 1e3);
}

std::string case_name(const Result& r) {
  std::string name = r.rule + " " + r.title;
  if (r.location && !r.location->file.empty()) {
    name += r.location->line > 0 ? fmt::format(" ({}:{})", r.location->file, r.location->line)
                                 : fmt::format(" ({})", r.location->file);
  } else if (!r.target.empty()) {
    name += " (" + r.target + ")";
  }
  return name;
}

std::string details(const Result& r) {
  std::string body = r.message;
  if (!r.evidence.empty()) {
    body += "\nevidence: " + r.evidence;
  }
  if (!r.remediation.empty()) {
    body += "\nfix: " + r.remediation;
  }
  return body;
}

void write_case(std::ostream& out, const Result& r) {
  out << fmt::format("    <testcase classname=\"shipcheck.{}\" name=\"{}\" time=\"{}\"",
                     xml_escape(r.family), xml_escape(case_name(r)), seconds(r.duration_ms));
  const std::string message = xml_escape(r.message);
  switch (r.status) {
    case Status::fail:
      out << fmt::format(
          ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n", message,
          to_string(r.severity), xml_escape(details(r)));
      return;
    case Status::error:
      out << fmt::format(
          ">\n      <error message=\"{}\" type=\"error\">{}</error>\n    </testcase>\n", message,
          xml_escape(details(r)));
      return;
    case Status::skip:
      out << fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", message);
      return;
    case Status::warn:
      out << fmt::format(">\n      <system-out>warning: {}</system-out>\n    </testcase>\n",
                         xml_escape(details(r)));
      return;
    case Status::manual:
      out << fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", message);
      return;
    case Status::pass:
      break;
  }
  out << "/>\n";
}

void count(Counts& c, Status status, std::int64_t ms) {
  ++c.tests;
  c.failures += status == Status::fail ? 1 : 0;
  c.errors += status == Status::error ? 1 : 0;
  c.skipped += status == Status::skip || status == Status::manual ? 1 : 0;
  c.ms += ms;
}

std::string suite_attributes(const std::string& name, const Counts& c) {
  return fmt::format(
      "name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"",
      xml_escape(name), c.tests, c.failures, c.errors, c.skipped, seconds(c.ms));
}

// A manual item as a test case: a required one unsigned fails (it blocks the verdict), an
// optional one unsigned is skipped, a signed one passes with who and when.
void write_manual(std::ostream& out, const ManualRecord& m, Counts& c) {
  out << fmt::format("    <testcase classname=\"shipcheck.manual\" name=\"{}\" time=\"0.000\"",
                     xml_escape(m.id + " " + m.title));
  if (m.signed_off_by) {
    count(c, Status::pass, 0);
    out << fmt::format(
        ">\n      <system-out>signed off by {} at {}{}</system-out>\n    </testcase>\n",
        xml_escape(*m.signed_off_by), xml_escape(m.signed_off_at.value_or("")),
        m.note ? xml_escape(": " + *m.note) : "");
  } else if (m.required) {
    count(c, Status::fail, 0);
    out << ">\n      <failure message=\"not signed off\" type=\"manual\">"
           "shipcheck signoff "
        << xml_escape(m.id) << " --by NAME</failure>\n    </testcase>\n";
  } else {
    count(c, Status::skip, 0);
    out << ">\n      <skipped message=\"optional, not signed off\"/>\n    </testcase>\n";
  }
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      append_escaped_ascii(out, text[i]);
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += k_replacement;
      ++i;
      continue;
    }
    const std::uint32_t cp = code_point(text, i, length);
    if (cp == 0xFFFE || cp == 0xFFFF) {
      out += k_replacement;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

void JunitReporter::write(const Report& report, std::ostream& out) const {
  std::map<std::string, std::vector<const Result*>> by_family;
  for (const auto& r : report.results) {
    by_family[r.family].push_back(&r);
  }
  std::map<std::string, Counts> counts;
  Counts total;
  for (const auto& [family, results] : by_family) {
    for (const Result* r : results) {
      count(counts[family], r->status, r->duration_ms);
      count(total, r->status, r->duration_ms);
    }
  }
  std::ostringstream manual;
  Counts manual_counts;
  for (const auto& m : report.manual) {
    write_manual(manual, m, manual_counts);
  }
  total.tests += manual_counts.tests;
  total.failures += manual_counts.failures;
  total.skipped += manual_counts.skipped;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites {} timestamp=\"{}\">\n",
                     suite_attributes("shipcheck " + report.service, total),
                     xml_escape(report.started_at));
  for (const auto& [family, results] : by_family) {
    out << fmt::format("  <testsuite {}>\n", suite_attributes(family, counts[family]));
    for (const Result* r : results) {
      write_case(out, *r);
    }
    out << "  </testsuite>\n";
  }
  if (!report.manual.empty()) {
    out << fmt::format("  <testsuite {}>\n{}  </testsuite>\n",
                       suite_attributes("manual", manual_counts), manual.str());
  }
  out << "</testsuites>\n";
}

}  // namespace shipcheck::report

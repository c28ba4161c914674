// Redaction of secrets in everything shipcheck prints.
#include "core/redact.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck {
namespace {

constexpr std::string_view k_secret_tokens[] = {
    "SECRET",      "KEY", "TOKEN",   "PASSWORD", "PASSWD", "PWD",  "PASS", "CREDENTIAL",
    "CREDENTIALS", "DSN", "PRIVATE", "APIKEY",   "AUTH",   "SALT", "CERT"};

// Replaces the password of every "scheme://user:password@" in text.
std::string scrub_url_passwords(std::string text) {
  std::size_t pos = 0;
  while ((pos = text.find("://", pos)) != std::string::npos) {
    const std::size_t start = pos + 3;
    const std::size_t at = text.find('@', start);
    const std::size_t stop = text.find_first_of(" \t\r\n\"'/", start);
    if (at == std::string::npos || (stop != std::string::npos && stop < at)) {
      pos = start;
      continue;
    }
    const std::size_t colon = text.find(':', start);
    if (colon != std::string::npos && colon < at && colon + 1 < at) {
      const std::string password = text.substr(colon + 1, at - colon - 1);
      text.replace(colon + 1, at - colon - 1, redact_value(password));
      pos = colon + 1;
    } else {
      pos = start;
    }
  }
  return text;
}

}  // namespace

std::string redact_value(std::string_view secret) {
  if (secret.size() < 12) {
    return fmt::format("…({})", secret.size());
  }
  return fmt::format("{}…({})", secret.substr(0, 4), secret.size());
}

bool is_secret_name(std::string_view name) {
  const std::string upper = to_upper(name);
  for (const auto& token : split(upper, '_')) {
    for (std::string_view secret_token : k_secret_tokens) {
      if (token == secret_token) {
        return true;
      }
    }
  }
  return false;
}

bool looks_random(std::string_view value) {
  return value.size() >= 16 && value.find_first_of(" \t,") == std::string_view::npos &&
         value.find("://") == std::string_view::npos && shannon_entropy(value) >= 3.5;
}

void Redactor::add(std::string_view secret) {
  if (secret.size() < 6) {
    return;
  }
  const std::string value(secret);
  if (std::find(m_secrets.begin(), m_secrets.end(), value) != m_secrets.end()) {
    return;
  }
  m_secrets.push_back(value);
  std::stable_sort(m_secrets.begin(), m_secrets.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::scrub(std::string_view text) const {
  std::string out(text);
  for (const auto& secret : m_secrets) {
    const std::string replacement = redact_value(secret);
    std::size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), replacement);
      pos += replacement.size();
    }
  }
  return scrub_url_passwords(std::move(out));
}

void Redactor::scrub(Result& result) const {
  for (std::string* field :
       {&result.target, &result.message, &result.evidence, &result.remediation, &result.title}) {
    *field = scrub(*field);
  }
  if (result.location) {
    result.location->file = scrub(result.location->file);
  }
  if (result.suppressed) {
    result.suppressed->reason = scrub(result.suppressed->reason);
  }
}

void Redactor::scrub(Report& report) const {
  report.service = scrub(report.service);
  for (auto& result : report.results) {
    scrub(result);
  }
  for (auto* lines : {&report.decided_by, &report.notices}) {
    for (auto& line : *lines) {
      line = scrub(line);
    }
  }
  for (auto& item : report.manual) {
    item.title = scrub(item.title);
    if (item.note) {
      item.note = scrub(*item.note);
    }
  }
}

}  // namespace shipcheck

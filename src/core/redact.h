// Redaction: no output of shipcheck may hold a whole secret (DESIGN.md "Safety").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/report.h"

namespace shipcheck {

// "AKIA…(20)": at most 4 leading characters and the length. Values shorter than 12
// characters show no prefix at all ("…(8)"), since 4 of 8 characters is half a secret.
std::string redact_value(std::string_view secret);

// True iff a variable of this name usually holds a secret: its name has a token such as
// SECRET, KEY, TOKEN, PASSWORD, PASSWD, PWD, CREDENTIAL(S), DSN, PRIVATE, AUTH, API_KEY,
// or it is a URL-valued variable whose value carries a password.
bool is_secret_name(std::string_view name);

// True iff a value looks like a credential whatever its variable is called: 16 or more
// characters, no spaces or commas, not a URL (URL passwords are scrubbed separately) and at
// least 3.5 bits of entropy per character.
bool looks_random(std::string_view value);

// Replaces every occurrence of the known secrets in text. Thread-safe for const use.
class Redactor {
 public:
  // Registers a value to hide; values shorter than 6 characters are ignored (too common).
  void add(std::string_view secret);
  // Also hides the password part of URLs (scheme://user:PASSWORD@host).
  std::string scrub(std::string_view text) const;
  void scrub(Result& result) const;
  void scrub(Report& report) const;
  bool empty() const { return m_secrets.empty(); }

 private:
  std::vector<std::string> m_secrets;  // longest first, so overlapping secrets redact fully
};

}  // namespace shipcheck

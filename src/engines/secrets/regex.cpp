#include "engines/secrets/regex.h"

#include <stdexcept>

namespace shipcheck::secrets {

Regex::Regex(const std::string& pattern) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  m_code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                             PCRE2_MULTILINE, &code, &offset, nullptr));
  if (!m_code) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(code, buffer, sizeof buffer);
    throw std::invalid_argument(reinterpret_cast<char*>(buffer));
  }
  // JIT is an optimisation: without it (unsupported platform) matching still works.
  pcre2_jit_compile(m_code.get(), PCRE2_JIT_COMPLETE);
}

std::optional<Match> Regex::find(std::string_view text, std::size_t from, int group,
                                 MatchData& data) const {
  if (from > text.size()) {
    return std::nullopt;
  }
  const int rc = pcre2_match(m_code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                             from, 0, data.get(), nullptr);
  if (rc <= 0) {
    return std::nullopt;
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
  Match m;
  m.match_end = ovector[1];
  const auto g = static_cast<std::size_t>(group);
  if (g < static_cast<std::size_t>(rc) && ovector[2 * g] != PCRE2_UNSET) {
    m.begin = ovector[2 * g];
    m.end = ovector[2 * g + 1];
    m.group_matched = true;
  }
  return m;
}

}  // namespace shipcheck::secrets

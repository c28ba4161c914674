// A PCRE2 pattern compiled once (JIT where available) and matched by many threads, each
// with its own match data.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace shipcheck::secrets {

// One match: where the requested group lies, and where the whole match ends (the next
// search starts there).
struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t match_end = 0;
  bool group_matched = false;
};

class MatchData {
 public:
  MatchData() : m_data(pcre2_match_data_create(16, nullptr)) {}
  pcre2_match_data* get() const { return m_data.get(); }

 private:
  struct Free {
    void operator()(pcre2_match_data* d) const { pcre2_match_data_free(d); }
  };
  std::unique_ptr<pcre2_match_data, Free> m_data;
};

class Regex {
 public:
  // Throws std::invalid_argument with PCRE2's message; the loader validated rule files, so
  // this fires only for patterns built in code.
  explicit Regex(const std::string& pattern);

  // The first match at or after `from` in `text`, with group `group`'s span (0 = whole).
  std::optional<Match> find(std::string_view text, std::size_t from, int group,
                            MatchData& data) const;
  bool search(std::string_view text, MatchData& data) const {
    return find(text, 0, 0, data).has_value();
  }

 private:
  struct Free {
    void operator()(pcre2_code* c) const { pcre2_code_free(c); }
  };
  std::unique_ptr<pcre2_code, Free> m_code;
};

}  // namespace shipcheck::secrets

// parse_selector: a PromQL series selector's text into a Selector (see series.h).
#include <cctype>

#include <fmt/format.h>

#include "engines/prom/series.h"

namespace shipcheck::prom {
namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
}

bool name_char(char c) {
  return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

class SelectorScanner {
 public:
  explicit SelectorScanner(std::string_view text) : m_text(text) {}

  tl::expected<Selector, SelectorError> parse() {
    std::string metric = name(/*label=*/false);
    skip_blanks();
    std::vector<LabelMatcher> matchers;
    if (peek() == '{') {
      ++m_at;
      if (!read_matchers(matchers)) {
        return tl::make_unexpected(m_error);
      }
    } else if (metric.empty()) {
      return error("expected a metric name or '{'");
    }
    skip_blanks();
    if (m_at != m_text.size()) {
      return error(fmt::format("unexpected '{}' after the selector", m_text[m_at]));
    }
    for (auto it = matchers.begin(); it != matchers.end();) {
      if (it->name == "__name__" && it->op == MatchOp::equal && metric.empty()) {
        metric = it->value;
        it = matchers.erase(it);
      } else {
        ++it;
      }
    }
    auto selector = Selector::make(std::move(metric), std::move(matchers));
    if (!selector) {
      return tl::make_unexpected(SelectorError{0, selector.error()});
    }
    return std::move(*selector);
  }

 private:
  char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }

  void skip_blanks() {
    while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t')) {
      ++m_at;
    }
  }

  tl::unexpected<SelectorError> error(std::string message) {
    m_error = SelectorError{m_at, std::move(message)};
    return tl::make_unexpected(m_error);
  }

  std::string name(bool label) {
    skip_blanks();
    const std::size_t start = m_at;
    if (m_at < m_text.size() && name_start(m_text[m_at]) && !(label && m_text[m_at] == ':')) {
      ++m_at;
      while (m_at < m_text.size() && name_char(m_text[m_at]) && !(label && m_text[m_at] == ':')) {
        ++m_at;
      }
    }
    return std::string(m_text.substr(start, m_at - start));
  }

  bool read_op(MatchOp& op) {
    skip_blanks();
    const std::string_view rest = m_text.substr(m_at);
    for (const auto& [text, kind] : {std::pair<std::string_view, MatchOp>{"=~", MatchOp::regex},
                                     {"!~", MatchOp::not_regex},
                                     {"!=", MatchOp::not_equal},
                                     {"=", MatchOp::equal}}) {
      if (rest.starts_with(text)) {
        m_at += text.size();
        op = kind;
        return true;
      }
    }
    error("expected =, !=, =~ or !~ after the label name");
    return false;
  }

  bool read_value(std::string& out) {
    skip_blanks();
    if (peek() != '"') {
      error("expected a double-quoted label value");
      return false;
    }
    for (++m_at; m_at < m_text.size(); ++m_at) {
      const char c = m_text[m_at];
      if (c == '"') {
        ++m_at;
        return true;
      }
      if (c == '\\') {
        if (++m_at == m_text.size()) {
          break;
        }
        const char e = m_text[m_at];
        if (e != '"' && e != '\\' && e != 'n') {
          error(fmt::format("unknown escape \\{} (use \\\", \\\\ or \\n)", e));
          return false;
        }
        out += e == 'n' ? '\n' : e;
      } else {
        out += c;
      }
    }
    error("the label value has no closing '\"'");
    return false;
  }

  bool read_matchers(std::vector<LabelMatcher>& out) {
    while (true) {
      skip_blanks();
      if (peek() == '}') {
        ++m_at;
        return true;
      }
      LabelMatcher matcher;
      matcher.name = name(/*label=*/true);
      if (matcher.name.empty()) {
        error("expected a label name or '}'");
        return false;
      }
      if (!read_op(matcher.op) || !read_value(matcher.value)) {
        return false;
      }
      out.push_back(std::move(matcher));
      skip_blanks();
      if (peek() == ',') {
        ++m_at;
      } else if (peek() != '}') {
        error("expected ',' or '}' after the label value");
        return false;
      }
    }
  }

  std::string_view m_text;
  std::size_t m_at = 0;
  SelectorError m_error;
};

}  // namespace

tl::expected<Selector, SelectorError> parse_selector(std::string_view text) {
  return SelectorScanner(text).parse();
}

}  // namespace shipcheck::prom

// Splitting shell scripts of Dockerfile instructions into simple commands (shell.h).
#include "checks/docker/shell.h"

#include <algorithm>
#include <array>
#include <optional>

#include "checks/docker/docker_util.h"

namespace shipcheck::checks::docker {
namespace {

constexpr std::size_t k_none = std::string_view::npos;
constexpr int k_max_depth = 3;

// A simple command as the splitter sees it: words with quotes removed, where it is in the
// script, and how many `<<WORD` heredoc redirections it has.
struct RawCommand {
  std::vector<std::string> words;
  int heredocs = 0;
  std::size_t begin = k_none;
  std::size_t end = 0;
};

bool is_operator_char(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' ||
         c == '\n' || c == ' ' || c == '\t' || c == '\r';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Splitter {
 public:
  explicit Splitter(std::string_view script) : m_s(script) {}

  std::vector<RawCommand> split() {
    while (m_i < m_s.size()) {
      step();
    }
    end_command(m_s.size());
    return std::move(m_out);
  }

 private:
  void step() {
    const char c = m_s[m_i];
    const char next = m_i + 1 < m_s.size() ? m_s[m_i + 1] : '\0';
    if (c == ' ' || c == '\t' || c == '\r') {
      end_word();
      ++m_i;
    } else if (c == '\n') {
      end_command(m_i);
      ++m_i;
      skip_heredoc_bodies();
    } else if (c == ';' || c == '(' || c == ')' || ((c == '&' || c == '|') && next != '>')) {
      end_command(m_i);
      m_i += (c == '&' || c == '|' || c == ';') && next == c ? 2 : 1;
    } else if (c == '#' && !m_in_word) {
      m_i = std::min(m_s.find('\n', m_i), m_s.size());
    } else if (c == '>' || c == '<' || c == '&') {
      redirection();
    } else if (c == '\\' && next == '\n') {
      m_i += 2;  // a line continuation inside a heredoc script
    } else {
      word_part(c, next);
    }
  }

  void word_part(char c, char next) {
    if (m_cur.begin == k_none) {
      m_cur.begin = m_i;
    }
    m_in_word = true;
    if (c == '\\') {
      if (next != '\0') {
        m_word += next;
      }
      m_i += 2;
    } else if (c == '\'') {
      const std::size_t close = m_s.find('\'', m_i + 1);
      m_word += m_s.substr(m_i + 1, close == k_none ? k_none : close - m_i - 1);
      m_i = close == k_none ? m_s.size() : close + 1;
    } else if (c == '"') {
      double_quoted();
    } else if (c == '$' && (next == '(' || next == '{')) {
      balanced(next, next == '(' ? ')' : '}');
    } else if (c == '`') {
      const std::size_t close = m_s.find('`', m_i + 1);
      const std::size_t stop = close == k_none ? m_s.size() : close + 1;
      m_word += m_s.substr(m_i, stop - m_i);
      m_i = stop;
    } else {
      m_word += c;
      ++m_i;
    }
  }

  void double_quoted() {
    std::size_t j = m_i + 1;
    for (; j < m_s.size() && m_s[j] != '"'; ++j) {
      if (m_s[j] == '\\' && j + 1 < m_s.size() &&
          std::string_view("\"\\$`\n").find(m_s[j + 1]) != k_none) {
        ++j;
        if (m_s[j] == '\n') {
          continue;
        }
      }
      m_word += m_s[j];
    }
    m_i = std::min(j + 1, m_s.size());
  }

  // $( ... ) or ${ ... } kept verbatim in the word, nesting counted.
  void balanced(char open, char close) {
    int depth = 0;
    std::size_t j = m_i + 1;
    for (; j < m_s.size(); ++j) {
      depth += m_s[j] == open ? 1 : m_s[j] == close ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    const std::size_t stop = std::min(j + 1, m_s.size());
    m_word += m_s.substr(m_i, stop - m_i);
    m_i = stop;
  }

  // >, >>, >&, >|, <, <<, <<-, <<<, <&, <>, &>, &>>, with an fd number before and the
  // target after: all dropped from the words. `<<WORD` also starts a heredoc body.
  void redirection() {
    if (m_in_word && all_digits(m_word)) {
      m_word.clear();
      m_in_word = false;
    }
    end_word();
    std::size_t j = m_i;
    while (j < m_s.size() && j < m_i + 3 && std::string_view("<>&|-").find(m_s[j]) != k_none) {
      ++j;
    }
    const std::string_view op = m_s.substr(m_i, j - m_i);
    while (j < m_s.size() && (m_s[j] == ' ' || m_s[j] == '\t')) {
      ++j;
    }
    std::string target;
    for (; j < m_s.size() && !is_operator_char(m_s[j]); ++j) {
      if (m_s[j] != '\'' && m_s[j] != '"') {
        target += m_s[j];
      }
    }
    m_i = j;
    if (op.substr(0, 2) == "<<" && op.substr(0, 3) != "<<<") {
      ++m_cur.heredocs;
      m_pending.emplace_back(std::move(target), op == "<<-");
    }
  }

  // After a newline: the bodies of the heredocs opened on the line just ended.
  void skip_heredoc_bodies() {
    for (const auto& [delimiter, strip_tabs] : m_pending) {
      while (m_i < m_s.size()) {
        const std::size_t eol = std::min(m_s.find('\n', m_i), m_s.size());
        std::string_view line = m_s.substr(m_i, eol - m_i);
        if (strip_tabs) {
          line.remove_prefix(std::min(line.find_first_not_of('\t'), line.size()));
        }
        m_i = std::min(eol + 1, m_s.size());
        if (line == delimiter || (!line.empty() && line.back() == '\r' &&
                                  line.substr(0, line.size() - 1) == delimiter)) {
          break;
        }
      }
    }
    m_pending.clear();
  }

  void end_word() {
    if (m_in_word) {
      m_cur.words.push_back(std::move(m_word));
      m_word.clear();
      m_in_word = false;
    }
  }

  void end_command(std::size_t at) {
    end_word();
    if (!m_cur.words.empty() || m_cur.heredocs > 0) {
      m_cur.end = at;
      m_out.push_back(std::move(m_cur));
    }
    m_cur = RawCommand{};
  }

  std::string_view m_s;
  std::size_t m_i = 0;
  std::string m_word;
  bool m_in_word = false;
  RawCommand m_cur;
  std::vector<RawCommand> m_out;
  std::vector<std::pair<std::string, bool>> m_pending;  // heredoc delimiter, <<-
};

bool is_assignment(std::string_view word) {
  const std::size_t eq = word.find('=');
  if (eq == k_none || eq == 0 || (word[0] >= '0' && word[0] <= '9')) {
    return false;
  }
  return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(eq), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string base_name(std::string_view word) {
  const std::size_t slash = word.rfind('/');
  return std::string(slash == k_none ? word : word.substr(slash + 1));
}

bool is_shell(std::string_view program) {
  static constexpr std::array<std::string_view, 6> k_shells = {"sh",   "bash", "ash",
                                                               "dash", "zsh",  "ksh"};
  return std::find(k_shells.begin(), k_shells.end(), program) != k_shells.end();
}

void take_assignments(Command& c) {
  while (!c.words.empty() && is_assignment(c.words[0])) {
    const std::size_t eq = c.words[0].find('=');
    c.env[c.words[0].substr(0, eq)] = c.words[0].substr(eq + 1);
    c.words.erase(c.words.begin());
  }
}

// Drops leading options of a wrapper; those in `with_value` take the next word too.
void drop_options(std::vector<std::string>& w, std::initializer_list<std::string_view> with_value) {
  while (!w.empty() && w[0].size() > 1 && w[0][0] == '-') {
    const bool value = std::find(with_value.begin(), with_value.end(), w[0]) != with_value.end();
    const bool end = w[0] == "--";
    w.erase(w.begin(), w.begin() + (value && w.size() > 1 ? 2 : 1));
    if (end) {
      break;
    }
  }
}

// Takes one wrapper (sudo, env, exec, nice, gosu, ...) off the front; false when none.
bool strip_wrapper(Command& c) {
  auto& w = c.words;
  const std::string p = base_name(w[0]);
  if (p == "sudo" || p == "env") {
    c.sudo = c.sudo || p == "sudo";
    w.erase(w.begin());
    drop_options(w, {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "-R", "-S"});
    take_assignments(c);
  } else if (p == "exec" || p == "command" || p == "nohup" || p == "builtin" || p == "time") {
    w.erase(w.begin());
    drop_options(w, {"-a"});
  } else if (p == "nice" || p == "ionice" || p == "stdbuf" || p == "timeout") {
    w.erase(w.begin());
    drop_options(w, {"-n", "-c", "-s", "-k", "-i", "-o", "-e"});
    if (p == "timeout" && !w.empty()) {
      w.erase(w.begin());  // the duration
    }
  } else if ((p == "gosu" || p == "su-exec") && w.size() > 1) {
    w.erase(w.begin(), w.begin() + 2);
  } else {
    return false;
  }
  return true;
}

bool is_reserved(std::string_view w) {
  static constexpr std::array<std::string_view, 14> k_reserved = {
      "if", "then", "else", "elif", "do",   "while", "until",
      "!",  "{",    "}",    "fi",   "done", "esac",  ";;"};
  return std::find(k_reserved.begin(), k_reserved.end(), w) != k_reserved.end();
}

Command finish(std::vector<std::string> words, std::string text) {
  Command c;
  c.words = std::move(words);
  c.text = std::move(text);
  while (!c.words.empty() && is_reserved(c.words[0])) {
    c.words.erase(c.words.begin());
  }
  take_assignments(c);
  for (int i = 0; i < 8 && !c.words.empty() && strip_wrapper(c); ++i) {
  }
  if (!c.words.empty()) {
    c.words[0] = base_name(c.words[0]);
  }
  return c;
}

// The script of `sh -c script ...` (options may come first, -c may be in a cluster).
std::optional<std::string> shell_script(const Command& c) {
  if (!is_shell(c.program())) {
    return std::nullopt;
  }
  bool dash_c = false;
  for (std::size_t i = 1; i < c.words.size(); ++i) {
    const auto& w = c.words[i];
    if (w.size() > 1 && w[0] == '-' && w[1] != '-') {
      dash_c = dash_c || w.find('c') != k_none;
    } else if (w.size() < 2 || w[0] != '-') {
      return dash_c ? std::optional(w) : std::nullopt;
    }
  }
  return std::nullopt;
}

// `c`, or the commands of its `sh -c` script (inheriting its sudo and VAR=value prefixes).
void expand_into(Command c, int depth, std::vector<Command>& out) {
  const auto script = depth < k_max_depth ? shell_script(c) : std::nullopt;
  if (!script) {
    out.push_back(std::move(c));
    return;
  }
  for (auto& inner : parse_script(*script, depth + 1)) {
    inner.sudo = inner.sudo || c.sudo;
    inner.env.insert(c.env.begin(), c.env.end());
    out.push_back(std::move(inner));
  }
}

// Whether a heredoc on `c` is a shell script: `RUN <<EOF` alone or fed to a shell without
// -c, and not a script for another interpreter (#!/usr/bin/env python3).
bool heredoc_is_script(const Command& c, const dockerfile::Heredoc& doc) {
  if (!c.words.empty() && (!is_shell(c.program()) || shell_script(c))) {
    return false;
  }
  if (doc.body.rfind("#!", 0) == 0) {
    const std::string_view first = std::string_view(doc.body).substr(0, doc.body.find('\n'));
    return first.find("sh") != k_none && first.find("python") == k_none;
  }
  return true;
}

}  // namespace

std::vector<Command> parse_script(std::string_view script, int depth) {
  std::vector<Command> out;
  for (auto& raw : Splitter(script).split()) {
    const std::size_t begin = std::min(raw.begin, raw.end);
    auto c = finish(std::move(raw.words), evidence(script.substr(begin, raw.end - begin)));
    if (!c.words.empty()) {
      expand_into(std::move(c), depth, out);
    }
  }
  return out;
}

std::vector<Command> commands(const dockerfile::Instruction& ins) {
  std::vector<Command> out;
  if (ins.exec_form) {
    expand_into(finish(ins.words, evidence(ins.args)), 0, out);
    return out;
  }
  std::size_t heredoc = 0;
  for (auto& raw : Splitter(ins.args).split()) {
    const std::size_t begin = std::min(raw.begin, raw.end);
    auto c = finish(std::move(raw.words),
                    evidence(std::string_view(ins.args).substr(begin, raw.end - begin)));
    for (int i = 0; i < raw.heredocs && heredoc < ins.heredocs.size(); ++i, ++heredoc) {
      if (heredoc_is_script(c, ins.heredocs[heredoc])) {
        auto inner = parse_script(ins.heredocs[heredoc].body, 1);
        out.insert(out.end(), std::make_move_iterator(inner.begin()),
                   std::make_move_iterator(inner.end()));
      }
    }
    if (!c.words.empty()) {
      expand_into(std::move(c), 0, out);
    }
  }
  return out;
}

bool Args::has(std::initializer_list<std::string_view> names) const {
  return std::any_of(options.begin(), options.end(), [&](const Option& o) {
    return std::find(names.begin(), names.end(), o.name) != names.end();
  });
}

std::vector<std::string> Args::values(std::initializer_list<std::string_view> names) const {
  std::vector<std::string> out;
  for (const auto& o : options) {
    if (std::find(names.begin(), names.end(), o.name) != names.end()) {
      out.push_back(o.value);
    }
  }
  return out;
}

Args parse_args(const std::vector<std::string>& words, std::size_t from,
                const std::vector<std::string_view>& with_value) {
  Args args;
  const auto takes_value = [&](std::string_view name) {
    return std::find(with_value.begin(), with_value.end(), name) != with_value.end();
  };
  for (std::size_t i = from; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--") {
      args.positional.insert(args.positional.end(),
                             words.begin() + static_cast<std::ptrdiff_t>(i + 1), words.end());
      break;
    }
    if (w.size() < 2 || w[0] != '-') {
      args.positional.push_back(w);
      continue;
    }
    const std::string first = w.substr(0, 2);
    if (w[1] != '-' && takes_value(first)) {
      const bool next = w.size() == 2 && i + 1 < words.size();
      args.options.push_back({first, w.size() > 2 ? w.substr(2) : next ? words[++i] : ""});
      continue;
    }
    const std::size_t eq = w.find('=');
    if (w[1] == '-' || eq != k_none) {
      const std::string name = w.substr(0, eq);
      const bool next = eq == k_none && takes_value(name) && i + 1 < words.size();
      args.options.push_back({name, eq != k_none ? w.substr(eq + 1) : next ? words[++i] : ""});
      continue;
    }
    for (std::size_t k = 1; k < w.size(); ++k) {
      args.options.push_back({std::string("-") + w[k], ""});
    }
  }
  return args;
}

}  // namespace shipcheck::checks::docker

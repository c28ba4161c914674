// dotenv parser: a single forward pass over the text, one entry (possibly several lines
// long) at a time. Values are expanded by detail::Expander as soon as they are read, so
// a reference sees only the keys defined above it.
#include "engines/dotenv/dotenv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "core/file_descriptor.h"
#include "engines/dotenv/expand.h"
#include "engines/dotenv/key_index.h"
#include "engines/dotenv/source_text.h"

namespace shipcheck::dotenv {
namespace {

using detail::describe_char;
using detail::Fault;
using Step = tl::expected<void, Fault>;

constexpr std::size_t k_max_file_size = std::size_t{10} << 20;

constexpr std::string_view k_key_rule =
    "keys start with a letter or '_' and contain only letters, digits, '_', '.' and '-'";

// Spaces and tabs separate tokens; a stray '\r', '\f' or '\v' is tolerated like them.
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool is_key_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_key_char(char c) {
  return is_key_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

tl::unexpected<Fault> fault(std::size_t offset, std::string message, std::string_view hint) {
  return tl::make_unexpected(Fault{offset, std::move(message), std::string(hint)});
}

// A read position that knows its line, so that entries get line:column for free.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;
  int line = 1;
  std::size_t line_start = 0;

  bool at_end() const { return pos >= text.size(); }
  bool at_eol() const { return at_end() || text[pos] == '\n'; }
  // The byte at pos + ahead, or '\0' past the end (the text has no NUL: it is checked first).
  char peek(std::size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : '\0';
  }
  void skip_blanks() {
    while (!at_end() && is_blank(text[pos])) {
      ++pos;
    }
  }
  // Leaves the cursor on the '\n' that ends the line (or at the end).
  void skip_to_eol() { pos = std::min(text.find('\n', pos), text.size()); }
  // Moves forward to `target`, counting the newlines passed.
  void move_to(std::size_t target) {
    target = std::min(target, text.size());
    const std::string_view passed = text.substr(pos, target - pos);
    if (const std::size_t last = passed.rfind('\n'); last != std::string_view::npos) {
      line += static_cast<int>(std::count(passed.begin(), passed.end(), '\n'));
      line_start = pos + last + 1;
    }
    pos = target;
  }
  int column() const { return detail::column_at(text, line_start, pos); }
};

class Parser {
 public:
  Parser(std::string_view text, const Lookup& lookup)
      : m_cur{text},
        m_lookup(lookup),
        m_expander(text, [this](std::string_view name) { return resolve(name); }) {}
  // The expander calls back into this object, so it must stay where it was built.
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  tl::expected<File, Fault> run() {
    while (!m_cur.at_end()) {
      if (auto done = parse_line(); !done) {
        return tl::make_unexpected(std::move(done.error()));
      }
    }
    return std::move(m_result);
  }

 private:
  Step parse_line();
  Step parse_entry();
  bool consume_export();
  tl::expected<std::string_view, Fault> read_key();
  Step expect_equals(std::string_view key, std::size_t key_end);
  Step read_value(Entry& entry);
  Step read_single_quoted(Entry& entry);
  Step read_double_quoted(Entry& entry);
  Step read_unquoted(Entry& entry);
  Step finish_quoted_line();
  void record(Entry entry);
  std::optional<std::string> resolve(std::string_view name);

  Cursor m_cur;
  const Lookup& m_lookup;
  detail::Expander m_expander;
  File m_result;
  // Built on the first reference only: most files have none and need no index.
  detail::KeyIndex m_last_index{m_result.entries};
  bool m_indexed = false;
};

// One logical line: blank, comment, or an entry (whose value may span lines).
Step Parser::parse_line() {
  m_cur.skip_blanks();
  if (m_cur.peek() == '#') {
    m_cur.skip_to_eol();
  } else if (!m_cur.at_eol()) {
    if (auto done = parse_entry(); !done) {
      return done;
    }
  }
  if (!m_cur.at_eol()) {
    return fault(m_cur.pos, "internal: entry did not end at a line end", "");
  }
  m_cur.move_to(m_cur.pos + 1);
  return {};
}

Step Parser::parse_entry() {
  Entry entry;
  entry.line = m_cur.line;
  entry.exported = consume_export();
  entry.column = m_cur.column();
  auto key = read_key();
  if (!key) {
    return tl::make_unexpected(std::move(key.error()));
  }
  entry.key = std::string(*key);
  if (auto done = expect_equals(*key, m_cur.pos); !done) {
    return done;
  }
  m_cur.skip_blanks();
  if (auto done = read_value(entry); !done) {
    return done;
  }
  record(std::move(entry));
  return {};
}

// `export KEY=...`; but `export=1` and `export = 1` assign the key "export" itself.
bool Parser::consume_export() {
  constexpr std::string_view k_export = "export";
  if (m_cur.text.substr(m_cur.pos, k_export.size()) != k_export ||
      !is_blank(m_cur.peek(k_export.size()))) {
    return false;
  }
  const std::size_t saved = m_cur.pos;
  m_cur.pos += k_export.size();
  m_cur.skip_blanks();
  if (m_cur.at_eol() || m_cur.peek() == '=') {
    m_cur.pos = saved;
    return false;
  }
  return true;
}

tl::expected<std::string_view, Fault> Parser::read_key() {
  const std::size_t begin = m_cur.pos;
  if (m_cur.peek() == '=') {
    return fault(begin, "missing key before '='", "write KEY=value");
  }
  if (!is_key_start(m_cur.peek())) {
    return fault(begin,
                 fmt::format("invalid key: it starts with {}", describe_char(m_cur.text, begin)),
                 k_key_rule);
  }
  while (!m_cur.at_end() && is_key_char(m_cur.text[m_cur.pos])) {
    ++m_cur.pos;
  }
  return m_cur.text.substr(begin, m_cur.pos - begin);
}

// After the key: optional blanks, then '='. Anything else explains what went wrong.
Step Parser::expect_equals(std::string_view key, std::size_t key_end) {
  m_cur.skip_blanks();
  if (m_cur.peek() == '=') {
    ++m_cur.pos;
    return {};
  }
  const std::size_t eol = std::min(m_cur.text.find('\n', key_end), m_cur.text.size());
  const bool has_equals =
      m_cur.text.substr(key_end, eol - key_end).find('=') != std::string_view::npos;
  if (m_cur.at_eol() || !has_equals) {
    const bool yaml_like = m_cur.text.substr(key_end, 1) == ":";
    return fault(m_cur.pos, fmt::format("missing '=' after key \"{}\"", key),
                 yaml_like ? "dotenv lines are KEY=value, not KEY: value"
                           : "write KEY=value (KEY= for an empty value), or start the line "
                             "with '#' to make it a comment");
  }
  if (m_cur.pos == key_end) {
    return fault(m_cur.pos,
                 fmt::format("invalid character {} in key \"{}\"",
                             describe_char(m_cur.text, m_cur.pos), key),
                 k_key_rule);
  }
  return fault(m_cur.pos,
               fmt::format("unexpected {} after key \"{}\", expected '='",
                           describe_char(m_cur.text, m_cur.pos), key),
               "keys cannot contain spaces");
}

Step Parser::read_value(Entry& entry) {
  switch (m_cur.peek()) {
    case '\'':
      return read_single_quoted(entry);
    case '"':
      return read_double_quoted(entry);
    default:
      return read_unquoted(entry);
  }
}

// '...': literal up to the next quote, newlines included.
Step Parser::read_single_quoted(Entry& entry) {
  const std::size_t open = m_cur.pos;
  const std::size_t close = m_cur.text.find('\'', open + 1);
  if (close == std::string_view::npos) {
    return fault(open, "unterminated single-quoted value",
                 "add the closing ' (a quoted value may span lines; this is where it opens)");
  }
  entry.value = std::string(m_cur.text.substr(open + 1, close - open - 1));
  entry.quoted = true;
  m_cur.move_to(close + 1);
  return finish_quoted_line();
}

// "...": up to the next quote not escaped by '\', then unescaped and expanded.
Step Parser::read_double_quoted(Entry& entry) {
  const std::size_t open = m_cur.pos;
  std::size_t close = open + 1;
  while ((close = m_cur.text.find_first_of("\\\"", close)) != std::string_view::npos &&
         m_cur.text[close] == '\\') {
    close += 2;
  }
  if (close >= m_cur.text.size()) {
    return fault(open, "unterminated double-quoted value",
                 "add the closing \" (a quoted value may span lines; this is where it opens); "
                 "write \\\" for a quote inside the value");
  }
  auto value = m_expander.expand(open + 1, close, true);
  if (!value) {
    return tl::make_unexpected(std::move(value.error()));
  }
  entry.value = std::move(*value);
  entry.quoted = true;
  m_cur.move_to(close + 1);
  return finish_quoted_line();
}

// Unquoted: up to the end of the line or a '#' that follows a blank, trimmed, expanded.
Step Parser::read_unquoted(Entry& entry) {
  const std::size_t begin = m_cur.pos;
  m_cur.skip_to_eol();
  // Bounded to this line so that the search never scans the rest of the file.
  const std::string_view line = m_cur.text.substr(0, m_cur.pos);
  std::size_t end = begin;
  while ((end = line.find('#', end)) != std::string_view::npos && !is_blank(line[end - 1])) {
    ++end;
  }
  end = std::min(end, m_cur.pos);
  while (end > begin && is_blank(m_cur.text[end - 1])) {
    --end;
  }
  auto value = m_expander.expand(begin, end, false);
  if (!value) {
    return tl::make_unexpected(std::move(value.error()));
  }
  entry.value = std::move(*value);
  return {};
}

// After a closing quote only blanks and a comment may follow on the line.
Step Parser::finish_quoted_line() {
  m_cur.skip_blanks();
  if (m_cur.peek() == '#') {
    m_cur.skip_to_eol();
  }
  if (m_cur.at_eol()) {
    return {};
  }
  return fault(
      m_cur.pos,
      fmt::format("unexpected {} after the closing quote", describe_char(m_cur.text, m_cur.pos)),
      "quote the whole value, or put '#' before a comment");
}

void Parser::record(Entry entry) {
  m_result.entries.push_back(std::move(entry));
  if (m_indexed) {
    m_last_index.assign(m_result.entries.size() - 1);
  }
}

// Keys defined above win over the caller's lookup; unknown names are unset.
std::optional<std::string> Parser::resolve(std::string_view name) {
  if (!m_indexed) {
    for (std::size_t i = 0; i < m_result.entries.size(); ++i) {
      m_last_index.assign(i);
    }
    m_indexed = true;
  }
  if (const auto index = m_last_index.find(name); index) {
    return m_result.entries[*index].value;
  }
  if (m_lookup) {
    return m_lookup(name);
  }
  return std::nullopt;
}

tl::unexpected<ParseError> file_error(const std::string& path, std::string message,
                                      std::string_view hint) {
  return tl::make_unexpected(ParseError{path, 0, 0, std::move(message), std::string(hint)});
}

std::string errno_text() {
  return std::generic_category().message(errno);
}

// Refuses what is not a regular file (a FIFO or a device could block or never end)
// and what is larger than the cap.
tl::expected<void, ParseError> check_readable(const std::string& path, int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return file_error(path, fmt::format("cannot read the file: {}", errno_text()), "");
  }
  if (!S_ISREG(info.st_mode)) {
    return file_error(path,
                      S_ISDIR(info.st_mode) ? "is a directory, not a file"
                                            : "is not a regular file (a FIFO, device or socket)",
                      "point env_file at a plain .env file");
  }
  if (static_cast<std::uintmax_t>(info.st_size) > k_max_file_size) {
    return file_error(path, fmt::format("file is larger than 10 MiB ({} bytes)", info.st_size),
                      "a .env file is small; check that env_file names the right file");
  }
  return {};
}

// Reads at most k_max_file_size bytes; a file that grew past the cap after fstat is
// refused too rather than truncated.
tl::expected<std::string, ParseError> read_capped(const std::string& path) {
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    return file_error(path, fmt::format("cannot open the file: {}", errno_text()),
                      "check the path (env_file in shipcheck.yaml) and its permissions");
  }
  if (auto readable = check_readable(path, fd.get()); !readable) {
    return tl::make_unexpected(std::move(readable.error()));
  }
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return file_error(path, fmt::format("cannot read the file: {}", errno_text()), "");
    }
    if (got == 0) {
      return data;
    }
    if (data.size() + static_cast<std::size_t>(got) > k_max_file_size) {
      return file_error(path, "file is larger than 10 MiB",
                        "a .env file is small; check that env_file names the right file");
    }
    data.append(buffer, static_cast<std::size_t>(got));
  }
}

ParseError to_parse_error(std::string_view text, std::string_view file, const Fault& fault) {
  const detail::Position at = detail::locate(text, fault.offset);
  return ParseError{std::string(file), at.line, at.column, fault.message, fault.hint};
}

}  // namespace

const Entry* File::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key == key) {
      return &*it;
    }
  }
  return nullptr;
}

tl::expected<File, ParseError> parse(std::string_view text, std::string_view file,
                                     const Lookup& lookup) {
  const std::string normalized = detail::normalize(text);
  if (auto bad = detail::check_text(normalized); bad) {
    return tl::make_unexpected(to_parse_error(normalized, file, *bad));
  }
  auto parsed = Parser(normalized, lookup).run();
  if (!parsed) {
    return tl::make_unexpected(to_parse_error(normalized, file, parsed.error()));
  }
  return std::move(*parsed);
}

tl::expected<File, ParseError> parse_file(const std::string& path, const Lookup& lookup) {
  auto data = read_capped(path);
  if (!data) {
    return tl::make_unexpected(std::move(data.error()));
  }
  return parse(*data, path, lookup);
}

}  // namespace shipcheck::dotenv

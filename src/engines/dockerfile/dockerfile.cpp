// Dockerfile parser: one forward pass over the lines, as BuildKit's parser.Parse does it.
// A physical line starts an instruction, continuation lines are appended to one logical
// line (remembering where each piece came from, for positions), heredoc bodies follow
// the logical line. Then the instruction is checked the way BuildKit's instructions
// package would reject it, and placed into its build stage.
#include "engines/dockerfile/dockerfile.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "engines/dockerfile/words.h"

namespace shipcheck::dockerfile {
namespace {

using detail::iequals;
using detail::is_blank;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// What BuildKit lets each instruction do, as bits of Keyword::traits.
enum Trait : unsigned {
  k_exec_form = 1U << 0U,     // a JSON array is its exec form
  k_heredocs = 1U << 1U,      // may open heredocs (shell form)
  k_at_least_one = 1U << 2U,  // "requires at least one argument"
  k_exactly_one = 1U << 3U,   // "requires exactly one argument" (the whole rest is one)
  k_key_values = 1U << 4U,    // ENV, LABEL: name=value pairs
};

struct Keyword {
  std::string_view name;
  unsigned traits;
};

constexpr std::array<Keyword, 18> k_instructions = {{
    {"FROM", 0},
    {"RUN", k_exec_form | k_heredocs},
    {"CMD", k_exec_form},
    {"COPY", k_exec_form | k_heredocs},
    {"ADD", k_exec_form | k_heredocs},
    {"ENV", k_at_least_one | k_key_values},
    {"ARG", k_at_least_one},
    {"LABEL", k_at_least_one | k_key_values},
    {"EXPOSE", k_at_least_one},
    {"ENTRYPOINT", k_exec_form},
    {"WORKDIR", k_exactly_one},
    {"USER", k_exactly_one},
    {"SHELL", k_exec_form | k_at_least_one},
    {"VOLUME", k_exec_form | k_at_least_one},
    {"HEALTHCHECK", k_at_least_one},
    {"STOPSIGNAL", k_exactly_one},
    {"ONBUILD", k_at_least_one},
    {"MAINTAINER", k_exactly_one},
}};

// The instruction `word` names (any case), or nullptr.
const Keyword* find_keyword(std::string_view word) {
  if (word.size() < 3 || word.size() > 11) {
    return nullptr;
  }
  for (const Keyword& keyword : k_instructions) {
    if (iequals(word, keyword.name)) {
      return &keyword;
    }
  }
  return nullptr;
}

bool is_one_of(std::string_view keyword, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), keyword) != names.end();
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// How a word is shown in a message: at most 40 bytes of it.
std::string shown(std::string_view word) {
  return word.size() <= 40 ? std::string(word) : std::string(word.substr(0, 40)) + "...";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::array<std::size_t, 16> row{};
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest instruction name within two edits, or empty.
std::string_view suggestion(std::string_view upper_keyword) {
  if (upper_keyword.size() > 14) {
    return {};
  }
  std::string_view best;
  std::size_t best_distance = 3;
  for (const Keyword& keyword : k_instructions) {
    const std::size_t d = edit_distance(upper_keyword, keyword.name);
    if (d < best_distance) {
      best = keyword.name;
      best_distance = d;
    }
  }
  return best;
}

// Stage names BuildKit accepts: ^[a-z][a-z0-9-_.]*$ (after lower-casing).
bool valid_stage_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// FROM's arguments: split on blanks only, quotes kept (BuildKit's
// parseStringsWhitespaceDelimited; the image is unquoted later, by expansion).
std::vector<std::string_view> blank_split(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) {
      ++i;
    }
    const std::size_t start = i;
    while (i < text.size() && !is_blank(text[i])) {
      ++i;
    }
    if (i > start) {
      out.push_back(text.substr(start, i - start));
    }
  }
  return out;
}

// The instruction an ONBUILD runs later: its first word.
std::string_view onbuild_trigger(std::string_view args) {
  return args.substr(0, std::min(args.find_first_of(" \t\v\f\r"), args.size()));
}

struct PhysLine {
  std::string_view text;  // without the line ending (trailing CRs and LF)
  std::size_t offset = 0;
  int number = 0;
};

class LineReader {
 public:
  explicit LineReader(std::string_view text) : m_text(text) {}

  bool next(PhysLine& line) {
    if (m_pos >= m_text.size()) {
      return false;
    }
    const std::size_t newline = m_text.find('\n', m_pos);
    const std::size_t end = newline == std::string_view::npos ? m_text.size() : newline;
    std::string_view text = m_text.substr(m_pos, end - m_pos);
    while (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    line = PhysLine{text, m_pos, ++m_number};
    m_pos = newline == std::string_view::npos ? m_text.size() : newline + 1;
    return true;
  }
  int lines() const { return m_number; }
  std::string_view text() const { return m_text; }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  int m_number = 0;
};

// Where a piece of the logical line came from.
struct Segment {
  std::size_t logical = 0;  // offset in the logical line
  std::size_t source = 0;   // offset in the text
  int line = 0;
  int column = 0;
};

std::size_t leading_blanks(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_blank(text[n])) {
    ++n;
  }
  return n;
}

// `text` with every run of CRs before a LF dropped.
std::string without_crlf(std::string_view text) {
  if (text.find('\r') == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] == '\r') {
      ++j;
    }
    if (j == text.size() || text[j] != '\n') {
      out.append(text.substr(i, j - i));
    }
    i = j - 1;
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view file_name)
      : m_reader(text.substr(text.substr(0, 3) == k_bom ? 3 : 0)), m_file_name(file_name) {}

  tl::expected<File, ParseError> run();

 private:
  bool directive(const PhysLine& line, std::size_t lead);
  void comment(const PhysLine& line, std::size_t lead);
  bool append(std::string_view text, const PhysLine& line, int column);
  void read_logical(const PhysLine& first, std::size_t lead);
  bool instruction();
  std::size_t flags(std::size_t pos, std::size_t end, Instruction& ins) const;
  bool arguments(Instruction& ins);
  bool check_arguments(const Instruction& ins);
  bool check_key_values(const Instruction& ins);
  bool check_onbuild(const Instruction& ins);
  bool heredocs(Instruction& ins);
  bool place(Instruction& ins);
  bool start_stage(Instruction& ins);
  void global_arg(const Instruction& ins);
  bool unknown(std::string_view keyword, Pos pos);

  Pos pos_at(std::size_t logical) const;
  std::size_t source_at(std::size_t logical) const;
  bool fail(Pos pos, std::string message, std::string hint);

  LineReader m_reader;
  std::string_view m_file_name;
  File m_file;
  ParseError m_error;
  bool m_directives_done = false;
  std::string m_logical;
  std::vector<Segment> m_segments;
  std::size_t m_source_end = 0;
  int m_last_line = 0;
  int m_previous_end_line = 0;
  std::map<std::string, std::string> m_globals;  // set global ARGs, for FROM
  std::vector<std::string_view> m_spans;         // scratch: raw words of an instruction
  unsigned m_traits = 0;                         // of the instruction being read
};

bool Parser::fail(Pos pos, std::string message, std::string hint) {
  m_error = ParseError{std::string(m_file_name), pos.line, std::max(pos.column, 1),
                       std::move(message), std::move(hint)};
  return false;
}

Pos Parser::pos_at(std::size_t logical) const {
  auto it = std::upper_bound(m_segments.begin(), m_segments.end(), logical,
                             [](std::size_t off, const Segment& s) { return off < s.logical; });
  const Segment& s = it == m_segments.begin() ? m_segments.front() : *(it - 1);
  return Pos{s.line, s.column + static_cast<int>(logical - std::min(logical, s.logical))};
}

std::size_t Parser::source_at(std::size_t logical) const {
  auto it = std::upper_bound(m_segments.begin(), m_segments.end(), logical,
                             [](std::size_t off, const Segment& s) { return off < s.logical; });
  const Segment& s = it == m_segments.begin() ? m_segments.front() : *(it - 1);
  return s.source + (logical - std::min(logical, s.logical));
}

// BuildKit's directive parser: `# name = value` lines before anything else; the first
// other line (blank, comment, instruction) ends them. False when `line` is no directive
// (or on an error, with m_error set and m_directives_done still false).
bool Parser::directive(const PhysLine& line, std::size_t lead) {
  const std::string_view text = line.text.substr(lead);
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  };
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t i = 1;
  while (i < text.size() && is_space(text[i])) {
    ++i;
  }
  const std::size_t name_start = i;
  if (text.empty() || text[0] != '#' || i >= text.size() || !is_alpha(text[i])) {
    m_directives_done = true;
    return false;
  }
  while (i < text.size() && (is_alpha(text[i]) || (text[i] >= '0' && text[i] <= '9'))) {
    ++i;
  }
  const std::string name = to_lower(text.substr(name_start, i - name_start));
  while (i < text.size() && is_space(text[i])) {
    ++i;
  }
  if (i >= text.size() || text[i] != '=' || !is_one_of(name, {"syntax", "escape", "check"})) {
    m_directives_done = true;
    return false;
  }
  const std::size_t equals = ++i;
  while (i < text.size() && is_space(text[i])) {
    ++i;
  }
  std::size_t end = text.size();
  while (end > i && is_space(text[end - 1])) {
    --end;
  }
  if (equals == text.size()) {
    m_directives_done = true;
    return false;
  }
  if (end == i) {  // only blanks after '=': the regex's lazy (.+?) takes the last one
    i = text.size() - 1;
    end = text.size();
  }
  const Pos at{line.number, static_cast<int>(lead + name_start) + 1};
  const Pos value_at{line.number, static_cast<int>(lead + i) + 1};
  const std::string value(text.substr(i, end - i));
  for (const Directive& seen : m_file.directives) {
    if (seen.name == name) {
      return fail(at, fmt::format("only one {} parser directive can be used", name),
                  "remove the repeated directive");
    }
  }
  if (name == "escape") {
    if (value != "\\" && value != "`") {
      return fail(value_at,
                  fmt::format("invalid escape token '{}' does not match ` or \\", shown(value)),
                  "use # escape=\\ (the default) or # escape=` (Windows paths)");
    }
    m_file.escape = value[0];
  }
  m_file.directives.push_back(Directive{name, value, Pos{line.number, static_cast<int>(lead) + 1}});
  return true;
}

void Parser::comment(const PhysLine& line, std::size_t lead) {
  m_file.comments.push_back(Comment{std::string(detail::trim_blanks(line.text.substr(lead + 1))),
                                    Pos{line.number, static_cast<int>(lead) + 1}});
}

// Appends one physical line's text to the logical line; true when it ends in a
// continuation (the escape char, maybe followed by blanks, not itself escaped).
bool Parser::append(std::string_view text, const PhysLine& line, int column) {
  std::size_t last = text.size();
  while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\t')) {
    --last;
  }
  const bool continues =
      last > 0 && text[last - 1] == m_file.escape && (last == 1 || text[last - 2] != m_file.escape);
  if (continues) {
    text = text.substr(0, last - 1);
  }
  const std::size_t source = static_cast<std::size_t>(text.data() - m_reader.text().data());
  m_segments.push_back(Segment{m_logical.size(), source, line.number, column});
  m_logical.append(text);
  m_source_end = line.offset + line.text.size();
  m_last_line = line.number;
  return continues;
}

// The instruction starting at `first`: its continuation lines joined, comment lines and
// blank lines inside the continuation dropped (BuildKit warns about the blank ones).
void Parser::read_logical(const PhysLine& first, std::size_t lead) {
  m_logical.clear();
  m_segments.clear();
  bool more = append(first.text.substr(lead), first, static_cast<int>(lead) + 1);
  PhysLine line;
  while (more && m_reader.next(line)) {
    const std::size_t blanks = leading_blanks(line.text);
    if (blanks == line.text.size()) {
      continue;
    }
    if (line.text[blanks] == '#') {
      comment(line, blanks);
      continue;
    }
    more = append(line.text, line, 1);
  }
}

tl::expected<File, ParseError> Parser::run() {
  // About one instruction per 32 bytes in real files; capped, growth covers the rest.
  m_file.instructions.reserve(std::min<std::size_t>(m_reader.text().size() / 32 + 1, 1024));
  PhysLine line;
  while (m_reader.next(line)) {
    const std::size_t lead = leading_blanks(line.text);
    if (!m_directives_done) {
      if (directive(line, lead)) {
        continue;
      }
      if (!m_directives_done) {
        return tl::make_unexpected(std::move(m_error));
      }
    }
    if (lead == line.text.size()) {
      continue;
    }
    if (line.text[lead] == '#') {
      comment(line, lead);
      continue;
    }
    read_logical(line, lead);
    if (!instruction()) {
      return tl::make_unexpected(std::move(m_error));
    }
  }
  if (!m_file.stages.empty()) {
    m_file.stages.back().end = m_file.instructions.size();
  }
  m_file.lines = m_reader.lines();
  return std::move(m_file);
}

bool Parser::unknown(std::string_view keyword, Pos pos) {
  const std::string_view close = suggestion(to_upper(keyword));
  std::string hint;
  if (!close.empty()) {
    hint = fmt::format("did you mean {}?", close);
  } else if (m_previous_end_line > 0 && m_previous_end_line == pos.line - 1) {
    hint = fmt::format("if this line continues the instruction above, end line {} with '{}'",
                       m_previous_end_line, m_file.escape);
  } else {
    hint = "a Dockerfile line starts with an instruction such as FROM, RUN, COPY, ENV or CMD";
  }
  return fail(pos, fmt::format("unknown instruction '{}'", shown(keyword)), std::move(hint));
}

bool Parser::instruction() {
  const std::string_view line = m_logical;
  std::size_t begin = leading_blanks(line);
  std::size_t end = line.size();
  while (end > begin && is_blank(line[end - 1])) {
    --end;
  }
  if (begin == end) {
    return true;  // only continuation characters
  }
  std::size_t word_end = begin;
  while (word_end < end && !is_blank(line[word_end])) {
    ++word_end;
  }
  // Built in place; on an error the whole File is dropped, so no need to take it back.
  Instruction& ins = m_file.instructions.emplace_back();
  const std::string_view keyword = line.substr(begin, word_end - begin);
  ins.pos = pos_at(begin);
  const Keyword* known = find_keyword(keyword);
  if (known == nullptr) {
    return unknown(keyword, ins.pos);
  }
  ins.keyword = known->name;
  m_traits = known->traits;
  std::size_t args = flags(word_end, end, ins);
  args += leading_blanks(line.substr(args, end - args));
  ins.args = std::string(line.substr(args, end - args));
  ins.args_pos = pos_at(args);
  const std::size_t source = source_at(begin);
  ins.original =
      without_crlf(detail::trim_blanks(m_reader.text().substr(source, m_source_end - source)));
  ins.end_line = m_last_line;
  if (!arguments(ins) || !check_arguments(ins) || !heredocs(ins) || !place(ins)) {
    return false;
  }
  m_previous_end_line = ins.end_line;
  return true;
}

// BuildKit's extractBuilderFlags: leading `--name[=value]` words (quotes and escapes
// processed), up to the first other word or a bare `--`. Returns where the rest starts.
std::size_t Parser::flags(std::size_t pos, std::size_t end, Instruction& ins) const {
  const std::string_view line = m_logical;
  const char escape = m_file.escape;
  for (;;) {
    while (pos < end && is_blank(line[pos])) {
      ++pos;
    }
    if (pos + 1 >= end || line[pos] != '-' || line[pos + 1] != '-') {
      return pos;
    }
    const std::size_t start = pos;
    std::string word;
    char quote = 0;
    for (; pos < end && (quote != 0 || !is_blank(line[pos])); ++pos) {
      const char c = line[pos];
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (c == escape) {
        if (pos + 1 < end) {
          word += line[++pos];
        } else {
          quote = 0;
        }
      } else {
        word += c;
      }
    }
    if (word == "--") {
      return pos;
    }
    Flag flag;
    const std::string_view body = std::string_view(word).substr(2);
    const std::size_t equals = body.find('=');
    flag.name = std::string(body.substr(0, equals));
    if (equals != std::string_view::npos) {
      flag.value = std::string(body.substr(equals + 1));
      flag.has_value = true;
    }
    flag.pos = pos_at(start);
    ins.flags.push_back(std::move(flag));
  }
}

// Exec form (a JSON array of strings) where BuildKit tries it, else shell words.
bool Parser::arguments(Instruction& ins) {
  std::string_view args = ins.args;
  if (ins.keyword == "HEALTHCHECK" && !args.empty()) {
    std::size_t type_end = 0;
    while (type_end < args.size() && !is_blank(args[type_end])) {
      ++type_end;
    }
    ins.words.emplace_back(args.substr(0, type_end));
    args = detail::trim_blanks(args.substr(type_end));
  } else if ((m_traits & k_exec_form) == 0) {
    detail::split_shell_words(args, m_file.escape, ins.words);
    return true;
  }
  if (!args.empty() && args[0] == '[') {
    switch (detail::parse_json_array(args, ins.words)) {
      case detail::JsonArray::strings:
        ins.exec_form = true;
        return true;
      case detail::JsonArray::non_strings:
        return fail(ins.args_pos,
                    "when using JSON array syntax, arrays must be comprised of strings only",
                    "quote every element: [\"sleep\", \"10\"], not [\"sleep\", 10]");
      case detail::JsonArray::not_json:
        break;
    }
  }
  detail::split_shell_words(args, m_file.escape, ins.words);
  return true;
}

// The argument checks BuildKit's instructions package makes before building.
bool Parser::check_arguments(const Instruction& ins) {
  const std::string_view kw = ins.keyword;
  const unsigned traits = m_traits;
  if (ins.args.empty() && (traits & k_at_least_one) != 0) {
    return fail(ins.pos, fmt::format("{} requires at least one argument", kw),
                fmt::format("give {} its arguments or remove the line", kw));
  }
  if (ins.args.empty() && (traits & k_exactly_one) != 0) {
    return fail(ins.pos, fmt::format("{} requires exactly one argument", kw),
                fmt::format("give {} its argument or remove the line", kw));
  }
  if ((kw == "COPY" || kw == "ADD") && ins.words.size() < 2) {
    return fail(ins.pos,
                fmt::format("{} requires at least two arguments, but only one was provided. "
                            "Destination could not be determined",
                            kw),
                fmt::format("{} <source>... <destination>", kw));
  }
  if ((traits & k_key_values) != 0) {
    return check_key_values(ins);
  }
  if (kw == "ONBUILD") {
    return check_onbuild(ins);
  }
  return true;
}

// ENV and LABEL: either `NAME value...` (legacy) or only `name=value` words.
bool Parser::check_key_values(const Instruction& ins) {
  m_spans.clear();
  detail::raw_word_spans(ins.args, m_file.escape, m_spans);
  if (m_spans.empty()) {
    return fail(ins.pos, fmt::format("{} requires at least one argument", ins.keyword),
                fmt::format("{} name=value", ins.keyword));
  }
  if (m_spans.front().find('=') == std::string_view::npos) {
    if (ins.args.find_first_of(" \t\v\f\r") == std::string::npos) {
      return fail(ins.pos, fmt::format("{} must have two arguments", ins.keyword),
                  fmt::format("{} name=value", ins.keyword));
    }
    return true;
  }
  for (const std::string_view word : m_spans) {
    const std::size_t equals = word.find('=');
    if (equals == std::string_view::npos) {
      return fail(ins.args_pos,
                  fmt::format("Syntax error - can't find = in \"{}\". Must be of the form: "
                              "name=value",
                              shown(word)),
                  "quote values that contain blanks: NAME=\"two words\"");
    }
    if (equals == 0) {
      return fail(ins.args_pos, fmt::format("{} names can not be blank", ins.keyword),
                  fmt::format("{} name=value", ins.keyword));
    }
  }
  return true;
}

bool Parser::check_onbuild(const Instruction& ins) {
  const std::string_view trigger = onbuild_trigger(ins.args);
  const Keyword* known = find_keyword(trigger);
  if (known == nullptr) {
    return unknown(trigger, ins.args_pos);
  }
  if (is_one_of(known->name, {"ONBUILD", "FROM", "MAINTAINER"})) {
    return fail(ins.args_pos, fmt::format("{} isn't allowed as an ONBUILD trigger", known->name),
                "ONBUILD takes an instruction such as RUN, COPY or ENV");
  }
  return true;
}

// Heredocs of RUN/COPY/ADD in shell form (ONBUILD's too): their bodies follow the line.
bool Parser::heredocs(Instruction& ins) {
  unsigned traits = m_traits;
  if (ins.keyword == "ONBUILD") {
    const std::string_view keyword = onbuild_trigger(ins.args);
    const Keyword* trigger = find_keyword(keyword);
    traits = trigger != nullptr ? trigger->traits : 0;
    const std::string_view rest =
        detail::trim_blanks(std::string_view(ins.args).substr(keyword.size()));
    std::vector<std::string> ignored;
    if (!rest.empty() && rest[0] == '[' &&
        detail::parse_json_array(rest, ignored) != detail::JsonArray::not_json) {
      return true;
    }
  } else if (ins.exec_form) {
    return true;
  }
  if ((traits & k_heredocs) == 0 || m_logical.find("<<") == std::string::npos) {
    return true;
  }
  for (detail::HeredocOpener& opener : detail::find_heredocs(m_logical)) {
    Heredoc doc;
    doc.delimiter = std::move(opener.name);
    doc.strip_tabs = opener.strip_tabs;
    doc.expand = opener.expand;
    bool terminated = false;
    PhysLine line;
    while (m_reader.next(line)) {
      if (doc.pos.line == 0) {
        doc.pos = Pos{line.number, 1};
      }
      std::string_view text = line.text;
      while (doc.strip_tabs && !text.empty() && text.front() == '\t') {
        text.remove_prefix(1);
      }
      ins.end_line = line.number;
      if (text == doc.delimiter) {
        terminated = true;
        break;
      }
      doc.body.append(text);
      doc.body += '\n';
    }
    if (!terminated) {
      return fail(pos_at(opener.offset),
                  fmt::format("unterminated heredoc: no line '{}' closes it", shown(doc.delimiter)),
                  fmt::format("end the heredoc with a line holding only {}", shown(doc.delimiter)));
    }
    ins.heredocs.push_back(std::move(doc));
  }
  return true;
}

// Puts the instruction into its stage; FROM starts one. Only ARG may precede FROM.
bool Parser::place(Instruction& ins) {
  if (ins.keyword == "FROM") {
    return start_stage(ins);
  }
  if (m_file.stages.empty()) {
    if (ins.keyword != "ARG") {
      return fail(
          ins.pos,
          fmt::format("{} before the first FROM: only ARG may come before FROM", ins.keyword),
          "start the build stage with FROM <image> above this line");
    }
    global_arg(ins);
    ins.stage = -1;
    return true;
  }
  ins.stage = static_cast<int>(m_file.stages.size()) - 1;
  return true;
}

void Parser::global_arg(const Instruction& ins) {
  m_spans.clear();
  detail::raw_word_spans(ins.args, m_file.escape, m_spans);
  for (const std::string_view word : m_spans) {
    const std::size_t equals = word.find('=');
    if (equals == std::string_view::npos) {
      m_globals.erase(std::string(word));
    } else {
      std::string value = expand(word.substr(equals + 1), m_globals, m_file.escape);
      m_globals[std::string(word.substr(0, equals))] = std::move(value);
    }
  }
}

bool Parser::start_stage(Instruction& ins) {
  const std::vector<std::string_view> args = blank_split(ins.args);
  Stage stage;
  if (args.size() == 3 && iequals(args[1], "as")) {
    stage.name = to_lower(args[2]);
    if (!valid_stage_name(stage.name)) {
      return fail(ins.args_pos,
                  fmt::format("invalid name for build stage: \"{}\", name can't start with a "
                              "number or contain symbols",
                              shown(args[2])),
                  "stage names are letters, digits, '-', '_' and '.', starting with a letter");
    }
  } else if (args.size() != 1) {
    return fail(
        ins.pos,
        args.empty() ? "FROM without an image" : "FROM requires either one or three arguments",
        "FROM [--platform=<platform>] <image> [AS <name>]");
  }
  const std::size_t from = m_file.instructions.size() - 1;  // `ins` is already in place
  if (!m_file.stages.empty()) {
    m_file.stages.back().end = from;
  }
  stage.index = static_cast<int>(m_file.stages.size());
  stage.image_raw = std::string(args[0]);
  stage.image = expand(args[0], m_globals, m_file.escape);
  if (const Flag* platform = ins.flag("platform"); platform != nullptr) {
    stage.platform = platform->value;
  }
  stage.from = from;
  const std::string base = to_lower(stage.image);
  for (const Stage& earlier : m_file.stages) {
    if (!earlier.name.empty() && earlier.name == base) {
      stage.parent_stage = earlier.index;
    }
  }
  ins.stage = stage.index;
  m_file.stages.push_back(std::move(stage));
  return true;
}

}  // namespace

const Flag* Instruction::flag(std::string_view name) const {
  for (const Flag& f : flags) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<KeyValue> Instruction::key_values() const {
  std::vector<KeyValue> out;
  if (words.empty() || !is_one_of(keyword, {"ENV", "LABEL", "ARG"})) {
    return out;
  }
  if (keyword != "ARG" && words.front().find('=') == std::string::npos) {
    KeyValue kv{words.front(), {}, true};
    for (std::size_t i = 1; i < words.size(); ++i) {
      kv.value += (i > 1 ? " " : "") + words[i];
    }
    out.push_back(std::move(kv));
    return out;
  }
  for (const std::string& word : words) {
    const std::size_t equals = word.find('=');
    if (equals == std::string::npos) {
      out.push_back(KeyValue{word, {}, false});
    } else {
      out.push_back(KeyValue{word.substr(0, equals), word.substr(equals + 1), true});
    }
  }
  return out;
}

std::vector<const Instruction*> File::stage_instructions(const Stage& s) const {
  std::vector<const Instruction*> out;
  for (std::size_t i = s.from; i < s.end && i < instructions.size(); ++i) {
    out.push_back(&instructions[i]);
  }
  return out;
}

std::map<std::string, std::string> File::global_args() const {
  std::map<std::string, std::string> args;
  std::map<std::string, std::string> set;  // what expansion sees: ARGs with a value
  for (const Instruction& ins : instructions) {
    if (ins.stage != -1 || ins.keyword != "ARG") {
      continue;
    }
    for (const std::string& word : detail::split_raw_words(ins.args, escape)) {
      const std::size_t equals = word.find('=');
      const std::string name = word.substr(0, equals);
      if (equals == std::string::npos) {
        args[name] = "";
        set.erase(name);
        continue;
      }
      std::string value = expand(std::string_view(word).substr(equals + 1), set, escape);
      set[name] = value;
      args[name] = std::move(value);
    }
  }
  return args;
}

tl::expected<File, ParseError> parse(std::string_view text, std::string_view file_name) {
  return Parser(text, file_name).run();
}

}  // namespace shipcheck::dockerfile

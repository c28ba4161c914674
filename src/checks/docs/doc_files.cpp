// Docs family helpers: candidate files, Markdown headings and sections.
#include "checks/docs/doc_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

#include "core/text.h"

namespace shipcheck::checks {

namespace {

namespace fs = std::filesystem;

constexpr std::streamsize k_max_doc_bytes = 1 << 20;

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// "```" or "~~~" (3+) opening or closing a fence, after up to 3 spaces.
std::string_view fence_of(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') {
    ++indent;
  }
  const std::string_view rest = line.substr(indent);
  if (indent > 3 || rest.size() < 3 || (rest[0] != '`' && rest[0] != '~')) {
    return {};
  }
  std::size_t n = 0;
  while (n < rest.size() && rest[n] == rest[0]) {
    ++n;
  }
  return n >= 3 ? rest.substr(0, n) : std::string_view{};
}

// `## Title ##` -> {2, "Title"}; nullopt if the line is no ATX heading.
std::optional<Heading> atx_heading(std::string_view line, int line_number) {
  const std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos || indent > 3 || line[indent] != '#') {
    return std::nullopt;  // four spaces make an indented code block
  }
  const std::string_view text = trim(line.substr(indent));
  std::size_t level = 0;
  while (level < text.size() && text[level] == '#') {
    ++level;
  }
  if (level > 6 || (level < text.size() && text[level] != ' ' && text[level] != '\t')) {
    return std::nullopt;
  }
  std::string_view title = trim(text.substr(level));
  while (!title.empty() && title.back() == '#') {
    title.remove_suffix(1);
  }
  return Heading{static_cast<int>(level), std::string(trim(title)), line_number};
}

int setext_level(std::string_view line) {
  const std::string_view text = trim(line);
  if (text.empty() || (text.front() != '=' && text.front() != '-')) {
    return 0;
  }
  const bool uniform =
      std::all_of(text.begin(), text.end(), [&](char c) { return c == text.front(); });
  return uniform ? (text.front() == '=' ? 1 : 2) : 0;
}

// Index of the first line after a leading `---` ... `---` front matter block.
std::size_t skip_front_matter(const std::vector<std::string>& lines) {
  if (lines.empty() || trim(lines[0]) != "---") {
    return 0;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (trim(lines[i]) == "---" || trim(lines[i]) == "...") {
      return i + 1;
    }
  }
  return 0;
}

}  // namespace

std::vector<Heading> markdown_headings(std::string_view text) {
  const std::vector<std::string> lines = split(text, '\n');
  std::vector<Heading> headings;
  std::string fence;
  for (std::size_t i = skip_front_matter(lines); i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::string_view marker = fence_of(line);
    if (!fence.empty()) {
      if (!marker.empty() && marker[0] == fence[0] && marker.size() >= fence.size()) {
        fence.clear();
      }
      continue;
    }
    if (!marker.empty()) {
      fence = std::string(marker);
      continue;
    }
    const int number = static_cast<int>(i) + 1;
    if (auto heading = atx_heading(line, number)) {
      headings.push_back(std::move(*heading));
    } else if (!trim(line).empty() && i + 1 < lines.size() && setext_level(lines[i + 1]) > 0 &&
               !(i > 0 && !trim(lines[i - 1]).empty())) {
      headings.push_back(Heading{setext_level(lines[i + 1]), std::string(trim(line)), number});
      ++i;
    }
  }
  return headings;
}

std::string section_text(std::string_view text, const std::vector<Heading>& headings,
                         std::size_t index) {
  const std::vector<std::string> lines = split(text, '\n');
  std::size_t end = lines.size();
  for (std::size_t j = index + 1; j < headings.size(); ++j) {
    if (headings[j].level <= headings[index].level) {
      end = static_cast<std::size_t>(headings[j].line) - 1;
      break;
    }
  }
  std::string out;
  for (auto i = static_cast<std::size_t>(headings[index].line) - 1; i < end && i < lines.size();
       ++i) {
    out += lines[i];
    out += '\n';
  }
  return out;
}

std::optional<std::string> read_doc(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<std::size_t>(k_max_doc_bytes), '\0');
  in.read(text.data(), k_max_doc_bytes);
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::size_t count_nonempty_lines(std::string_view text) {
  std::size_t count = 0;
  for (const std::string& line : split(text, '\n')) {
    count += trim(line).empty() ? 0 : 1;
  }
  return count;
}

bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty()) {
    return false;
  }
  for (auto pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
    const bool start_ok = pos == 0 || !is_word_char(text[pos - 1]);
    const std::size_t end = pos + word.size();
    if (start_ok && (end == text.size() || !is_word_char(text[end]))) {
      return true;
    }
  }
  return false;
}

bool is_markdown_name(std::string_view name) {
  const std::string lowered = to_lower(name);
  const auto ends = [&](std::string_view ext) {
    return lowered.size() > ext.size() && lowered.substr(lowered.size() - ext.size()) == ext;
  };
  return ends(".md") || ends(".markdown");
}

bool name_starts_with(std::string_view name, std::string_view prefix) {
  return to_lower(name.substr(0, prefix.size())) == to_lower(prefix);
}

std::vector<std::string> files_in(const fs::path& root, std::string_view dir,
                                  const std::function<bool(std::string_view)>& keep) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(root / dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && keep(name)) {
      out.push_back(it->path().lexically_relative(root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> first_markdown_under(const fs::path& root, std::string_view dir) {
  std::vector<std::string> found;
  std::error_code ec;
  const auto options = fs::directory_options::skip_permission_denied;
  for (fs::recursive_directory_iterator it(root / dir, options, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && is_markdown_name(it->path().filename().string())) {
      found.push_back(it->path().lexically_relative(root).generic_string());
    }
  }
  if (found.empty()) {
    return std::nullopt;
  }
  return *std::min_element(found.begin(), found.end());
}

std::optional<std::string> configured_doc(const Context& ctx, const std::string& configured) {
  std::error_code ec;
  if (fs::is_directory(ctx.root / configured, ec)) {
    return first_markdown_under(ctx.root, configured);
  }
  const auto text = read_doc(ctx.root / configured);
  if (!text || count_nonempty_lines(*text) == 0) {
    return std::nullopt;
  }
  return fs::path(configured).lexically_normal().generic_string();
}

std::optional<std::string> find_readme(const Context& ctx) {
  if (!ctx.config.docs.readme.empty()) {
    std::error_code ec;
    const bool exists = fs::is_regular_file(ctx.root / ctx.config.docs.readme, ec);
    return exists ? std::optional<std::string>(ctx.config.docs.readme) : std::nullopt;
  }
  constexpr std::array<std::string_view, 5> k_names = {"readme", "readme.md", "readme.markdown",
                                                       "readme.rst", "readme.txt"};
  for (std::string_view wanted : k_names) {
    const auto found =
        files_in(ctx.root, "", [&](std::string_view name) { return to_lower(name) == wanted; });
    if (!found.empty()) {
      return found.front();
    }
  }
  return std::nullopt;
}

}  // namespace shipcheck::checks

// Targets of `shipcheck probe` (see targets.h).
#include "cli/targets.h"

#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::cli {
namespace {

// The line without its comment: from a '#' that starts it or follows white space. A URL
// holds no white space, so its own #fragment stays part of it.
std::string_view without_comment(std::string_view line) {
  for (std::size_t at = line.find('#'); at != std::string_view::npos; at = line.find('#', at + 1)) {
    if (at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t') {
      return line.substr(0, at);
    }
  }
  return line;
}

}  // namespace

std::optional<std::string> invalid_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return fmt::format("'{}' is not an http:// or https:// URL", url);
  }
  if (url.find_first_of(" \t\r\n") != std::string::npos) {
    return fmt::format("'{}' contains white space", url);
  }
  return std::nullopt;
}

tl::expected<std::vector<std::string>, std::string> parse_targets(std::string_view text,
                                                                  std::string_view name) {
  std::vector<std::string> urls;
  int number = 0;
  for (const auto& raw : split(text, '\n')) {
    ++number;
    const std::string_view line = trim(without_comment(raw));
    if (line.empty()) {
      continue;
    }
    const std::string url(line);
    if (auto problem = invalid_url(url)) {
      return tl::make_unexpected(fmt::format("{}:{}: {}", name, number, *problem));
    }
    urls.push_back(url);
  }
  return urls;
}

tl::expected<std::vector<std::string>, std::string> read_targets(
    const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return tl::make_unexpected(fmt::format("--targets {}: cannot be read", file.string()));
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_targets(text, file.string());
}

std::vector<std::string> without_repeats(const std::vector<std::string>& urls) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& url : urls) {
    if (seen.insert(url).second) {
      out.push_back(url);
    }
  }
  return out;
}

}  // namespace shipcheck::cli

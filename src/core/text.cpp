// Small text helpers: case, trimming, distances, entropy, globs.
#include "core/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace shipcheck {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return to_lower(a) == to_lower(b);
}

bool contains_icase(std::string_view haystack, std::string_view needle) {
  return to_lower(haystack).find(to_lower(needle)) != std::string::npos;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
  const std::string lowered = to_lower(word);
  const std::size_t bound = std::max<std::size_t>(2, lowered.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(lowered, to_lower(candidate));
    if (d <= bound) {
      scored.emplace_back(d, candidate);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) {
    out.push_back(scored[i].second);
  }
  return out;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto in_range = [&](std::size_t k, unsigned char low, unsigned char high) {
    return k < text.size() && static_cast<unsigned char>(text[k]) >= low &&
           static_cast<unsigned char>(text[k]) <= high;
  };
  const auto lead = static_cast<unsigned char>(text[i]);
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (!in_range(i + 1, low, high)) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if (!in_range(i + k, 0x80, 0xBF)) {
      return 0;
    }
  }
  return length;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += text[i++];
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) {
    return 0.0;
  }
  std::array<std::size_t, 256> counts{};
  for (unsigned char c : text) {
    ++counts[c];
  }
  double entropy = 0.0;
  const double n = static_cast<double>(text.size());
  for (std::size_t count : counts) {
    if (count != 0) {
      const double p = static_cast<double>(count) / n;
      entropy -= p * std::log2(p);
    }
  }
  return entropy;
}

namespace {

bool glob_at(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      if (!rest.empty() && rest.front() == '/') {
        // "**/" also matches zero directories.
        if (glob_at(rest.substr(1), s)) {
          return true;
        }
      }
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_at(rest, s.substr(i))) {
          return true;
        }
      }
      return false;
    }
    if (p.front() == '*') {
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_at(p.substr(1), s.substr(i))) {
          return true;
        }
        if (i < s.size() && s[i] == '/') {
          return false;
        }
      }
      return false;
    }
    if (s.empty() || (p.front() != '?' && p.front() != s.front()) ||
        (p.front() == '?' && s.front() == '/')) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return glob_at(pattern, path);
}

}  // namespace shipcheck

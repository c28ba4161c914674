// Post-filters of candidate secrets.
#include "engines/secrets/filters.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace shipcheck::secrets {
namespace {

// Lower-case fragments that mark documentation and template values, not credentials.
constexpr std::array<std::string_view, 24> k_placeholder_words{
    "example",   "xxxx",     "changeme", "change_me", "change-me",  "placeholder",
    "your_",     "your-",    "yourapi",  "yourtoken", "yoursecret", "redacted",
    "dummy",     "sample",   "insert_",  "replace_",  "replaceme",  "0123456789",
    "123456789", "abcdefgh", "qwertyui", "*****",     "....",       "todo"};

// Fragments of code that read a secret instead of holding one.
constexpr std::array<std::string_view, 9> k_lookup_fragments{
    "os.environ", "process.env", "getenv",          "env(",        "env[",
    "config[",    "settings.",   "import.meta.env", "secretkeyref"};

bool all_same(std::string_view value) {
  return !value.empty() &&
         std::all_of(value.begin(), value.end(), [&](char c) { return c == value.front(); });
}

bool is_template(std::string_view value) {
  return value.front() == '$' || value.find("${") != std::string_view::npos ||
         value.find("{{") != std::string_view::npos || value.find("}}") != std::string_view::npos ||
         (value.front() == '<' && value.back() == '>') ||
         value.find("%(") != std::string_view::npos;
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+' || c == '-')
    return 62;
  if (c == '/' || c == '_')
    return 63;
  return -1;
}

bool is_json_object(std::string_view text, const char* required_key) {
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() && (required_key == nullptr || parsed.contains(required_key));
}

}  // namespace

bool looks_like_placeholder(std::string_view value) {
  if (value.empty() || all_same(value) || is_template(value)) {
    return true;
  }
  const std::string lower = to_lower(value);
  const auto contains = [&](std::string_view word) {
    return lower.find(word) != std::string::npos;
  };
  return std::any_of(k_placeholder_words.begin(), k_placeholder_words.end(), contains) ||
         std::any_of(k_lookup_fragments.begin(), k_lookup_fragments.end(), contains);
}

bool valid_crc32_base62(std::string_view token) {
  const std::size_t underscore = token.rfind('_');
  if (underscore == std::string_view::npos || token.size() - underscore - 1 < 7) {
    return false;
  }
  const std::string_view random = token.substr(underscore + 1, token.size() - underscore - 7);
  const std::string_view check = token.substr(token.size() - 6);
  std::uint32_t crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(random.data()), static_cast<uInt>(random.size())));
  static constexpr std::string_view k_alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string encoded(6, '0');
  for (int i = 5; i >= 0 && crc > 0; --i) {
    encoded[static_cast<std::size_t>(i)] = k_alphabet[crc % 62];
    crc /= 62;
  }
  return crc == 0 && encoded == check;
}

std::optional<std::string> decode_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int digit = base64_digit(c);
    if (digit < 0) {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

bool valid_jwt(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) {
    return false;
  }
  const auto header = decode_base64(token.substr(0, first));
  const auto payload = decode_base64(token.substr(first + 1, second - first - 1));
  return header && payload && is_json_object(*header, "alg") && is_json_object(*payload, nullptr);
}

bool passes_filters(const Detector& d, std::string_view value) {
  if (value.size() < d.min_length || (d.max_length > 0 && value.size() > d.max_length)) {
    return false;
  }
  if (d.placeholder_check && looks_like_placeholder(value)) {
    return false;
  }
  if (d.entropy > 0 && shannon_entropy(value) < d.entropy) {
    return false;
  }
  switch (d.checksum) {
    case Checksum::none:
      return true;
    case Checksum::crc32_base62:
      return valid_crc32_base62(value);
    case Checksum::jwt:
      return valid_jwt(value);
  }
  return true;
}

}  // namespace shipcheck::secrets

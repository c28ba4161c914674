#include "engines/secrets/encoded.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engines/secrets/filters.h"

namespace shipcheck::secrets {
namespace {

constexpr std::size_t k_min_base64 = 20;
constexpr std::size_t k_min_hex = 32;
constexpr std::size_t k_min_decoded = 8;
constexpr int k_min_percent_escapes = 3;

enum Class : std::uint8_t { k_none = 0, k_hex = 1, k_base64 = 2, k_pad = 4 };

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = k_none;
    const bool digit = c >= '0' && c <= '9';
    const bool lower = c >= 'a' && c <= 'z';
    const bool upper = c >= 'A' && c <= 'Z';
    if (digit || lower || upper || c == '+' || c == '/' || c == '-' || c == '_') {
      k |= k_base64;
    }
    if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      k |= k_hex;
    }
    if (c == '=') {
      k |= k_pad;
    }
    table[static_cast<std::size_t>(c)] = k;
  }
  return table;
}
constexpr std::array<std::uint8_t, 256> k_classes = make_classes();

std::uint8_t class_of(char c) {
  return k_classes[static_cast<unsigned char>(c)];
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::string decode_hex(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<char>(hex_value(text[i]) * 16 + hex_value(text[i + 1])));
  }
  return out;
}

// Identifiers such as AbstractSingletonProxyFactoryBean are long base64-alphabet runs too;
// encoded data mixes cases with digits or symbols.
bool plausible_base64(std::string_view run) {
  bool upper = false;
  bool lower = false;
  bool other = false;
  for (std::size_t i = 0; i < run.size() && !(upper && lower && other); ++i) {
    const char c = run[i];
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
    other |= (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
  }
  return upper && lower && other;
}

void add_if_text(std::vector<EncodedRun>& out, std::size_t offset, std::string_view run,
                 const char* encoding, std::string decoded) {
  if (decoded.size() >= k_min_decoded && mostly_printable(decoded)) {
    out.push_back(EncodedRun{offset, run.size(), encoding, std::move(decoded)});
  }
}

// Most long mixed-case runs are identifiers or binary data: their first 18 decoded bytes
// already show it, so the whole run is decoded only when those are text.
bool decodes_to_text(std::string_view head) {
  head = head.substr(0, head.size() - head.size() % 4);
  const auto decoded = decode_base64(head);
  return decoded && mostly_printable(*decoded);
}

bool all_hex(std::string_view run) {
  return std::all_of(run.begin(), run.end(), [](char c) { return (class_of(c) & k_hex) != 0; });
}

void consider_run(std::vector<EncodedRun>& out, std::string_view data, std::size_t begin,
                  std::size_t end) {
  const std::string_view run = data.substr(begin, end - begin);
  if (run.size() >= k_min_hex && run.size() % 2 == 0 && all_hex(run)) {
    add_if_text(out, begin, run, "hex", decode_hex(run));
    return;
  }
  if (run.size() >= k_min_base64 && plausible_base64(run) && decodes_to_text(run.substr(0, 24))) {
    if (auto decoded = decode_base64(run)) {
      add_if_text(out, begin, run, "base64", std::move(*decoded));
    }
  }
}

bool in_run(char c) {
  return (class_of(c) & k_base64) != 0;
}

// Runs of the base64 alphabet (hex is a subset) of k_min_base64 or more characters. Looks
// at one byte in k_min_base64 where no run is: a run that long must cover the probe.
void find_alphabet_runs(std::vector<EncodedRun>& out, std::string_view data) {
  const std::size_t n = data.size();
  std::size_t i = 0;  // invariant: i == 0 or data[i - 1] ends a run or is outside one
  while (i + k_min_base64 <= n) {
    const std::size_t probe = i + k_min_base64 - 1;
    if (!in_run(data[probe])) {
      i = probe + 1;
      continue;
    }
    std::size_t begin = probe;
    while (begin > i && in_run(data[begin - 1])) {
      --begin;
    }
    std::size_t end = probe + 1;
    while (end < n && in_run(data[end])) {
      ++end;
    }
    if (end - begin >= k_min_base64) {
      std::size_t padded = end;
      while (padded < n && padded - end < 2 && data[padded] == '=') {
        ++padded;
      }
      consider_run(out, data, begin, padded);
    }
    i = end + 1;
  }
}

bool in_percent_token(char c) {
  return c > ' ' && c < 127 && c != '"' && c != '\'' && c != '<' && c != '>';
}

// A stretch of URL-ish text with enough %XX escapes to be worth decoding.
std::size_t percent_run(std::vector<EncodedRun>& out, std::string_view data, std::size_t begin) {
  std::size_t i = begin;
  int escapes = 0;
  std::string decoded;
  while (i < data.size()) {
    const char c = data[i];
    if (c == '%' && i + 2 < data.size() && hex_value(data[i + 1]) >= 0 &&
        hex_value(data[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex_value(data[i + 1]) * 16 + hex_value(data[i + 2])));
      ++escapes;
      i += 3;
    } else if (in_percent_token(c)) {
      decoded.push_back(c);
      ++i;
    } else {
      break;
    }
  }
  if (escapes >= k_min_percent_escapes) {
    add_if_text(out, begin, data.substr(begin, i - begin), "percent", std::move(decoded));
  }
  return i;
}

}  // namespace

bool mostly_printable(std::string_view bytes) {
  std::size_t printable = 0;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0) {
      return false;
    }
    printable += (u >= 0x20 && u < 0x7f) || u == '\n' || u == '\r' || u == '\t';
  }
  return printable * 10 >= bytes.size() * 9;
}

std::vector<EncodedRun> find_encoded_runs(std::string_view data) {
  std::vector<EncodedRun> out;
  find_alphabet_runs(out, data);
  for (std::size_t i = data.find('%'); i != std::string_view::npos; i = data.find('%', i)) {
    if (i + 2 >= data.size() || hex_value(data[i + 1]) < 0 || hex_value(data[i + 2]) < 0) {
      ++i;
      continue;
    }
    // Back up to the start of the token holding the escape (the characters percent_run
    // accepts), then make progress whatever it returns.
    std::size_t begin = i;
    while (begin > 0 && i - begin < 256 && in_percent_token(data[begin - 1])) {
      --begin;
    }
    i = std::max(percent_run(out, data, begin), i + 1);
  }
  return out;
}

}  // namespace shipcheck::secrets

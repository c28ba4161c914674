#include "engines/secrets/encoded.h"

#include <algorithm>
#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+' || c == '-') {
    return 62;
  }
  return c == '/' || c == '_' ? 63 : -1;
}

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
  // Runs of 24 characters decode to 18 bytes: no allocation for a check made per run.
  char decoded[18];
  std::size_t count = 0;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < head.size() && i < 24; ++i) {
    const int digit = base64_value(head[i]);
    if (digit < 0) {
      return false;
    }
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded[count++] = static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  return mostly_printable(std::string_view(decoded, count));
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

#if defined(__SSE2__)
// Bit k is set iff p[k] is in the base64 alphabet (either variant), for 16 bytes.
[[gnu::always_inline]] inline std::uint64_t alphabet_mask16(const char* p) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // x - low < count, unsigned: the byte lies in [low, low + count).
  const auto in_range = [](__m128i x, char low, char count) {
    const __m128i shifted = _mm_sub_epi8(x, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8(static_cast<char>(count - 1))),
                          shifted);
  };
  const auto equal = [&](char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); };
  __m128i in = in_range(bytes, '0', 10);
  in = _mm_or_si128(in, in_range(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), 'a', 26));
  in = _mm_or_si128(in, _mm_or_si128(equal('+'), equal('/')));
  in = _mm_or_si128(in, _mm_or_si128(equal('-'), equal('_')));
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(in)));
}

#endif

// Extends the alphabet run around [from, to) (all in the alphabet) to its whole length,
// never back before `floor`, and decodes it if it is long enough. Returns its end (a byte
// outside the alphabet, or the end of data).
std::size_t take_run(std::vector<EncodedRun>& out, std::string_view data, std::size_t floor,
                     std::size_t from, std::size_t to) {
  std::size_t begin = from;
  while (begin > floor && in_run(data[begin - 1])) {
    --begin;
  }
  std::size_t end = to;
#if defined(__SSE2__)
  // Long runs are data blobs (images, bundles): cross them 16 bytes at a time.
  while (end + 16 <= data.size() && alphabet_mask16(data.data() + end) == 0xFFFFU) {
    end += 16;
  }
#endif
  while (end < data.size() && in_run(data[end])) {
    ++end;
  }
  if (end - begin >= k_min_base64) {
    std::size_t padded = end;
    while (padded < data.size() && padded - end < 2 && data[padded] == '=') {
      ++padded;
    }
    consider_run(out, data, begin, padded);
  }
  return end;
}

#if defined(__SSE2__)
// Bit k is set iff bytes k .. k + k_min_base64 - 1 of the 64 at p are all in the alphabet.
std::uint64_t run_starts64(const char* p) {
  std::uint64_t m = alphabet_mask16(p) | alphabet_mask16(p + 16) << 16U |
                    alphabet_mask16(p + 32) << 32U | alphabet_mask16(p + 48) << 48U;
  // Doubling: after each step bit k says "the next 2, 4, 8, 16 bits are set", then 20.
  m &= m >> 1U;
  m &= m >> 2U;
  m &= m >> 4U;
  m &= m >> 8U;
  return m & (m >> 4U);
}
#endif

// Runs of the base64 alphabet (hex is a subset) of k_min_base64 or more characters. With
// SSE2, 64 bytes are classified at a time and only where a long enough run starts is
// anything looked at byte by byte; the scalar rest probes one byte in k_min_base64 (a run
// that long must cover the probe).
void find_alphabet_runs(std::vector<EncodedRun>& out, std::string_view data) {
  static_assert(k_min_base64 == 20, "run_starts64 tests for runs of exactly 20");
  const std::size_t n = data.size();
  std::size_t i = 0;      // every run starting before i has been taken
  std::size_t floor = 0;  // end of the last run taken
#if defined(__SSE2__)
  // A window of 64 bytes sees every start in its first 64 - 20 + 1 positions.
  constexpr std::size_t k_stride = 64 - k_min_base64 + 1;
  while (i + 64 <= n) {
    const std::uint64_t starts = run_starts64(data.data() + i) & ((1ULL << k_stride) - 1);
    if (starts == 0) {
      i += k_stride;
      continue;
    }
    const auto first = static_cast<std::size_t>(__builtin_ctzll(starts));
    floor = take_run(out, data, floor, i + first, i + first + k_min_base64);
    i = floor;
  }
#endif
  while (i + k_min_base64 <= n) {
    const std::size_t probe = i + k_min_base64 - 1;
    if (!in_run(data[probe])) {
      i = probe + 1;
      continue;
    }
    floor = take_run(out, data, std::max(floor, i), probe, probe + 1);
    i = floor + 1;
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

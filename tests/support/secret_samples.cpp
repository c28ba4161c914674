#include "support/secret_samples.h"

#include <random>

#include <zlib.h>

namespace shipcheck::test {
namespace {

constexpr std::string_view k_base62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string from_alphabet(std::string_view alphabet, std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(alphabet[pick(rng)]);
  }
  return out;
}

std::string base64url(const std::string& bytes) {
  std::string out = base64(bytes);
  while (!out.empty() && out.back() == '=') {
    out.pop_back();
  }
  for (char& c : out) {
    c = c == '+' ? '-' : (c == '/' ? '_' : c);
  }
  return out;
}

}  // namespace

std::string random_alnum(std::size_t n, std::uint32_t seed) {
  return from_alphabet(k_base62, n, seed);
}

std::string github_token(const std::string& prefix, std::uint32_t seed) {
  const std::string random = random_alnum(30, seed);
  auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(random.data()), static_cast<uInt>(random.size())));
  std::string check(6, '0');
  for (int i = 5; i >= 0; --i) {
    check[static_cast<std::size_t>(i)] = k_base62[crc % 62];
    crc /= 62;
  }
  return prefix + "_" + random + check;
}

std::string jwt(std::uint32_t seed) {
  return base64url(R"({"alg":"HS256","typ":"JWT"})") + "." +
         base64url(R"({"sub":"user-)" + random_alnum(8, seed) + R"(","exp":1999999999})") + "." +
         from_alphabet(std::string(k_base62) + "-_", 43, seed + 1);
}

std::string aws_key_id(std::uint32_t seed) {
  return "AKIA" + from_alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, seed);
}

std::string base64(const std::string& bytes) {
  static constexpr std::string_view k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16U) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8U) |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) {
      out.push_back(k_alphabet[(v >> static_cast<unsigned>(shift)) & 63U]);
    }
  }
  if (i + 1 == bytes.size()) {
    const std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16U;
    out += {k_alphabet[(v >> 18U) & 63U], k_alphabet[(v >> 12U) & 63U], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16U) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8U);
    out += {k_alphabet[(v >> 18U) & 63U], k_alphabet[(v >> 12U) & 63U], k_alphabet[(v >> 6U) & 63U],
            '='};
  }
  return out;
}

}  // namespace shipcheck::test

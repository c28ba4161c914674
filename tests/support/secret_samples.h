// Format-valid fake secrets built at test time, so that the repository itself never holds
// one (it would trip every scanner, ours included).
#pragma once

#include <cstdint>
#include <string>

namespace shipcheck::test {

// `n` characters from [A-Za-z0-9], deterministic in `seed`.
std::string random_alnum(std::size_t n, std::uint32_t seed);
// A GitHub token `prefix_` + 30 random characters + their CRC32 in base62.
std::string github_token(const std::string& prefix, std::uint32_t seed);
// A JWT with a JSON header {"alg":"HS256","typ":"JWT"}, a payload and a random signature.
std::string jwt(std::uint32_t seed);
// "AKIA" + 16 upper-case letters and digits.
std::string aws_key_id(std::uint32_t seed);
std::string base64(const std::string& bytes);

}  // namespace shipcheck::test

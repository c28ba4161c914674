// Tokens a service must refuse, made for the auth checks: the claims of a real token (when
// one is configured) under a header and signature the service did not issue. Own code: a
// JWT is two base64url JSON objects and an HMAC, and OpenSSL does the HMAC.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace shipcheck::http {

std::string base64url(std::string_view bytes);

// The payload of `token` as JSON; a null json when it is not a JWT.
nlohmann::json jwt_claims(std::string_view token);

// header.payload. with no signature and "alg": "none".
std::string jwt_alg_none(const nlohmann::json& claims);

// header.payload.signature, HS256 with `key`.
std::string jwt_hs256(const nlohmann::json& claims, std::string_view key);

}  // namespace shipcheck::http

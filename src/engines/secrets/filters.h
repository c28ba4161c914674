// Post-filters: what a candidate that matched a detector's shape must also pass to be a
// finding. Pure functions of the candidate text, so they are fuzzed on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engines/secrets/detector.h"

namespace shipcheck::secrets {

// Placeholders and documentation values: EXAMPLE, xxxx, <...>, ${...}, {{...}}, changeme,
// your_api_key, all one character, a run such as 0123456789 or abcdef, redacted/masked
// values (****), env lookups ($VAR, os.environ[...], process.env.X).
bool looks_like_placeholder(std::string_view value);

// GitHub/npm token checksum: the last 6 characters are CRC32 (zlib's) of the 30 characters
// between the prefix's underscore and them, in base62 (alphabet 0-9A-Za-z), zero-padded.
bool valid_crc32_base62(std::string_view token);

// A JWT whose header and payload decode (base64url) to JSON objects, the header with "alg".
bool valid_jwt(std::string_view token);

// Base64 (standard or url alphabet, padding optional); nullopt when malformed.
std::optional<std::string> decode_base64(std::string_view text);

// True iff `value` passes detector `d`'s length, entropy, checksum and placeholder filters.
bool passes_filters(const Detector& d, std::string_view value);

}  // namespace shipcheck::secrets

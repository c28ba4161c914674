// Fingerprints: stable ids of findings for baselines and suppressions. A hash of rule,
// path and the finding's key (never the matched content itself, never a line number).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace shipcheck {

// 16 hex digits of SHA-256(rule \0 path \0 key).
std::string make_fingerprint(std::string_view rule, std::string_view path, std::string_view key);

// Sets r.fingerprint from rule, file (or target) and message when the check left it empty.
// Checks whose messages carry volatile text should set their own fingerprint.
void ensure_fingerprint(Result& r);

}  // namespace shipcheck

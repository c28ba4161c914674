// Secret detectors: the rule file (`rules/secrets.yaml`, schema shipcheck.secrets/v1) that
// tells the matcher what a credential looks like. Built-in detectors are compiled into the
// binary; users add their own file (`--rules F`, `secrets.rules` in shipcheck.yaml) with
// more detectors and allowlists. Knows nothing of files, git or reports.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/parse_error.h"
#include "core/severity.h"

namespace shipcheck::secrets {

// How to validate a candidate beyond its shape (filters.h implements each).
enum class Checksum {
  none,
  crc32_base62,  // GitHub ghp_/gho_/ghu_/ghs_/ghr_ and npm npm_: last 6 chars = base62(CRC32)
  jwt,           // header and payload are base64url JSON objects; header has "alg"
};

// One entry of `detectors:`.
struct Detector {
  std::string id;           // "github-pat-classic": [a-z0-9-]+, unique across all files
  std::string rule;         // the SEC rule it reports under ("SEC002")
  std::string description;  // "GitHub personal access token (classic)"
  // PCRE2 pattern (the subset Vectorscan also accepts: no backreferences, no lookaround).
  // Compiled with multi-line anchors (^ $ per line). Capture group `group` is the secret.
  std::string regex;
  // Optional cheaper/looser Vectorscan pattern that finds candidates; `regex` then
  // confirms them. Needed when `regex` spans lines (private keys).
  std::string prefilter;
  int group = 1;       // capture group holding the secret; 0 = whole match
  double entropy = 0;  // minimum Shannon entropy of the secret, bits per character
  std::size_t min_length = 0;
  std::size_t max_length = 0;  // 0 = no limit
  Checksum checksum = Checksum::none;
  bool placeholder_check = true;  // drop values that look like placeholders (filters.h)
  // Bytes before and after the candidate the confirming regex may look at (multi-line
  // detectors); 0 = the candidate's own line.
  std::size_t window = 0;
  std::vector<std::string> paths;  // globs: only files whose path matches one (empty = all)
  std::string file_requires;       // regex that must occur somewhere in the file
  bool base64_value = false;       // the captured value is base64: decode it before filters
  std::vector<std::string> allow;  // regexes: a secret matching one is not a finding
  std::string origin;              // "file:line:column" of the entry, for errors
};

// `allowlist:` at the top of a rule file; applies to every detector.
struct Allowlist {
  std::vector<std::string> paths;      // globs of files never scanned
  std::vector<std::string> regexes;    // a secret matching one is not a finding
  std::vector<std::string> stopwords;  // a secret containing one (any case) is not a finding
};

struct RuleSet {
  std::vector<Detector> detectors;
  Allowlist allowlist;
};

// Parses a rule file. Errors carry file:line:column (bad YAML, unknown keys, duplicate ids,
// an unknown SEC rule, a regex PCRE2 or Vectorscan rejects).
tl::expected<RuleSet, ParseError> load_rules_text(std::string_view yaml,
                                                  std::string_view file_name);
tl::expected<RuleSet, ParseError> load_rules_file(const std::string& path);

// The built-in detectors (rules/secrets.yaml, embedded at build time).
const RuleSet& builtin_rules();
std::string_view builtin_rules_text();

// Appends `extra` to `base`; a detector whose id is already in `base` replaces it.
void merge_rules(RuleSet& base, RuleSet extra);

}  // namespace shipcheck::secrets

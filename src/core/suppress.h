// Suppressions, one mechanism for every family (DESIGN.md "Suppressions"): inline
// `shipcheck:ignore RULE -- reason` comments, `suppress:` entries in shipcheck.yaml
// (rule, optional path glob and fingerprint, reason, optional expiry), and a baseline
// file of accepted fingerprints. Suppressed results stay in the output, marked.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "config/config.h"
#include "core/result.h"

namespace shipcheck {

struct SuppressionInput {
  std::filesystem::path root;  // result locations are relative to it
  const std::vector<SuppressEntry>* entries = nullptr;
  std::string config_file;         // for "shipcheck.yaml:12" sources
  std::string today;               // YYYY-MM-DD; entries expiring before it stop applying
  std::set<std::string> baseline;  // accepted fingerprints
};

// Marks suppressed results in place; returns notices about expired and unused entries.
std::vector<std::string> apply_suppressions(std::vector<Result>& results,
                                            const SuppressionInput& input);

// Parses `shipcheck:ignore ID[,ID...] [-- reason]` out of one line of source text.
// Returns the reason ("(no reason given)" if none) iff the line suppresses `rule`.
std::optional<std::string> inline_suppression(std::string_view line, std::string_view rule);

// Baseline file (JSON, schema shipcheck.baseline/v1).
tl::expected<std::set<std::string>, std::string> read_baseline(const std::filesystem::path& file);
// Writes the fingerprints of every fail/warn/error result; returns how many.
tl::expected<std::size_t, std::string> write_baseline(const std::filesystem::path& file,
                                                      const std::vector<Result>& results);

// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

}  // namespace shipcheck

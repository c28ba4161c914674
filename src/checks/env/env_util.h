// Shared helpers of the env family: variable lookup, value parsing, result locations, the
// variables the code requires and the example file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/context.h"
#include "checks/env/env_tables.h"
#include "core/result.h"
#include "engines/dotenv/dotenv.h"
#include "engines/envrefs/envrefs.h"

namespace shipcheck::checks::env {

// Why an ENV rule is skipped when ctx.env is empty ("no env file configured" ...).
std::string no_env_file_reason(const Context& ctx);

// The effective (last) entry for `name`: an exact key first, else a key equal ignoring case
// (pydantic settings read keys case-insensitively). nullptr when absent.
const dotenv::Entry* find_var(const dotenv::File& file, std::string_view name);
// The effective entry of every distinct key, ordered by line.
std::vector<const dotenv::Entry*> effective_entries(const dotenv::File& file);
// The entries of the group's names, in the group's order, each key once; globs expand.
std::vector<const dotenv::Entry*> present_vars(const dotenv::File& file,
                                               const VariableGroup& group);
// The first of present_vars(), or nullptr.
const dotenv::Entry* first_present(const dotenv::File& file, const VariableGroup& group);
// True iff `name` is one of the group's names (or matches one of its globs), any case.
bool in_group(std::string_view name, const VariableGroup& group);
// "A, B or C" (globs included as written), for messages.
std::string names_of(const VariableGroup& group);

// true/1/yes/on/t/y and false/0/no/off/f/n, any case, as pydantic reads booleans.
std::optional<bool> parse_bool(std::string_view value);
// A whole (trimmed) decimal integer, or nullopt.
std::optional<long long> parse_int(std::string_view value);

// A value as a message may show it: redact_value() for secret-named variables and for
// values that look random, else the value with URL passwords hidden, cut to 80 characters.
std::string shown_value(std::string_view name, std::string_view value);

// `result` with target = the env file and location = `entry`'s line (whole file if null).
Result at_entry(Result result, const Context& ctx, const dotenv::Entry* entry);

// Every read of an environment variable in the project's code, scanned once per run
// (empty when env.scan_code is false).
const std::vector<envrefs::EnvRef>& code_refs(const Context& ctx);

// A variable ENV001 demands, with where the demand comes from.
struct RequiredVar {
  std::string name;
  std::optional<envrefs::EnvRef> ref;  // the first read without a default; nullopt = config
};
// env.required (if include_config), then every variable the code reads without a default
// (except platform-provided ones), minus env.optional; each name once.
std::vector<RequiredVar> required_vars(const Context& ctx, bool include_config);

// The example file relative to root: env.example_file if set, else the first existing
// of k_example_files. nullopt if it does not exist; `wanted` names what was looked for.
std::optional<std::string> find_example_file(const Context& ctx, std::string& wanted);
inline constexpr std::string_view k_example_files[] = {".env.example", ".env.production.example",
                                                       ".env.sample", ".env.template"};

}  // namespace shipcheck::checks::env

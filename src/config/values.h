// Shapes of shipcheck.yaml values (rule ids, variable names, durations, dates, URLs).
#pragma once

#include <string_view>

namespace shipcheck::config {

// A family code plus three digits: ENV001, SEC014, K8S004.
bool is_rule_id(std::string_view text);
// A family code alone: ENV, SEC, K8S (2-5 upper-case letters or digits, first and last a
// letter).
bool is_family_code(std::string_view text);
// An environment variable name: [A-Za-z_][A-Za-z0-9_]*.
bool is_var_name(std::string_view text);
// One or more <number><unit> parts, unit one of ms s m h d w: "10s", "1h30m", "500ms".
bool is_duration(std::string_view text);
// A real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view text);
// http:// or https:// followed by a host.
bool is_http_url(std::string_view text);
// postgresql:// or postgres:// (libpq's URL schemes) and no whitespace.
bool is_postgres_url(std::string_view text);
// A URL path: starts with '/', no whitespace.
bool is_url_path(std::string_view text);
// curl --resolve syntax: host:port:address (address may itself contain ':').
bool is_resolve_entry(std::string_view text);
// An identifier usable on a command line: [A-Za-z0-9][A-Za-z0-9._-]*.
bool is_item_id(std::string_view text);

}  // namespace shipcheck::config

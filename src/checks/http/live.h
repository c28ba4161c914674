// What the live HTTP checks share: the target from shipcheck.yaml (or `probe URL`) and the
// responses several rules read, each fetched once per run through the memo.
#pragma once

#include <optional>
#include <string>

#include "core/check.h"
#include "engines/http/client.h"
#include "engines/http/html.h"

namespace shipcheck {
struct Context;
}

namespace shipcheck::checks::live {

// Why the live checks cannot run (no `url:` configured), or nullopt.
std::optional<std::string> not_configured(const Context& ctx);

bool is_https(const Context& ctx);

// libcurl options from `tls:` (ca_file relative to the project root, resolve).
http::Options options(const Context& ctx);

// GET url, redirects not followed: the response whose headers the HDR rules grade.
const http::Response& main_response(const Context& ctx);

// The start tags of the main response's body when it is HTML (Content-Type), else none:
// what the subresource-integrity rules read, scanned once.
const std::vector<http::html::Tag>& main_page_tags(const Context& ctx);

// An origin no service should trust, sent by the CORS probes.
inline constexpr std::string_view k_foreign_origin = "https://evil.example";

// GET url with `Origin: k_foreign_origin`, redirects not followed: what a cross-origin
// fetch from a foreign site sees.
const http::Response& foreign_origin_response(const Context& ctx);

// GET http_url (default: url's host on port 80, over plain HTTP), redirects not followed.
const http::Response& plain_http_response(const Context& ctx);

// The plain-HTTP address probed for the redirect (http_url, or derived from url).
std::string plain_http_url(const Context& ctx);

// "https://User@API.example.com:8443/x?y" -> "api.example.com" ("[::1]" for IPv6).
std::string host_of_url(const std::string& url);

// `path` ("/docs") on the url's scheme, host and port.
std::string url_for(const Context& ctx, std::string_view path);

// Requests to the service for rules that read responses, not certificates: concurrent,
// certificate not verified (TLS001-TLS004 judge it), no credentials ever sent this way.
std::vector<http::Response> fetch_unverified(const Context& ctx,
                                             const std::vector<http::Request>& requests);

// Whether a verified request failed because the server's certificate did not verify: then a
// request carrying credentials is not sent, and TLS001-TLS004 say why.
bool certificate_rejected(const http::Response& response);

// For a result the service's rate limiter answered (429) before the rule could judge: the
// rule's remediation would be wrong, so it says to come back after the limiter's window
// (with its Retry-After), and that a burst shortly before, an earlier run's RATE001, counts too.
void explain_rate_limited(Result& result, const http::Response& response);

// `error` when not one response of a batch arrived: a service that is down is not clean.
std::optional<Result> unanswered(const Check& check, const Context& ctx,
                                 const std::vector<http::Response>& responses);

// A live check that sends its own requests: skipped without a url.
class LiveRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  virtual std::vector<Result> check(const Context& ctx) const = 0;
};

// A check on the headers of the main response over HTTPS: skipped without a url or over
// plain HTTP (the headers only count over HTTPS), `error` when the request failed.
class HeaderRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  virtual std::vector<Result> check(const Context& ctx, const http::Response& response) const = 0;
  // A result about the main response: target is the URL.
  Result at_url(const Context& ctx, Result result) const;
};

}  // namespace shipcheck::checks::live

// HTTP client for the live checks, on libcurl's multi interface: every request of a batch
// runs concurrently (HTTP/1.1 keep-alive or HTTP/2, connections reused), each with its own
// timeout, under caps on the body and header sizes, so that a server that never answers,
// trickles bytes or sends a giant header costs a bounded time and memory.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shipcheck::http {

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  bool follow_redirects = false;
};

struct Options {
  std::string ca_file;                        // extra trust anchor; the system store otherwise
  std::vector<std::string> resolve;           // "host:port:addr", like curl --resolve
  std::chrono::milliseconds timeout{10'000};  // per request, from start to end
  std::chrono::milliseconds connect_timeout{5'000};  // TCP and TLS handshake
  std::size_t max_body = 1 << 20;                    // bytes kept; the rest is not read
  long max_redirects = 5;
  unsigned max_parallel = 16;  // requests in flight at once
  // false: read the response even from a server whose certificate does not verify (the
  // header rules do, so that a bad certificate fails the TLS rules and nothing else).
  // Never for a request that carries credentials.
  bool verify_peer = true;
};

struct Response {
  long status = 0;  // 0 when no response arrived
  std::vector<std::pair<std::string, std::string>>
      headers;       // of the last response; names lowercase
  std::string body;  // at most Options::max_body bytes
  bool body_truncated = false;
  std::string http_version;  // "1.1", "2"
  std::string effective_url;
  std::string redirect_url;  // Location of a redirect not followed
  double seconds = 0;        // total time
  std::string error;         // why no (complete) response: timeout, refused, TLS ...

  bool ok() const { return error.empty(); }
  // The first header of that name (lowercase), if any.
  std::optional<std::string_view> header(std::string_view name) const;
  // Every header of that name, in order (Set-Cookie comes many times).
  std::vector<std::string_view> headers_named(std::string_view name) const;
};

// Runs every request concurrently (at most max_parallel at a time) and returns their
// responses in the same order. Never throws for network trouble: that is Response::error.
std::vector<Response> fetch_all(const std::vector<Request>& requests, const Options& options);

// One request.
Response fetch(const Request& request, const Options& options);

}  // namespace shipcheck::http

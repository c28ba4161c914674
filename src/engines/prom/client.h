// Prometheus as a metrics source: its HTTP API (/api/v1/query, /api/v1/query_range) read
// through the HTTP engine with a timeout and bearer or basic auth, results typed (vector,
// scalar, matrix, string), failures classified; and a plain /metrics endpoint scraped and
// parsed when there is no Prometheus server. Credentials never appear in any message.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "engines/prom/exposition.h"

namespace shipcheck::prom {

struct ClientOptions {
  std::chrono::milliseconds timeout{10'000};  // per request, connection included
  std::string bearer_token;                   // Authorization: Bearer ...
  std::string username;                       // basic auth when not empty (ignored with a token)
  std::string password;
  std::string ca_file;                      // extra trust anchor for https
  std::vector<std::string> resolve;         // "host:port:addr", like curl --resolve
  std::size_t max_body = 16 * 1024 * 1024;  // a larger answer is an error, not cut silently
};

enum class ErrorKind {
  unreachable,   // no HTTP response: refused, timeout, DNS, TLS (curl's reason in message)
  http_status,   // an HTTP status other than 200 without a Prometheus error body
  bad_query,     // Prometheus said errorType bad_data: the PromQL (or a parameter) is wrong
  query_failed,  // any other Prometheus error (timeout, execution, canceled, internal...)
  bad_response,  // 200 but not the API's JSON, or a /metrics text that does not parse
};

// "unreachable", "HTTP status", "bad query", ... for messages.
std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::bad_response;
  std::string message;     // Prometheus's own words for bad_query / query_failed
  long http_status = 0;    // 0 when no response arrived
  std::string error_type;  // Prometheus's errorType ("bad_data", "timeout", ...), if any
};

struct Point {
  double time = 0;  // unix seconds
  double value = 0;
};

struct InstantSample {
  Labels labels;  // sorted; __name__ among them when the query kept it
  Point point;
};

struct Series {
  Labels labels;
  std::vector<Point> points;  // in time order
};

enum class ResultType { vector, scalar, matrix, string };

struct QueryResult {
  ResultType type = ResultType::vector;
  std::vector<InstantSample> vector;  // type vector
  Point scalar;                       // type scalar
  std::vector<Series> matrix;         // type matrix
  std::string string_value;           // type string
  std::vector<std::string> warnings;  // Prometheus's, if any

  // True iff the query matched nothing (an empty vector or matrix): not an error, the
  // caller decides what no data means. A scalar or string always counts as data.
  bool no_data() const;
};

using Time = std::chrono::system_clock::time_point;

// GET <base_url>/api/v1/query?query=...[&time=...]. base_url is the server's root
// ("http://127.0.0.1:9090" or with a path prefix); a trailing slash is fine.
tl::expected<QueryResult, Error> query(std::string_view base_url, std::string_view promql,
                                       std::optional<Time> time, const ClientOptions& options);

// GET <base_url>/api/v1/query_range?query=...&start=...&end=...&step=... (a matrix).
tl::expected<QueryResult, Error> query_range(std::string_view base_url, std::string_view promql,
                                             Time start, Time end, std::chrono::milliseconds step,
                                             const ClientOptions& options);

// Parses an API answer (status and body), for tests and for callers with their own transport.
tl::expected<QueryResult, Error> parse_api_response(long http_status, std::string_view body);

// GET a /metrics endpoint (asking for text format 0.0.4) and parse it.
tl::expected<Exposition, Error> scrape(std::string_view url, const ClientOptions& options);

}  // namespace shipcheck::prom

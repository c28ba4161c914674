// Prometheus HTTP API client and /metrics scraper (see client.h).
#include "engines/prom/client.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "engines/http/client.h"

namespace shipcheck::prom {
namespace {

using nlohmann::json;

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(std::max(n, 0)));
  return out;
}

// Seconds since the epoch with millisecond precision, as the API takes times.
std::string api_time(Time time) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  return fmt::format("{}.{:03}", ms / 1000, std::abs(ms % 1000));
}

std::string endpoint(std::string_view base_url, std::string_view path) {
  while (!base_url.empty() && base_url.back() == '/') {
    base_url.remove_suffix(1);
  }
  return fmt::format("{}{}", base_url, path);
}

Redactor redactor_for(const ClientOptions& options) {
  Redactor redactor;
  redactor.add(options.bearer_token);
  redactor.add(options.password);
  return redactor;
}

http::Request request_for(std::string url, const ClientOptions& options, std::string accept) {
  http::Request request;
  request.url = std::move(url);
  request.headers.push_back("Accept: " + std::move(accept));
  if (!options.bearer_token.empty()) {
    request.headers.push_back("Authorization: Bearer " + options.bearer_token);
  } else if (!options.username.empty()) {
    request.headers.push_back("Authorization: Basic " +
                              base64(options.username + ":" + options.password));
  }
  return request;
}

// The response, or the transport failure as an Error (message scrubbed of credentials).
tl::expected<http::Response, Error> fetch_checked(http::Request request,
                                                  const ClientOptions& options) {
  http::Options http_options;
  http_options.timeout = options.timeout;
  http_options.connect_timeout = std::min(options.timeout, http_options.connect_timeout);
  http_options.ca_file = options.ca_file;
  http_options.resolve = options.resolve;
  http_options.max_body = options.max_body;
  http::Response response = http::fetch(request, http_options);
  const Redactor redactor = redactor_for(options);
  if (!response.ok()) {
    return tl::unexpected(
        Error{ErrorKind::unreachable, redactor.scrub(response.error), response.status, ""});
  }
  if (response.body_truncated) {
    return tl::unexpected(
        Error{ErrorKind::bad_response,
              fmt::format("the response is larger than {} bytes", options.max_body),
              response.status, ""});
  }
  return response;
}

double json_value(const json& value) {
  if (value.is_number()) {
    return value.get<double>();
  }
  const auto parsed = parse_value(value.get<std::string>());
  if (!parsed) {
    throw std::invalid_argument("a sample value is not a number");
  }
  return *parsed;
}

Point json_point(const json& pair) {
  return Point{pair.at(0).get<double>(), json_value(pair.at(1))};
}

Labels json_labels(const json& metric) {
  Labels labels;
  for (const auto& [name, value] : metric.items()) {
    labels.emplace_back(name, value.get<std::string>());
  }
  std::sort(labels.begin(), labels.end());
  return labels;
}

QueryResult typed_result(const json& data) {
  QueryResult out;
  const std::string type = data.at("resultType").get<std::string>();
  const json& result = data.at("result");
  if (type == "vector") {
    for (const auto& item : result) {
      out.vector.push_back(
          {json_labels(item.value("metric", json::object())), json_point(item.at("value"))});
    }
  } else if (type == "matrix") {
    out.type = ResultType::matrix;
    for (const auto& item : result) {
      Series series{json_labels(item.value("metric", json::object())), {}};
      for (const auto& pair : item.at("values")) {
        series.points.push_back(json_point(pair));
      }
      out.matrix.push_back(std::move(series));
    }
  } else if (type == "scalar") {
    out.type = ResultType::scalar;
    out.scalar = json_point(result);
  } else if (type == "string") {
    out.type = ResultType::string;
    out.string_value = result.at(1).get<std::string>();
  } else {
    throw std::invalid_argument("unknown resultType " + type);
  }
  return out;
}

Error api_error(long status, const json& body) {
  const std::string type = body.value("errorType", "");
  const std::string message = body.value("error", "");
  return Error{
      type == "bad_data" ? ErrorKind::bad_query : ErrorKind::query_failed,
      message.empty() ? fmt::format("Prometheus answered {} without a message", type) : message,
      status, type};
}

std::string excerpt(std::string_view body) {
  constexpr std::size_t k_max = 120;
  std::string out(body.substr(0, k_max));
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return body.size() > k_max ? out + "..." : out;
}

tl::expected<QueryResult, Error> run_query(const std::string& url, const ClientOptions& options) {
  auto response = fetch_checked(request_for(url, options, "application/json"), options);
  if (!response) {
    return tl::unexpected(response.error());
  }
  auto result = parse_api_response(response->status, response->body);
  if (!result) {
    result.error().message = redactor_for(options).scrub(result.error().message);
  }
  return result;
}

}  // namespace

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::unreachable:
      return "unreachable";
    case ErrorKind::http_status:
      return "HTTP status";
    case ErrorKind::bad_query:
      return "bad query";
    case ErrorKind::query_failed:
      return "query failed";
    case ErrorKind::bad_response:
      break;
  }
  return "bad response";
}

bool QueryResult::no_data() const {
  return (type == ResultType::vector && vector.empty()) ||
         (type == ResultType::matrix && matrix.empty());
}

tl::expected<QueryResult, Error> parse_api_response(long http_status, std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  const bool api_json = parsed.is_object() && parsed.contains("status");
  if (api_json && parsed.value("status", "") == "error") {
    return tl::unexpected(api_error(http_status, parsed));
  }
  if (http_status != 200) {
    return tl::unexpected(Error{ErrorKind::http_status,
                                fmt::format("HTTP {}: {}", http_status, excerpt(body)), http_status,
                                ""});
  }
  if (!api_json || parsed.value("status", "") != "success") {
    return tl::unexpected(Error{ErrorKind::bad_response,
                                "not a Prometheus API answer: " + excerpt(body), http_status, ""});
  }
  try {
    QueryResult result = typed_result(parsed.at("data"));
    for (const auto& warning : parsed.value("warnings", json::array())) {
      result.warnings.push_back(warning.get<std::string>());
    }
    return result;
  } catch (const std::exception& e) {
    return tl::unexpected(Error{ErrorKind::bad_response,
                                fmt::format("unexpected API answer ({})", e.what()), http_status,
                                ""});
  }
}

tl::expected<QueryResult, Error> query(std::string_view base_url, std::string_view promql,
                                       std::optional<Time> time, const ClientOptions& options) {
  std::string url = endpoint(base_url, "/api/v1/query?query=") + percent_encode(promql);
  if (time) {
    url += "&time=" + api_time(*time);
  }
  return run_query(url, options);
}

tl::expected<QueryResult, Error> query_range(std::string_view base_url, std::string_view promql,
                                             Time start, Time end, std::chrono::milliseconds step,
                                             const ClientOptions& options) {
  const std::string url =
      fmt::format("{}{}&start={}&end={}&step={}.{:03}",
                  endpoint(base_url, "/api/v1/query_range?query="), percent_encode(promql),
                  api_time(start), api_time(end), step.count() / 1000, step.count() % 1000);
  return run_query(url, options);
}

tl::expected<Exposition, Error> scrape(std::string_view url, const ClientOptions& options) {
  // Text 0.0.4 first: a client that also speaks OpenMetrics or protobuf then picks it.
  auto response = fetch_checked(
      request_for(std::string(url), options, "text/plain;version=0.0.4;q=1.0,*/*;q=0.1"), options);
  if (!response) {
    return tl::unexpected(response.error());
  }
  if (response->status != 200) {
    return tl::unexpected(Error{ErrorKind::http_status,
                                fmt::format("HTTP {}: {}", response->status,
                                            redactor_for(options).scrub(excerpt(response->body))),
                                response->status, ""});
  }
  auto parsed = parse_exposition(response->body);
  if (!parsed) {
    return tl::unexpected(Error{ErrorKind::bad_response,
                                "the metrics text does not parse: " + parsed.error().to_string(),
                                response->status, ""});
  }
  return std::move(*parsed);
}

}  // namespace shipcheck::prom

// Live target and shared responses (see live.h).
#include "checks/http/live.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks::live {
namespace {

// Memo keys: one fetched response each.
struct MainResponse {
  http::Response response;
};
struct PlainHttpResponse {
  http::Response response;
};
struct MainPageTags {
  std::vector<http::html::Tag> tags;
};
struct ForeignOriginResponse {
  http::Response response;
};

// "https://host:8443/x" -> ("https", "host:8443", "/x").
struct UrlParts {
  std::string scheme;
  std::string authority;
  std::string rest;
};

UrlParts split_url(const std::string& url) {
  UrlParts parts;
  const std::size_t colon = url.find("://");
  if (colon == std::string::npos) {
    parts.rest = url;
    return parts;
  }
  parts.scheme = url.substr(0, colon);
  const std::size_t start = colon + 3;
  const std::size_t slash = url.find_first_of("/?#", start);
  parts.authority =
      url.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
  parts.rest = slash == std::string::npos ? "/"
               : url[slash] == '/'        ? url.substr(slash)
                                          : "/" + url.substr(slash);
  return parts;
}

// "host:8443" -> "host"; "[::1]:8443" -> "[::1]".
std::string host_of(const std::string& authority) {
  const std::size_t at = authority.rfind('@');
  const std::string hostport = at == std::string::npos ? authority : authority.substr(at + 1);
  if (!hostport.empty() && hostport.front() == '[') {
    return hostport.substr(0, hostport.find(']') + 1);
  }
  return hostport.substr(0, hostport.find(':'));
}

}  // namespace

std::optional<std::string> not_configured(const Context& ctx) {
  if (ctx.config.url.empty()) {
    return std::string(
        "no url configured (set url: in shipcheck.yaml, or use shipcheck probe URL)");
  }
  return std::nullopt;
}

bool is_https(const Context& ctx) {
  return split_url(ctx.config.url).scheme == "https";
}

http::Options options(const Context& ctx) {
  http::Options options;
  if (!ctx.config.tls.ca_file.empty()) {
    options.ca_file = (ctx.root / ctx.config.tls.ca_file).string();
  }
  options.resolve = ctx.config.tls.resolve;
  return options;
}

std::string plain_http_url(const Context& ctx) {
  if (!ctx.config.http_url.empty()) {
    return ctx.config.http_url;
  }
  const UrlParts parts = split_url(ctx.config.url);
  return "http://" + host_of(parts.authority) + parts.rest;
}

namespace {

// The header rules read headers whatever the certificate: TLS001-TLS004 judge it, so that
// a bad certificate fails those rules, not every rule. These requests carry no credentials.
http::Options header_options(const Context& ctx) {
  http::Options unverified = options(ctx);
  unverified.verify_peer = false;
  return unverified;
}

}  // namespace

const http::Response& main_response(const Context& ctx) {
  return ctx.memo
      .get<MainResponse>([&ctx] {
        return MainResponse{
            http::fetch(http::Request{"GET", ctx.config.url, {}, {}, false}, header_options(ctx))};
      })
      .response;
}

const std::vector<http::html::Tag>& main_page_tags(const Context& ctx) {
  return ctx.memo
      .get<MainPageTags>([&ctx] {
        const http::Response& page = main_response(ctx);
        if (!page.ok() || !http::html::is_html(page.header("content-type").value_or(""))) {
          return MainPageTags{};
        }
        return MainPageTags{http::html::scan_tags(page.body)};
      })
      .tags;
}

const http::Response& foreign_origin_response(const Context& ctx) {
  return ctx.memo
      .get<ForeignOriginResponse>([&ctx] {
        return ForeignOriginResponse{http::fetch(
            http::Request{
                "GET", ctx.config.url, {"Origin: " + std::string(k_foreign_origin)}, {}, false},
            header_options(ctx))};
      })
      .response;
}

const http::Response& plain_http_response(const Context& ctx) {
  return ctx.memo
      .get<PlainHttpResponse>([&ctx] {
        return PlainHttpResponse{http::fetch(
            http::Request{"GET", plain_http_url(ctx), {}, {}, false}, header_options(ctx))};
      })
      .response;
}

std::string host_of_url(const std::string& url) {
  return to_lower(host_of(split_url(url).authority));
}

std::string url_for(const Context& ctx, std::string_view path) {
  const UrlParts parts = split_url(ctx.config.url);
  return parts.scheme + "://" + parts.authority + std::string(path);
}

bool certificate_rejected(const http::Response& response) {
  return response.error.find("certificate") != std::string::npos ||
         response.error.find("SSL") != std::string::npos;
}

std::optional<Result> unanswered(const Check& check, const Context& ctx,
                                 const std::vector<http::Response>& responses) {
  for (const http::Response& r : responses) {
    if (r.ok()) {
      return std::nullopt;
    }
  }
  return check.make(Status::error, fmt::format("no request to {} got an answer: {}", ctx.config.url,
                                               responses.empty() ? std::string("none sent")
                                                                 : responses.front().error));
}

std::vector<http::Response> fetch_unverified(const Context& ctx,
                                             const std::vector<http::Request>& requests) {
  return http::fetch_all(requests, header_options(ctx));
}

std::vector<Result> LiveRule::run(const Context& ctx) const {
  if (auto reason = not_configured(ctx)) {
    return {skip(*reason)};
  }
  auto results = check(ctx);
  for (auto& r : results) {
    if (r.target.empty()) {
      r.target = ctx.config.url;
    }
  }
  return results;
}

std::vector<Result> HeaderRule::run(const Context& ctx) const {
  if (auto reason = not_configured(ctx)) {
    return {skip(*reason)};
  }
  if (!is_https(ctx)) {
    return {at_url(ctx, skip(fmt::format("{} is plain HTTP; browsers apply this header over "
                                         "HTTPS only",
                                         ctx.config.url)))};
  }
  const http::Response& response = main_response(ctx);
  if (!response.ok()) {
    return {at_url(ctx, error(fmt::format("GET {} failed: {}", ctx.config.url, response.error)))};
  }
  auto results = check(ctx, response);
  for (auto& result : results) {
    result = at_url(ctx, std::move(result));
  }
  return results;
}

Result HeaderRule::at_url(const Context& ctx, Result result) const {
  if (result.target.empty()) {
    result.target = ctx.config.url;
  }
  return result;
}

void explain_rate_limited(Result& result, const http::Response& response) {
  const std::string retry(trim(response.header("retry-after").value_or("")));
  result.remediation = fmt::format(
      "run again once the rate limiter's window has passed{}; a burst shortly before counts "
      "too, such as an earlier run's RATE001 (`--skip RATE` leaves the burst out)",
      retry.empty() ? "" : " (it says Retry-After: " + retry + ")");
}

}  // namespace shipcheck::checks::live

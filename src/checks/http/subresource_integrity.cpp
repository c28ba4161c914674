// HDR008: every <script src> and <link rel=stylesheet href> of the HTML page that loads from
// another host carries an integrity hash (SRI), so that a compromised CDN cannot swap in its
// own code: the Mozilla HTTP Observatory's subresource-integrity test, extended to styles.
#include "checks/http/subresource_integrity.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// The host a subresource URL names: "" for one relative to the page (and for data: and
// blob: URLs, which load nothing from the network).
std::string subresource_host(std::string_view url) {
  const std::string lower = to_lower(url);
  if (lower.starts_with("//")) {
    return live::host_of_url("https:" + std::string(url));
  }
  if (lower.starts_with("http://") || lower.starts_with("https://")) {
    return live::host_of_url(std::string(url));
  }
  return {};
}

// Browsers check only sha256, sha384 and sha512 hashes; without one, nothing is checked.
bool has_hash(std::string_view integrity) {
  for (const auto& token : split(integrity, ' ')) {
    const std::string lower = to_lower(trim(token));
    for (const char* prefix : {"sha256-", "sha384-", "sha512-"}) {
      if (lower.starts_with(prefix) && lower.size() > 7) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

SubresourceIntegrity::SubresourceIntegrity()
    : HeaderRule(RuleInfo{"HDR008", "http",
                          "Scripts and stylesheets from other hosts carry integrity hashes",
                          Severity::medium,
                          "add integrity=\"sha384-...\" crossorigin=\"anonymous\" to each <script> "
                          "and stylesheet <link> from a CDN (the CDN usually publishes the hash; "
                          "or: openssl dgst -sha384 -binary FILE | openssl base64 -A), or serve "
                          "the files from your own host"}) {}

std::vector<Result> SubresourceIntegrity::check(const Context& ctx,
                                                const http::Response& response) const {
  const std::string_view type = response.header("content-type").value_or("");
  if (!http::html::is_html(type)) {
    return {skip(fmt::format("the response is not an HTML page (Content-Type: {})",
                             type.empty() ? "none" : type))};
  }
  const std::string page_host = live::host_of_url(ctx.config.url);
  std::vector<Result> out;
  std::size_t external = 0;
  std::size_t own = 0;
  for (const auto& sub : http::html::subresources(live::main_page_tags(ctx))) {
    const std::string host = subresource_host(sub.url);
    if (host.empty() || host == page_host) {
      ++own;
      continue;
    }
    ++external;
    if (has_hash(sub.integrity)) {
      continue;
    }
    const bool plain = to_lower(sub.url).starts_with("http://");
    out.push_back(fail(fmt::format("{} from {} has no integrity hash{}", sub.kind, sub.url,
                                   plain ? " and loads over plain HTTP" : ""),
                       sub.integrity.empty()
                           ? fmt::format("<{} {}=\"{}\"> without integrity",
                                         sub.kind == "script" ? "script" : "link",
                                         sub.kind == "script" ? "src" : "href", sub.url)
                           : fmt::format("integrity=\"{}\" names no sha256, sha384 or sha512 hash",
                                         sub.integrity)));
  }
  if (!out.empty()) {
    return out;
  }
  if (external == 0) {
    return {pass(
        fmt::format("no script or stylesheet from another host ({} from the page's own)", own))};
  }
  return {
      pass(fmt::format("{} script(s) and stylesheet(s) from other hosts, each with an "
                       "integrity hash",
                       external))};
}

}  // namespace shipcheck::checks

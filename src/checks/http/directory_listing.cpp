// EXP005: neither the url nor the usual static directories answer with an automatic index
// (nginx autoindex, Apache mod_autoindex, python -m http.server, IIS, serve-index): it hands
// out every file name, backups and uploads included. The body decides, not the status.
#include "checks/http/directory_listing.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// A few directories static files and uploads usually live in: bounded, one request each.
constexpr const char* k_listing_dirs[] = {"/static/", "/uploads/", "/assets/", "/files/",
                                          "/media/",  "/public/",  "/backup/"};

struct ListingMarker {
  const char* marker;  // found case-insensitively in the body
  const char* server;
};

constexpr ListingMarker k_listing_markers[] = {
    {"<title>Index of /", "nginx or Apache autoindex"},
    {"<h1>Index of /", "nginx or Apache autoindex"},
    {"<title>Directory listing for /", "python http.server"},
    {"[To Parent Directory]", "IIS directory browsing"},
    {"<title>listing directory /", "Node serve-index"},
};

// Which server's listing the body is, or nullptr.
const char* listing_by(std::string_view body) {
  for (const auto& [marker, server] : k_listing_markers) {
    if (contains_icase(body, marker)) {
      return server;
    }
  }
  return nullptr;
}

}  // namespace

NoDirectoryListing::NoDirectoryListing()
    : LiveRule(RuleInfo{"EXP005", "http", "No directory listings are served", Severity::medium,
                        "turn automatic indexes off (nginx: autoindex off; Apache: Options "
                        "-Indexes) and serve an index file or 403/404 for directories"}) {}

std::vector<Result> NoDirectoryListing::check(const Context& ctx) const {
  std::vector<http::Request> requests = {{"GET", ctx.config.url, {}, {}, false}};
  for (const char* dir : k_listing_dirs) {
    requests.push_back(http::Request{"GET", live::url_for(ctx, dir), {}, {}, false});
  }
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const http::Response& r = responses[i];
    const char* server = r.ok() && r.status == 200 ? listing_by(r.body) : nullptr;
    if (server != nullptr) {
      Result result = fail(fmt::format("a directory listing is served at {}", requests[i].url),
                           fmt::format("GET {} -> 200, a {} page", requests[i].url, server));
      result.target = requests[i].url;
      out.push_back(std::move(result));
    }
  }
  if (!out.empty()) {
    return out;
  }
  if (auto down = live::unanswered(*this, ctx, responses)) {
    return {*down};
  }
  return {pass(fmt::format("no directory listing at the url nor at {}",
                           fmt::join(std::begin(k_listing_dirs), std::end(k_listing_dirs), ", ")))};
}

}  // namespace shipcheck::checks

// EXP001: interactive API documentation (Swagger UI, ReDoc, the OpenAPI document, GraphQL
// introspection) is not served in production: it maps every endpoint for an attacker.
#include "checks/http/docs_exposed.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

const std::vector<std::string> k_default_paths = {
    "/docs",    "/redoc",    "/openapi.json", "/swagger-ui.html",
    "/swagger", "/api-docs", "/v3/api-docs"};
constexpr std::string_view k_introspection = R"({"query":"{__schema{queryType{name}}}"})";

// The body is documentation, not a SPA's catch-all page or a JSON error.
bool looks_like_docs(std::string_view body) {
  for (const char* marker : {"swagger", "redoc", "\"openapi\"", "\"swagger\"", "graphiql"}) {
    if (contains_icase(body, marker)) {
      return true;
    }
  }
  return false;
}

}  // namespace

DocsNotExposed::DocsNotExposed()
    : LiveRule(RuleInfo{"EXP001", "http", "API documentation is not served", Severity::medium,
                        "turn the docs off in production (FastAPI: docs_url=None, redoc_url=None, "
                        "openapi_url=None; GraphQL: disable introspection)"}) {}

std::vector<Result> DocsNotExposed::check(const Context& ctx) const {
  const auto& configured = ctx.config.endpoints.docs;
  const std::vector<std::string>& paths = configured.empty() ? k_default_paths : configured;
  std::vector<http::Request> requests;
  for (const auto& path : paths) {
    requests.push_back(http::Request{"GET", live::url_for(ctx, path), {}, {}, false});
  }
  requests.push_back(http::Request{"POST",
                                   live::url_for(ctx, "/graphql"),
                                   {"Content-Type: application/json"},
                                   std::string(k_introspection),
                                   false});
  const auto responses = live::fetch_unverified(ctx, requests);
  std::vector<Result> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const http::Response& r = responses[i];
    const bool graphql = i == paths.size();
    const bool exposed =
        r.ok() && r.status == 200 &&
        (graphql ? r.body.find("__schema") != std::string::npos : looks_like_docs(r.body));
    if (exposed) {
      Result result =
          fail(graphql ? "GraphQL introspection answers at /graphql"
                       : fmt::format("API documentation is served at {}", paths[i]),
               fmt::format("{} {} -> {}", requests[i].method, requests[i].url, r.status));
      result.target = requests[i].url;
      out.push_back(std::move(result));
    }
  }
  if (!out.empty()) {
    return out;
  }
  return {pass(
      fmt::format("no documentation at {} nor GraphQL introspection", fmt::join(paths, ", ")))};
}

}  // namespace shipcheck::checks

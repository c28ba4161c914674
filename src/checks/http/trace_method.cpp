// EXP006: a TRACE request is not echoed back. An echo (200, message/http) hands a page's
// script the request's headers, cookies marked HttpOnly included (cross-site tracing), and
// shows which headers proxies on the way add. Any refusal (405, 501, 403, 404 ...) passes.
#include "checks/http/trace_method.h"

#include <fmt/format.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks {
namespace {

// A header only an echo of our own request can contain.
constexpr std::string_view k_trace_marker = "X-Shipcheck-Trace: echo-probe";

}  // namespace

TraceDisabled::TraceDisabled()
    : LiveRule(RuleInfo{"EXP006", "http", "TRACE is not enabled", Severity::medium,
                        "refuse TRACE (Apache: TraceEnable off; nginx refuses it already; "
                        "other servers and proxies: allow only the methods the API uses)"}) {}

std::vector<Result> TraceDisabled::check(const Context& ctx) const {
  const auto responses = live::fetch_unverified(
      ctx, {http::Request{"TRACE", ctx.config.url, {std::string(k_trace_marker)}, {}, false}});
  const http::Response& r = responses.front();
  if (!r.ok()) {
    return {error(fmt::format("TRACE {} failed: {}", ctx.config.url, r.error))};
  }
  const std::string type(trim(r.header("content-type").value_or("")));
  const std::string evidence = fmt::format("TRACE {} -> {}{}", ctx.config.url, r.status,
                                           type.empty() ? "" : ", Content-Type: " + type);
  const bool echoed =
      contains_icase(r.body, k_trace_marker) || contains_icase(type, "message/http");
  if (r.status == 200 && echoed) {
    return {fail("TRACE is enabled: the request comes back in the answer", evidence)};
  }
  return {
      pass(fmt::format("TRACE is answered {} without an echo of the request", r.status), evidence)};
}

}  // namespace shipcheck::checks

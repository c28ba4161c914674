// The http family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/http/auth.h"
#include "checks/http/cookie_flags.h"
#include "checks/http/cors.h"
#include "checks/http/csp.h"
#include "checks/http/directory_listing.h"
#include "checks/http/docs_exposed.h"
#include "checks/http/frame_options.h"
#include "checks/http/health.h"
#include "checks/http/hsts.h"
#include "checks/http/https_redirect.h"
#include "checks/http/nosniff.h"
#include "checks/http/observatory_score.h"
#include "checks/http/rate_limit.h"
#include "checks/http/referrer_policy.h"
#include "checks/http/sensitive_files.h"
#include "checks/http/smoke.h"
#include "checks/http/subresource_integrity.h"
#include "checks/http/trace_method.h"
#include "checks/http/tracebacks.h"
#include "checks/http/version_leak.h"

namespace shipcheck::checks {

void register_http(Registry& registry) {
  registry.emplace<AuthRequired>();
  registry.emplace<CookieFlags>();
  registry.emplace<CorsAllowsConfigured>();
  registry.emplace<CorsNoReflection>();
  registry.emplace<CorsNoWildcardCredentials>();
  registry.emplace<CspHeader>();
  registry.emplace<DocsNotExposed>();
  registry.emplace<ForgedTokensRefused>();
  registry.emplace<FrameOptions>();
  registry.emplace<HealthEndpoint>();
  registry.emplace<HstsHeader>();
  registry.emplace<HttpsRedirect>();
  registry.emplace<LivenessEndpoint>();
  registry.emplace<NoDirectoryListing>();
  registry.emplace<NoSniff>();
  registry.emplace<NoTracebacks>();
  registry.emplace<NoVersionLeak>();
  registry.emplace<ObservatoryScore>();
  registry.emplace<RateLimited>();
  registry.emplace<ReadinessEndpoint>();
  registry.emplace<ReferrerPolicy>();
  registry.emplace<SensitiveFilesHidden>();
  registry.emplace<SmokeRequests>();
  registry.emplace<SubresourceIntegrity>();
  registry.emplace<TraceDisabled>();
  registry.emplace<ValidTokenAccepted>();
}

}  // namespace shipcheck::checks

// The http family's checks, one sorted line each.
#include "checks/families.h"
#include "checks/http/cookie_flags.h"
#include "checks/http/csp.h"
#include "checks/http/frame_options.h"
#include "checks/http/hsts.h"
#include "checks/http/https_redirect.h"
#include "checks/http/nosniff.h"
#include "checks/http/referrer_policy.h"

namespace shipcheck::checks {

void register_http(Registry& registry) {
  registry.emplace<CookieFlags>();
  registry.emplace<CspHeader>();
  registry.emplace<FrameOptions>();
  registry.emplace<HstsHeader>();
  registry.emplace<HttpsRedirect>();
  registry.emplace<NoSniff>();
  registry.emplace<ReferrerPolicy>();
}

}  // namespace shipcheck::checks

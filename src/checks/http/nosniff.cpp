// HDR004: X-Content-Type-Options: nosniff, so browsers do not guess a script or style out of
// a response served as something else.
#include "checks/http/nosniff.h"

#include <fmt/format.h>

#include "core/text.h"

namespace shipcheck::checks {

NoSniff::NoSniff()
    : HeaderRule(RuleInfo{"HDR004", "http", "X-Content-Type-Options is nosniff", Severity::low,
                          "send X-Content-Type-Options: nosniff on every response"}) {}

std::vector<Result> NoSniff::check(const Context& /*ctx*/, const http::Response& response) const {
  const auto value = response.header("x-content-type-options");
  if (!value) {
    return {fail("no X-Content-Type-Options header: browsers may sniff content types")};
  }
  const std::string evidence = fmt::format("X-Content-Type-Options: {}", *value);
  if (!iequals(trim(*value), "nosniff")) {
    return {fail(fmt::format("X-Content-Type-Options is '{}', not nosniff", *value), evidence)};
  }
  return {pass("X-Content-Type-Options: nosniff", evidence)};
}

}  // namespace shipcheck::checks

// Check: one rule's logic. Checks are const and share no mutable state; the Runner
// owns threads and timeouts. A check may throw: the runner turns that into an `error`.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/severity.h"

namespace shipcheck {

struct Context;  // src/checks/context.h: what a check may look at

// Static metadata of a rule; `shipcheck rules` lists these.
struct RuleInfo {
  std::string id;      // "ENV004": family code + three digits, never reused
  std::string family;  // "env", "repo", "docs", ... (JSON "family")
  std::string title;   // the rule page's title; also the Result title
  Severity severity = Severity::medium;
  std::string remediation;  // default remediation; a result may override it
};

class Check {
 public:
  explicit Check(RuleInfo info) : m_info(std::move(info)) {}
  virtual ~Check() = default;
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;

  const RuleInfo& info() const { return m_info; }

  // Returns at least one result, each carrying this check's rule id.
  virtual std::vector<Result> run(const Context& ctx) const = 0;
  // True for a check whose requests change what the service answers the others (a burst
  // that trips the rate limiter): it runs after every other check has finished.
  virtual bool runs_last() const { return false; }
  // How long the runner waits for this check: --timeout, unless the check has a bound of
  // its own (a drill restoring a database takes minutes, and enforces its bound itself).
  virtual std::chrono::milliseconds timeout(const Context& /*ctx*/,
                                            std::chrono::milliseconds run_timeout) const {
    return run_timeout;
  }

  // A result pre-filled with this rule's id, title, family, severity and remediation
  // (public so that the runner can speak for a check that threw or timed out).
  Result make(Status status, std::string message, std::string evidence = {}) const;

 protected:
  Result pass(std::string message, std::string evidence = {}) const {
    return make(Status::pass, std::move(message), std::move(evidence));
  }
  Result fail(std::string message, std::string evidence = {}) const {
    return make(Status::fail, std::move(message), std::move(evidence));
  }
  Result warn(std::string message, std::string evidence = {}) const {
    return make(Status::warn, std::move(message), std::move(evidence));
  }
  Result skip(std::string message) const { return make(Status::skip, std::move(message)); }
  Result error(std::string message) const { return make(Status::error, std::move(message)); }

 private:
  RuleInfo m_info;
};

}  // namespace shipcheck

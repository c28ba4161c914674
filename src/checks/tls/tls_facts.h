// What the TLS checks share: the url's host and port, and one inspection of the server per
// run (through the memo), taken with the configured CA file and --resolve address.
#pragma once

#include <optional>
#include <string>

#include "core/check.h"
#include "engines/tls/inspect.h"

namespace shipcheck {
struct Context;
}

namespace shipcheck::checks::tls_facts {

// The inspection target from `url:` and `tls:`; nullopt with `why` when the url is not
// https:// (or absent).
std::optional<tls::Target> target_of(const Context& ctx, std::string& why);

const tls::Inspection& inspection(const Context& ctx);

// A check on the server's TLS: skipped without an https url, `error` when no handshake
// succeeded; `check` sees a completed inspection.
class TlsRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;

 protected:
  virtual std::vector<Result> check(const tls::Inspection& inspection,
                                    const tls::Target& target) const = 0;
};

}  // namespace shipcheck::checks::tls_facts

// Check's result factory.
#include "core/check.h"

namespace shipcheck {

Result Check::make(Status status, std::string message, std::string evidence) const {
  Result r;
  r.rule = m_info.id;
  r.title = m_info.title;
  r.family = m_info.family;
  r.severity = m_info.severity;
  r.status = status;
  r.message = std::move(message);
  r.evidence = std::move(evidence);
  r.remediation = m_info.remediation;
  return r;
}

}  // namespace shipcheck

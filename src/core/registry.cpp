// Registry: holds the checks and finds them by id.
#include "core/registry.h"

#include "core/text.h"

namespace shipcheck {

void Registry::add(std::unique_ptr<Check> check) {
  m_checks.push_back(std::move(check));
}

const Check* Registry::find(std::string_view id) const {
  for (const auto& check : m_checks) {
    if (iequals(check->info().id, id)) {
      return check.get();
    }
  }
  return nullptr;
}

std::vector<std::string> Registry::suggest(std::string_view id) const {
  std::vector<std::string> ids;
  for (const auto& check : m_checks) {
    ids.push_back(check->info().id);
  }
  return closest(id, ids);
}

}  // namespace shipcheck

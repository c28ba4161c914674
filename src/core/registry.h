// Registry: the list of every check, filled explicitly by register_all() (no
// static-constructor self-registration).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/check.h"

namespace shipcheck {

class Registry {
 public:
  void add(std::unique_ptr<Check> check);
  template <class T, class... Args>
  void emplace(Args&&... args) {
    add(std::make_unique<T>(std::forward<Args>(args)...));
  }

  const std::vector<std::unique_ptr<Check>>& checks() const { return m_checks; }
  // Returns the check for `id` (case-insensitive), or nullptr.
  const Check* find(std::string_view id) const;
  // Up to three registered ids closest to `id`, for "did you mean".
  std::vector<std::string> suggest(std::string_view id) const;

 private:
  std::vector<std::unique_ptr<Check>> m_checks;
};

// Registers every family's checks (src/checks/register_all.cpp).
void register_all(Registry& registry);

}  // namespace shipcheck

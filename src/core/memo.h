// Memo: thread-safe, compute-once cache of facts several checks share (a parsed file,
// the list of tracked files). Keyed by type: one value per fact type per run.
#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <typeindex>

namespace shipcheck {

class Memo {
 public:
  // Returns the value of type T, computing it with `compute` on first use. Concurrent
  // callers wait for the first computation; an exception propagates to each caller.
  template <class T>
  const T& get(const std::function<T()>& compute) const {
    Slot& slot = slot_for(std::type_index(typeid(T)));
    std::call_once(slot.once, [&] { slot.value = std::make_shared<T>(compute()); });
    return *std::any_cast<std::shared_ptr<T>>(slot.value);
  }

 private:
  struct Slot {
    std::once_flag once;
    std::any value;
  };
  Slot& slot_for(std::type_index key) const {
    std::lock_guard lock(m_mutex);
    auto& slot = m_slots[key];
    if (!slot) {
      slot = std::make_unique<Slot>();
    }
    return *slot;
  }
  mutable std::mutex m_mutex;
  mutable std::map<std::type_index, std::unique_ptr<Slot>> m_slots;
};

}  // namespace shipcheck

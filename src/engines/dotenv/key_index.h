// Internal to the dotenv parser: finds the last entry of a key, for ${VAR} expansion.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "engines/dotenv/dotenv.h"

namespace shipcheck::dotenv::detail {

// Key -> index of its last entry in `entries`. Open addressing with the hash kept in
// the slot: on a file with hundreds of thousands of keys a node-based std::unordered_map
// spends most of the parse on cache misses.
class KeyIndex {
 public:
  // `entries` must outlive the index; it may grow (indices, not pointers, are kept).
  explicit KeyIndex(const std::vector<Entry>& entries) : m_entries(entries) {}

  // Records that entries[index] is now the last entry of its key.
  void assign(std::size_t index) {
    if ((m_used + 1) * 2 > m_slots.size()) {
      grow();
    }
    const std::string_view key = m_entries[index].key;
    const std::size_t hash = std::hash<std::string_view>{}(key);
    Slot& slot = m_slots[probe(key, hash)];
    m_used += slot.index == k_empty ? 1 : 0;
    slot = Slot{hash, index};
  }

  std::optional<std::size_t> find(std::string_view key) const {
    if (m_slots.empty()) {
      return std::nullopt;
    }
    const Slot& slot = m_slots[probe(key, std::hash<std::string_view>{}(key))];
    return slot.index == k_empty ? std::nullopt : std::optional<std::size_t>(slot.index);
  }

 private:
  static constexpr std::size_t k_empty = static_cast<std::size_t>(-1);
  struct Slot {
    std::size_t hash = 0;
    std::size_t index = k_empty;
  };

  // The slot holding `key`, or the empty slot where it belongs.
  std::size_t probe(std::string_view key, std::size_t hash) const {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t at = hash & mask;
    while (m_slots[at].index != k_empty &&
           !(m_slots[at].hash == hash && m_entries[m_slots[at].index].key == key)) {
      at = (at + 1) & mask;
    }
    return at;
  }

  // Doubles the table (a power of two, at most half full) and re-inserts every slot.
  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(64, m_slots.size() * 2));
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
      if (slot.index == k_empty) {
        continue;
      }
      std::size_t at = slot.hash & mask;
      while (m_slots[at].index != k_empty) {
        at = (at + 1) & mask;
      }
      m_slots[at] = slot;
    }
  }

  const std::vector<Entry>& m_entries;
  std::vector<Slot> m_slots;
  std::size_t m_used = 0;
};

}  // namespace shipcheck::dotenv::detail

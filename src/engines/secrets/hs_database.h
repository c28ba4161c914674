// A Vectorscan block-mode database of many patterns, compiled once or loaded from a cache
// of serialised databases (compiling ~150 patterns costs far more than a small scan).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <hs/hs.h>
#include <tl/expected.hpp>

namespace shipcheck::secrets {

class HsDatabase {
 public:
  // Pattern i reports id i. `origins` name each pattern in errors ("rules.yaml:12:5 (id)").
  static tl::expected<HsDatabase, std::string> compile(const std::vector<std::string>& patterns,
                                                       const std::vector<std::string>& origins,
                                                       const std::string& cache_dir);
  const hs_database_t* get() const { return m_db.get(); }
  // A new scratch space for one thread.
  tl::expected<hs_scratch_t*, std::string> make_scratch() const;

 private:
  struct FreeDb {
    void operator()(hs_database_t* db) const { hs_free_database(db); }
  };
  std::unique_ptr<hs_database_t, FreeDb> m_db;
  std::unique_ptr<hs_scratch_t, decltype(&hs_free_scratch)> m_prototype{nullptr, hs_free_scratch};
};

}  // namespace shipcheck::secrets

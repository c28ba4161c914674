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
  // Pattern i reports ids[i]. `origins` name each pattern in errors ("rules.yaml:12:5 (id)").
  static tl::expected<HsDatabase, std::string> compile(const std::vector<std::string>& patterns,
                                                       const std::vector<unsigned>& ids,
                                                       const std::vector<std::string>& origins,
                                                       const std::string& cache_dir);
  const hs_database_t* get() const { return m_db.get(); }
  // Grows `scratch` (allocating it when null) so that it can scan this database too: one
  // scratch per thread serves several databases.
  bool fit_scratch(hs_scratch_t** scratch) const {
    return hs_alloc_scratch(m_db.get(), scratch) == HS_SUCCESS;
  }

 private:
  struct FreeDb {
    void operator()(hs_database_t* db) const { hs_free_database(db); }
  };
  std::unique_ptr<hs_database_t, FreeDb> m_db;
};

}  // namespace shipcheck::secrets

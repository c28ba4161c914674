#include "engines/secrets/hs_database.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>

#include "core/fingerprint.h"

namespace shipcheck::secrets {
namespace {

constexpr unsigned k_flags = HS_FLAG_MULTILINE;

// The cache key covers everything the compiled bytes depend on: patterns, flags, library
// version and the CPU features Vectorscan compiled for.
std::string cache_key(const std::vector<std::string>& patterns, const std::vector<unsigned>& ids) {
  std::string all = fmt::format("{}\n{}\n", hs_version(), k_flags);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    all += fmt::format("{}:{}", ids[i], patterns[i]);
    all.push_back('\0');
  }
  return make_fingerprint("hsdb", "v1", all);
}

hs_database_t* load_cached(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return nullptr;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(data.data(), data.size(), &db) != HS_SUCCESS) {
    return nullptr;
  }
  return db;
}

// Best effort: a cache that cannot be written only costs the next run a compile.
void store_cached(const hs_database_t* db, const std::filesystem::path& file) {
  char* bytes = nullptr;
  std::size_t length = 0;
  if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) {
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::filesystem::path temp = file.string() + fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes, static_cast<std::streamsize>(length));
  }
  std::free(bytes);
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
  }
}

}  // namespace

tl::expected<HsDatabase, std::string> HsDatabase::compile(const std::vector<std::string>& patterns,
                                                          const std::vector<unsigned>& ids,
                                                          const std::vector<std::string>& origins,
                                                          const std::string& cache_dir) {
  HsDatabase out;
  const std::filesystem::path cached =
      cache_dir.empty() ? std::filesystem::path()
                        : std::filesystem::path(cache_dir) / (cache_key(patterns, ids) + ".hsdb");
  if (!cached.empty()) {
    if (hs_database_t* db = load_cached(cached)) {
      out.m_db.reset(db);
    }
  }
  if (!out.m_db) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags(patterns.size(), k_flags);
    for (const auto& p : patterns) {
      expressions.push_back(p.c_str());
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                         &error) != HS_SUCCESS) {
      const int which = error->expression;
      std::string message =
          which >= 0 && static_cast<std::size_t>(which) < origins.size()
              ? fmt::format("{}: Vectorscan rejects the pattern: {}",
                            origins[static_cast<std::size_t>(which)], error->message)
              : fmt::format("Vectorscan cannot compile the detectors: {}", error->message);
      hs_free_compile_error(error);
      return tl::make_unexpected(std::move(message));
    }
    out.m_db.reset(db);
    if (!cached.empty()) {
      store_cached(db, cached);
    }
  }
  return out;
}

}  // namespace shipcheck::secrets

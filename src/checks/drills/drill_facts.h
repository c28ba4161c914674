// What the DRL drills share: the opt-in, the source database, scratch databases that are
// created for one drill and always dropped, and copying the source into one with the
// server's own pg_dump and pg_restore. The source is only ever read; every write goes to a
// scratch database whose name starts with "shipcheck_drill_".
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "checks/postgres/pg_facts.h"
#include "core/check.h"
#include "engines/postgres/catalog.h"
#include "engines/postgres/session.h"

namespace shipcheck {
struct Context;
struct DrillsConfig;
}  // namespace shipcheck

namespace shipcheck::checks::drill {

// Where a drill works: the source database and the server scratch databases go to.
struct Setup {
  pg::Target source;
  std::string scratch_server;  // a URL on the scratch server (its own database, credentials)
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{600'000};  // the whole drill
  std::filesystem::path bindir;                // pg_dump, pg_restore; empty = PATH
  std::chrono::steady_clock::time_point deadline;

  std::chrono::milliseconds left() const;
  postgres::Options session_options(bool read_only) const;
  // The password-free `display` of the scratch server's URL.
  std::string scratch_display() const;
};

// A database created on the scratch server for one drill, dropped (WITH FORCE) when this
// goes away, whatever happened in between.
class ScratchDatabase {
 public:
  static tl::expected<ScratchDatabase, std::string> create(const Setup& setup);
  ScratchDatabase(ScratchDatabase&& other) noexcept;
  ScratchDatabase& operator=(ScratchDatabase&&) = delete;
  ~ScratchDatabase();

  const std::string& name() const { return m_name; }
  // The scratch server's URL naming this database (holds the password: never shown).
  std::string url() const;
  // A writable session on it.
  tl::expected<postgres::Session, std::string> connect() const;

 private:
  ScratchDatabase(const Setup& setup, postgres::Session admin, std::string name);
  const Setup* m_setup;
  std::optional<postgres::Session> m_admin;  // on the scratch server's own database
  std::string m_name;
};

struct Timed {
  std::chrono::milliseconds duration{0};
  std::uintmax_t bytes = 0;  // the dump file's size
};

// pg_dump -Fc of the source into `file`; with `snapshot` (pg_export_snapshot()), the dump
// sees exactly what that transaction sees.
tl::expected<Timed, std::string> dump(const Setup& setup, const std::filesystem::path& file,
                                      const std::string& snapshot = {});

// pg_restore of `file` into `scratch` (no owners, no privileges: the scratch server's role
// owns the copy), stopping at the first error.
tl::expected<Timed, std::string> restore(const Setup& setup, const std::filesystem::path& file,
                                         const ScratchDatabase& scratch);

// A private (0700) directory for a dump, removed with everything in it when this goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  bool ok() const { return !m_path.empty(); }

 private:
  std::filesystem::path m_path;
};

// "4 tables, 1,204 rows" / "tasks 3, users 1": row counts for messages and evidence.
std::string count_summary(const std::vector<postgres::TableCount>& counts);
std::string count_listing(const std::vector<postgres::TableCount>& counts);

// A drill on the configured database: skipped unless drills are enabled (a `drills:`
// section, or `run --drills`) and this drill is; skipped without dependencies.postgres or
// without a URL; `drill` runs with the setup resolved. Results name the source database.
class DrillRule : public Check {
 public:
  using Check::Check;
  std::vector<Result> run(const Context& ctx) const final;
  // A drill may take minutes: its own bound (drills.timeout) replaces --timeout when longer.
  std::chrono::milliseconds timeout(const Context& ctx,
                                    std::chrono::milliseconds run_timeout) const override;

 protected:
  // Why this drill does not apply (it is turned off, the project has no migrations); nullopt
  // = it applies.
  virtual std::optional<std::string> not_applicable(const Context& ctx) const = 0;
  virtual std::vector<Result> drill(const Context& ctx, const Setup& setup) const = 0;
};

}  // namespace shipcheck::checks::drill

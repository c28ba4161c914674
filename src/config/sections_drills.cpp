// The drills section of shipcheck.yaml (the DRL rules). Its presence is the opt-in: the
// drills create and drop scratch databases, which no other check does.
#include <fmt/format.h>

#include "config/sections.h"

namespace shipcheck::config {
namespace {

using R = Reader;
using N = YAML::Node;
using P = std::string;

const std::vector<Field<DrillsConfig>> k_drills_fields{
    {"backup_restore",
     [](R& r, const N& n, const P& p, DrillsConfig& o) { r.read(o.backup_restore, n, p); }},
    {"migrations",
     [](R& r, const N& n, const P& p, DrillsConfig& o) { r.read(o.migrations, n, p); }},
    {"timeout", [](R& r, const N& n, const P& p,
                   DrillsConfig& o) { r.read(o.timeout, n, p, k_duration_shape); }},
    {"max_restore_time",
     [](R& r, const N& n, const P& p, DrillsConfig& o) {
       r.read(o.max_restore_time, n, p, k_duration_shape);
     }},
    {"scratch_url_env",
     [](R& r, const N& n, const P& p, DrillsConfig& o) { r.read_name(o.scratch_url_env, n, p); }},
    {"migrate_command",
     [](R& r, const N& n, const P& p, DrillsConfig& o) {
       r.read(o.migrate_command, n, p);
       if (!r.failed() && o.migrate_command.empty()) {
         r.fail(n, fmt::format("'{}' is empty", p), "e.g. [python3, -m, alembic]");
       }
     }},
    {"pg_bindir", [](R& r, const N& n, const P& p, DrillsConfig& o) { r.read(o.pg_bindir, n, p); }},
};

}  // namespace

// `drills:` alone, `drills: true` or a map of settings turns the drills on; `drills: false`
// leaves them to `run --drills`.
void read_drills(R& r, const N& node, const P& path, Config& out) {
  if (node.IsNull()) {
    out.drills.enabled = true;
    return;
  }
  if (node.IsScalar()) {
    r.read(out.drills.enabled, node, path);
    return;
  }
  out.drills.enabled = true;
  read_fields(r, node, path, k_drills_fields, out.drills);
}

}  // namespace shipcheck::config

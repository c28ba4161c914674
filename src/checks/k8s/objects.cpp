// Building the Kubernetes object model from parsed manifests, and helpers on it.
#include "checks/k8s/objects.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/context.h"
#include "core/text.h"

namespace shipcheck::checks::k8s {
namespace {

using yaml::Node;

// Where each workload kind keeps its pod template, and the API groups that own the kind
// (a CRD may reuse a name such as Job; its spec is not a pod's).
struct WorkloadKind {
  std::string_view kind;
  std::array<std::string_view, 2> groups;  // "" = the core group (apiVersion "v1")
  bool templated;                          // spec.template vs the Pod itself
  bool replicated;                         // has spec.replicas
};

constexpr std::array<WorkloadKind, 8> k_workloads{{
    {"Pod", {"", ""}, false, false},
    {"Deployment", {"apps", "extensions"}, true, true},
    {"StatefulSet", {"apps", "apps"}, true, true},
    {"DaemonSet", {"apps", "extensions"}, true, false},
    {"ReplicaSet", {"apps", "extensions"}, true, true},
    {"ReplicationController", {"", ""}, true, true},
    {"Job", {"batch", "batch"}, true, false},
    {"CronJob", {"batch", "batch"}, true, false},
}};

std::string_view group_of(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view{} : api_version.substr(0, slash);
}

const WorkloadKind* workload_kind(std::string_view kind, std::string_view api_version) {
  const std::string_view group = group_of(api_version);
  for (const auto& w : k_workloads) {
    if (w.kind == kind && (w.groups[0] == group || w.groups[1] == group)) {
      return &w;
    }
  }
  return nullptr;
}

void add_containers(const Node* spec, std::string_view key, Container::Role role,
                    std::vector<Container>& out) {
  const Node* list = get(spec, key);
  if (list == nullptr || !list->is_seq()) {
    return;
  }
  for (const Node* item : list->items) {
    if (!item->is_map()) {
      continue;
    }
    Container c{role, std::string(scalar(item, "name")), item, item->line, item->column};
    if (const auto* e = entry(item, "name")) {
      c.line = e->key->line;
      c.column = e->key->column;
    }
    out.push_back(std::move(c));
  }
}

void fill_workload(Object& object) {
  const WorkloadKind* w = workload_kind(object.kind, object.api_version);
  if (w == nullptr) {
    return;
  }
  const Node* spec = get(object.node, "spec");
  const Node* pod_template = nullptr;
  if (!w->templated) {
    object.pod_spec = spec;
    object.pod_labels = object.labels;
    object.pod_annotations = object.annotations;
  } else {
    pod_template = object.kind == "CronJob" ? get(get(get(spec, "jobTemplate"), "spec"), "template")
                                            : get(spec, "template");
    object.pod_spec = get(pod_template, "spec");
    object.pod_labels = string_map(get(get(pod_template, "metadata"), "labels"));
    object.pod_annotations = string_map(get(get(pod_template, "metadata"), "annotations"));
  }
  if (object.pod_spec != nullptr && !object.pod_spec->is_map()) {
    object.pod_spec = nullptr;
  }
  if (w->replicated) {
    object.replicas = get(spec, "replicas");
  }
  add_containers(object.pod_spec, "initContainers", Container::Role::init, object.containers);
  add_containers(object.pod_spec, "containers", Container::Role::main, object.containers);
  add_containers(object.pod_spec, "ephemeralContainers", Container::Role::ephemeral,
                 object.containers);
}

Object make_object(const infra::YamlSource& source, int document, int item, const Node* node,
                   std::string api_version, std::string kind) {
  Object object;
  object.source = &source;
  object.document = document;
  object.item = item;
  object.node = node;
  object.api_version = std::move(api_version);
  object.kind = std::move(kind);
  const Node* metadata = get(node, "metadata");
  object.name = scalar(metadata, "name");
  if (object.name.empty()) {
    object.name = scalar(metadata, "generateName");
  }
  object.namespace_ = scalar(metadata, "namespace");
  object.labels = string_map(get(metadata, "labels"));
  object.annotations = string_map(get(metadata, "annotations"));
  const auto* kind_entry = entry(node, "kind");
  object.line = kind_entry ? kind_entry->key->line : node->line;
  object.column = kind_entry ? kind_entry->key->column : node->column;
  fill_workload(object);
  return object;
}

std::string_view shape(const Node& node) {
  return node.is_seq() ? "a sequence" : node.is_scalar() ? "a scalar" : "empty";
}

class Collector {
 public:
  explicit Collector(Objects& out) : m_out(out) {}

  void document(const infra::YamlSource& source, const yaml::Document& doc) {
    const Node* root = doc.root;
    if (root == nullptr || root->is_null()) {
      return;  // `---` with nothing after it: kubectl skips it too
    }
    const int number = doc.index + 1;
    if (!root->is_map()) {
      problem(source, *root, doc.index,
              fmt::format("document {} is {}, not a Kubernetes object (a map with apiVersion "
                          "and kind)",
                          number, shape(*root)));
      return;
    }
    const std::string_view kind = scalar(root, "kind");
    const Node* items = get(root, "items");
    if (kind.ends_with("List") && items != nullptr && items->is_seq()) {
      list(source, doc.index, *root, kind, *items);
      return;
    }
    object(source, doc.index, -1, *root, {}, fmt::format("document {}", number));
  }

 private:
  // kubectl's `kind: List` and typed lists (DeploymentList) hold objects in `items`; a
  // typed list's items may omit apiVersion and kind, which the list then gives.
  void list(const infra::YamlSource& source, int document, const Node& root, std::string_view kind,
            const Node& items) {
    if (scalar(&root, "apiVersion").empty()) {
      problem(source, root, document,
              fmt::format("document {} ({}) has no apiVersion", document + 1, kind));
    }
    std::string inherited_kind = kind == "List" ? "" : std::string(kind.substr(0, kind.size() - 4));
    for (std::size_t i = 0; i < items.items.size(); ++i) {
      const Node& item = *items.items[i];
      const std::string where = fmt::format("document {}, item {}", document + 1, i + 1);
      if (!item.is_map()) {
        problem(
            source, item, document,
            fmt::format("{} of the {} is {}, not a Kubernetes object", where, kind, shape(item)));
        continue;
      }
      object(source, document, static_cast<int>(i), item,
             inherited_kind.empty()
                 ? std::pair<std::string, std::string>{}
                 : std::pair{std::string(scalar(&root, "apiVersion")), inherited_kind},
             where);
    }
  }

  void object(const infra::YamlSource& source, int document, int item, const Node& node,
              const std::pair<std::string, std::string>& defaults, const std::string& where) {
    std::string api_version(scalar(&node, "apiVersion"));
    std::string kind(scalar(&node, "kind"));
    api_version = api_version.empty() ? defaults.first : api_version;
    kind = kind.empty() ? defaults.second : kind;
    if (api_version.empty() || kind.empty()) {
      const char* missing = api_version.empty() && kind.empty() ? "apiVersion and kind"
                            : api_version.empty()               ? "apiVersion"
                                                                : "kind";
      problem(source, node, document, fmt::format("{} has no {}", where, missing));
      return;
    }
    m_out.objects.push_back(
        make_object(source, document, item, &node, std::move(api_version), std::move(kind)));
  }

  void problem(const infra::YamlSource& source, const Node& at, int document, std::string message) {
    m_out.problems.push_back(
        Problem{source.path, at.line, at.column, document, std::move(message)});
  }

  Objects& m_out;
};

}  // namespace

std::vector<const Object*> Objects::workloads() const {
  std::vector<const Object*> out;
  for (const auto& object : objects) {
    if (object.is_workload()) {
      out.push_back(&object);
    }
  }
  return out;
}

bool Object::is_batch() const {
  if (kind == "Job" || kind == "CronJob") {
    return true;
  }
  const std::string_view restart = scalar(pod_spec, "restartPolicy");
  return kind == "Pod" && (restart == "Never" || restart == "OnFailure");
}

std::vector<const Object*> Objects::of_kind(std::string_view kind) const {
  std::vector<const Object*> out;
  for (const auto& object : objects) {
    if (object.kind == kind) {
      out.push_back(&object);
    }
  }
  return out;
}

namespace {

std::string index_key(std::string_view a, std::string_view b) {
  std::string key(a);
  key += '\n';
  key += b;
  return key;
}

// What an autoscaler's scaleTargetRef names ("Deployment\nweb"); empty for other objects.
std::string scale_target(const Object& object) {
  const bool hpa = object.kind == "HorizontalPodAutoscaler";
  const bool keda = object.kind == "ScaledObject" && object.api_version.starts_with("keda.sh/");
  if (!hpa && !keda) {
    return {};
  }
  const Node* ref = get(get(object.node, "spec"), "scaleTargetRef");
  std::string_view kind = scalar(ref, "kind");
  if (keda && kind.empty()) {
    kind = "Deployment";  // KEDA's default target kind
  }
  return index_key(kind, scalar(ref, "name"));
}

void build_indexes(Objects& out) {
  for (std::size_t i = 0; i < out.objects.size(); ++i) {
    const Object& object = out.objects[i];
    out.by_kind_name.emplace(index_key(object.kind, object.name), i);
    if (std::string target = scale_target(object); !target.empty()) {
      out.by_scale_target.emplace(std::move(target), i);
    }
    if (object.is_workload()) {
      for (const auto& [key, value] : object.pod_labels) {
        out.by_pod_label.emplace(index_key(key, value), i);
      }
    }
  }
}

// Hash order is not file order: sort the indexes before turning them into objects.
std::vector<const Object*> in_file_order(const Objects& objects, std::vector<std::size_t> found) {
  std::sort(found.begin(), found.end());
  std::vector<const Object*> out;
  out.reserve(found.size());
  for (std::size_t i : found) {
    out.push_back(&objects.objects[i]);
  }
  return out;
}

std::vector<const Object*> lookup(const Objects& objects,
                                  const std::unordered_multimap<std::string, std::size_t>& index,
                                  const std::string& key, const Object& near) {
  std::vector<std::size_t> found;
  const auto [begin, end] = index.equal_range(key);
  for (auto it = begin; it != end; ++it) {
    if (same_namespace(objects.objects[it->second], near)) {
      found.push_back(it->second);
    }
  }
  return in_file_order(objects, std::move(found));
}

}  // namespace

std::vector<const Object*> Objects::named(std::string_view kind, std::string_view name,
                                          const Object& near) const {
  return lookup(*this, by_kind_name, index_key(kind, name), near);
}

std::vector<const Object*> Objects::autoscalers_of(const Object& target) const {
  return lookup(*this, by_scale_target, index_key(target.kind, target.name), target);
}

std::vector<const Object*> Objects::workloads_with(const Labels& selector) const {
  if (selector.empty()) {
    return workloads();
  }
  // Candidates carry the selector's first label; the rest is checked one by one.
  std::vector<std::size_t> found;
  const auto& [key, value] = *selector.begin();
  const auto [begin, end] = by_pod_label.equal_range(index_key(key, value));
  for (auto it = begin; it != end; ++it) {
    if (subset(selector, objects[it->second].pod_labels)) {
      found.push_back(it->second);
    }
  }
  return in_file_order(*this, std::move(found));
}

ReplicaFloor replica_floor(const Objects& objects, const Object& target) {
  const auto autoscalers = objects.autoscalers_of(target);
  if (autoscalers.empty()) {
    const auto* written = entry(get(target.node, "spec"), "replicas");
    return ReplicaFloor{written ? written->value->as_int() : 1, nullptr, written};
  }
  ReplicaFloor floor;
  for (const Object* autoscaler : autoscalers) {
    const bool keda = autoscaler->kind == "ScaledObject";
    const auto* written =
        entry(get(autoscaler->node, "spec"), keda ? "minReplicaCount" : "minReplicas");
    const std::optional<long long> count = written ? written->value->as_int() : (keda ? 0 : 1);
    if (floor.autoscaler == nullptr || (count && (!floor.count || *count < *floor.count))) {
      floor = ReplicaFloor{count, autoscaler, written};
    }
  }
  return floor;
}

std::optional<long long> replica_ceiling(const Objects& objects, const Object& target) {
  const auto autoscalers = objects.autoscalers_of(target);
  if (autoscalers.empty()) {
    const auto* written = entry(get(target.node, "spec"), "replicas");
    return written ? written->value->as_int() : 1;
  }
  std::optional<long long> most;
  for (const Object* autoscaler : autoscalers) {
    const bool keda = autoscaler->kind == "ScaledObject";
    const auto* written =
        entry(get(autoscaler->node, "spec"), keda ? "maxReplicaCount" : "maxReplicas");
    // KEDA defaults maxReplicaCount to 100; an HPA requires maxReplicas.
    const std::optional<long long> count =
        written ? written->value->as_int() : (keda ? std::optional<long long>(100) : std::nullopt);
    if (count && (!most || *count > *most)) {
      most = count;
    }
  }
  return most;
}

Objects collect(const std::vector<infra::YamlSource>& files) {
  Objects out;
  Collector collector(out);
  for (const auto& source : files) {
    out.files.push_back(&source);
    if (!source.stream) {
      continue;
    }
    out.parsed.push_back(&source);
    for (const auto& doc : source.stream->documents) {
      collector.document(source, doc);
    }
  }
  build_indexes(out);
  return out;
}

const Objects& objects(const Context& ctx) {
  const Context* context = &ctx;
  return ctx.memo.get<Objects>(
      [context] { return collect(infra::infra_files(*context).kubernetes); });
}

const yaml::Node::Entry* entry(const yaml::Node* map, std::string_view key) {
  if (map == nullptr || !map->is_map()) {
    return nullptr;
  }
  for (const auto& e : map->entries) {
    if (e.key != nullptr && e.key->is_scalar() && e.key->value == key) {
      return &e;
    }
  }
  return nullptr;
}

const yaml::Node* get(const yaml::Node* map, std::string_view key) {
  return map != nullptr ? map->get(key) : nullptr;
}

std::string_view scalar(const yaml::Node* map, std::string_view key) {
  const Node* value = get(map, key);
  return value != nullptr && value->is_scalar() ? trim(value->str()) : std::string_view{};
}

Labels string_map(const yaml::Node* map) {
  Labels out;
  if (map == nullptr || !map->is_map()) {
    return out;
  }
  for (const auto& e : map->entries) {
    if (e.key != nullptr && e.value != nullptr && e.value->is_scalar()) {
      out[e.key->value] = e.value->value;
    } else if (e.key != nullptr && e.value != nullptr && e.value->is_null()) {
      out[e.key->value] = "";
    }
  }
  return out;
}

bool is_true(const yaml::Node* node) {
  return node != nullptr && node->as_bool() == true;
}

bool is_false(const yaml::Node* node) {
  return node != nullptr && node->as_bool() == false;
}

bool same_namespace(const Object& a, const Object& b) {
  return a.namespace_.empty() || b.namespace_.empty() || a.namespace_ == b.namespace_;
}

std::string describe(const Labels& labels) {
  std::vector<std::string> pairs;
  for (const auto& [key, value] : labels) {
    pairs.push_back(fmt::format("{}: {}", key, value));
  }
  std::string text = fmt::format("{{{}}}", fmt::join(pairs, ", "));
  return text.size() > 120 ? text.substr(0, 117) + "..." : text;
}

bool subset(const Labels& selector, const Labels& labels) {
  return std::all_of(selector.begin(), selector.end(), [&](const auto& kv) {
    const auto it = labels.find(kv.first);
    return it != labels.end() && it->second == kv.second;
  });
}

namespace {

bool expression_holds(const yaml::Node& expression, const Labels& labels) {
  const std::string_view key = scalar(&expression, "key");
  const std::string_view op = scalar(&expression, "operator");
  const auto it = labels.find(key);
  const bool has = it != labels.end();
  bool listed = false;
  if (const Node* values = get(&expression, "values"); values != nullptr && values->is_seq()) {
    listed = has && std::any_of(values->items.begin(), values->items.end(),
                                [&](const Node* v) { return v->str() == it->second; });
  }
  if (op == "In") {
    return listed;
  }
  if (op == "NotIn") {
    return !listed;
  }
  if (op == "Exists") {
    return has;
  }
  if (op == "DoesNotExist") {
    return !has;
  }
  return false;  // an unknown operator: the API server rejects the object
}

}  // namespace

bool selects(const yaml::Node* selector, const Labels& labels) {
  if (selector == nullptr || !selector->is_map()) {
    return false;
  }
  if (!subset(string_map(get(selector, "matchLabels")), labels)) {
    return false;
  }
  const Node* expressions = get(selector, "matchExpressions");
  if (expressions == nullptr || !expressions->is_seq()) {
    return true;
  }
  return std::all_of(expressions->items.begin(), expressions->items.end(),
                     [&](const Node* e) { return e->is_map() && expression_holds(*e, labels); });
}

const yaml::Node* security_context(const Container& container) {
  const Node* sc = get(container.node, "securityContext");
  return sc != nullptr && sc->is_map() ? sc : nullptr;
}

const yaml::Node* pod_security_context(const Object& object) {
  const Node* sc = get(object.pod_spec, "securityContext");
  return sc != nullptr && sc->is_map() ? sc : nullptr;
}

std::optional<Setting> effective_setting(const Object& object, const Container& container,
                                         std::string_view key) {
  if (const auto* e = entry(security_context(container), key); e != nullptr) {
    return Setting{e, false};
  }
  if (const auto* e = entry(pod_security_context(object), key); e != nullptr) {
    return Setting{e, true};
  }
  return std::nullopt;
}

std::optional<std::string> literal_secret(std::string_view name, std::string_view value) {
  std::string snake;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool after_lower = i > 0 && ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
                                       (name[i - 1] >= '0' && name[i - 1] <= '9'));
    if (upper && after_lower) {
      snake += '_';
    }
    snake += (c == '.' || c == '-' || c == ' ') ? '_' : c;
  }
  auto shown = infra::literal_secret(snake, value);
  if (shown && shown->starts_with(snake)) {
    shown->replace(0, snake.size(), name);
  }
  return shown;
}

std::string subject(const Object& object, const Container& container) {
  static constexpr std::array<std::string_view, 3> k_roles{"container", "initContainer",
                                                           "ephemeralContainer"};
  const auto role = k_roles[static_cast<std::size_t>(container.role)];
  if (container.name.empty()) {
    return fmt::format("{}, unnamed {} at line {}", object.label(), role, container.line);
  }
  return fmt::format("{}, {} {}", object.label(), role, container.name);
}

std::optional<std::string> reason_annotation(const Object& object, std::string_view key) {
  for (const Labels* annotations : {&object.annotations, &object.pod_annotations}) {
    if (const auto it = annotations->find(key); it != annotations->end()) {
      return std::string(trim(it->second));
    }
  }
  return std::nullopt;
}

}  // namespace shipcheck::checks::k8s

// Test support for the K8S family: a project holding manifests, a manifest set that passes
// every K8S rule, and edits of it that break exactly one thing.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "support/fixture.h"

namespace shipcheck::test {

// A Deployment with an init container, a Service, a PodDisruptionBudget, an HPA and a
// ConfigMap: every K8S rule passes on it.
// A container's liveness probe lines, for tests that add one.
inline constexpr std::string_view k_liveness =
    "          livenessProbe:\n            httpGet: {path: /livez, port: http}\n"
    "            periodSeconds: 10\n";
// The good manifest's HorizontalPodAutoscaler document, for tests that remove or edit it.
inline constexpr std::string_view k_hpa =
    "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
    "metadata: {name: todo-api, namespace: prod}\nspec:\n"
    "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: todo-api}\n"
    "  minReplicas: 3\n  maxReplicas: 10\n";

inline constexpr std::string_view k_good_manifest = R"(# The API, ready to ship.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: todo-api
  namespace: prod
  labels: {app: todo-api}
spec:
  replicas: 3
  selector:
    matchLabels: {app: todo-api}
  template:
    metadata:
      labels: {app: todo-api, tier: web}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      initContainers:
        - name: migrate
          image: registry.example.com/todo-api:1.4.2
          command: ["alembic", "upgrade", "head"]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          securityContext: &locked
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
      containers:
        - name: api
          image: registry.example.com/todo-api:1.4.2
          imagePullPolicy: IfNotPresent
          command: ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
          ports:
            - {name: http, containerPort: 8000}
          env:
            - name: LOG_LEVEL
              value: INFO
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {name: todo-api, key: DATABASE_URL}
          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {cpu: "1", memory: 512Mi}
          readinessProbe:
            httpGet: {path: /readyz, port: http}
            periodSeconds: 5
          livenessProbe:
            httpGet: {path: /livez, port: http}
            periodSeconds: 10
          securityContext: *locked
      volumes:
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata: {name: todo-api, namespace: prod}
spec:
  selector: {app: todo-api}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: todo-api, namespace: prod}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: todo-api}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: todo-api, namespace: prod}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: todo-api}
  minReplicas: 3
  maxReplicas: 10
---
apiVersion: v1
kind: ConfigMap
metadata: {name: todo-api, namespace: prod}
data:
  LOG_LEVEL: INFO
  JWT_ALGORITHM: HS256
)";

// `text` with the one occurrence of `from` replaced by `to` (a test error when `from` is
// not there exactly once, so that an edit cannot silently do nothing).
inline std::string edit(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the manifest: " << from;
  if (at == std::string::npos) {
    return out;
  }
  EXPECT_EQ(out.find(from, at + 1), std::string::npos) << "more than once: " << from;
  out.replace(at, from.size(), to);
  return out;
}

// The 1-based line of the first occurrence of `needle` in `text` (0 when absent).
inline int line_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) {
    ADD_FAILURE() << "not in the manifest: " << needle;
    return 0;
  }
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// A project directory with manifests, found the way a run finds them (by content).
class K8sProject {
 public:
  K8sProject() : m_config(config_for(m_dir.path())) {}
  explicit K8sProject(std::string_view manifest, const std::string& path = "k8s/app.yaml")
      : K8sProject() {
    write(path, manifest);
  }

  void write(const std::string& path, std::string_view text) const {
    m_dir.write(path, std::string(text));
  }
  Config& config() { return m_config; }
  std::vector<Result> run(const Check& check) const { return run_check(check, m_config); }

 private:
  TempDir m_dir;
  Config m_config;
};

// The results of `check` on one manifest file k8s/app.yaml holding `text`.
inline std::vector<Result> run_on(const Check& check, std::string_view text) {
  return K8sProject(text).run(check);
}

}  // namespace shipcheck::test

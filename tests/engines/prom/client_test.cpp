// The Prometheus client against a real Prometheus (Debian's) scraping a /metrics endpoint the
// test serves; auth headers, credential hygiene and hostile answers against servers of the
// test's own.
#include "engines/prom/client.h"

#include <gtest/gtest.h>

#include <mutex>

#include "support/nginx.h"
#include "support/prometheus.h"
#include "support/socket_server.h"

namespace shipcheck::prom {
namespace {

using namespace std::chrono_literals;

std::string http_answer(int status, const std::string& content_type, const std::string& body) {
  return fmt::format(
      "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
      status, content_type, body.size(), body);
}

// Serves `body` as text 0.0.4 at every path.
std::function<void(int)> serve_metrics(std::string body) {
  return [body = std::move(body)](int fd) {
    test::read_request(fd);
    test::send_all(fd, http_answer(200, "text/plain; version=0.0.4", body));
  };
}

// "127.0.0.1:PORT" from SocketServer's "http://127.0.0.1:PORT/".
std::string host_port(const test::SocketServer& server) {
  std::string url = server.url();
  url = url.substr(url.find("//") + 2);
  return url.substr(0, url.find('/'));
}

const char* const k_app_metrics =
    "# TYPE app_requests_total counter\n"
    "app_requests_total{code=\"200\"} 42\n"
    "app_requests_total{code=\"500\"} 3\n";

// One Prometheus for the suite (ctest runs each test in a process of its own, so one per
// test there). Only the test that needs scraped data waits for it: Prometheus hands static
// targets to its scrapers after a 5 s throttle, so the first sample takes about that long.
class PromClient : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_target = new test::SocketServer(serve_metrics(k_app_metrics), true);
    s_prometheus = new test::PrometheusServer(host_port(*s_target));
  }
  static void TearDownTestSuite() {
    delete s_prometheus;
    delete s_target;
  }
  static test::SocketServer* s_target;
  static test::PrometheusServer* s_prometheus;
};
test::SocketServer* PromClient::s_target = nullptr;
test::PrometheusServer* PromClient::s_prometheus = nullptr;

TEST_F(PromClient, QueriesVectorScalarAndMatrix) {
  s_prometheus->wait_for_data("app_requests_total");
  const auto result =
      query(s_prometheus->url(), "app_requests_total{code=~\"5..\"}", std::nullopt, {});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->type, ResultType::vector);
  ASSERT_EQ(result->vector.size(), 1u);
  const auto& sample = result->vector[0];
  EXPECT_EQ(sample.point.value, 3);
  EXPECT_GT(sample.point.time, 1e9);
  const Labels expected = {{"__name__", "app_requests_total"},
                           {"code", "500"},
                           {"instance", host_port(*s_target)},
                           {"job", "app"}};
  EXPECT_EQ(sample.labels, expected);
  EXPECT_FALSE(result->no_data());
  const auto total = query(s_prometheus->url() + "/", "sum(app_requests_total)",
                           std::chrono::system_clock::now(), {});
  ASSERT_TRUE(total) << total.error().message;
  ASSERT_EQ(total->vector.size(), 1u);
  EXPECT_EQ(total->vector[0].point.value, 45);

  const auto scalar =
      query(s_prometheus->url(), "scalar(sum(app_requests_total)) * 2", std::nullopt, {});
  ASSERT_TRUE(scalar) << scalar.error().message;
  EXPECT_EQ(scalar->type, ResultType::scalar);
  EXPECT_EQ(scalar->scalar.value, 90);
  EXPECT_FALSE(scalar->no_data());

  const auto now = std::chrono::system_clock::now();
  const auto range = query_range(s_prometheus->url(), "app_requests_total", now - 3s, now, 1s, {});
  ASSERT_TRUE(range) << range.error().message;
  EXPECT_EQ(range->type, ResultType::matrix);
  ASSERT_EQ(range->matrix.size(), 2u);
  ASSERT_FALSE(range->matrix[0].points.empty());
  for (const auto& series : range->matrix) {
    for (std::size_t i = 1; i < series.points.size(); ++i) {
      EXPECT_DOUBLE_EQ(series.points[i].time - series.points[i - 1].time, 1.0);
    }
  }
}

TEST_F(PromClient, KeepsPrometheusMessageForBadPromQL) {
  const auto result = query(s_prometheus->url(), "sum(app_requests_total", std::nullopt, {});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::bad_query);
  EXPECT_EQ(result.error().error_type, "bad_data");
  EXPECT_EQ(result.error().http_status, 400);
  EXPECT_NE(result.error().message.find("parse error"), std::string::npos)
      << result.error().message;
}

TEST_F(PromClient, ReportsNoDataAsAResultNotAnError) {
  const auto result = query(s_prometheus->url(), "no_such_metric_anywhere", std::nullopt, {});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->no_data());
  const auto now = std::chrono::system_clock::now();
  const auto range = query_range(s_prometheus->url(), "no_such_metric", now - 2s, now, 1s, {});
  ASSERT_TRUE(range) << range.error().message;
  EXPECT_TRUE(range->no_data());
}

// Prometheus's own /metrics is a large real exposition (Go client: histograms, summaries).
TEST_F(PromClient, ScrapesAndParsesPrometheusOwnMetrics) {
  const auto e = scrape(s_prometheus->url() + "/metrics", {});
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_GT(e->samples.size(), 100u);
  const Family* family = e->family("prometheus_http_request_duration_seconds");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->type, MetricType::histogram);
  EXPECT_EQ(e->family("go_gc_duration_seconds")->type, MetricType::summary);
}

TEST(PromClientAlone, ScrapesAPlainMetricsEndpoint) {
  const test::SocketServer server(serve_metrics(k_app_metrics));
  const auto e = scrape(server.url() + "metrics", {});
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(e->samples.size(), 2u);
  EXPECT_EQ(e->samples[1].label("code"), "500");
}

TEST(PromClientAlone, ReportsAnUnparsableScrapeWithItsLine) {
  const test::SocketServer server(serve_metrics("ok 1\nbroken{ 2\n"));
  const auto e = scrape(server.url(), {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().kind, ErrorKind::bad_response);
  EXPECT_NE(e.error().message.find(":2:"), std::string::npos) << e.error().message;
}

TEST(PromClientAlone, ReportsUnreachableWithCurlsReason) {
  const int port = test::free_port();
  ClientOptions options;
  options.timeout = 2s;
  const auto result = query(fmt::format("http://127.0.0.1:{}", port), "up", std::nullopt, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::unreachable);
  EXPECT_NE(result.error().message.find("onnect"), std::string::npos) << result.error().message;
}

TEST(PromClientAlone, GivesUpOnASilentServerWithinTheTimeout) {
  const test::SilentPort silent;
  ClientOptions options;
  options.timeout = 300ms;
  const auto result =
      query(fmt::format("http://127.0.0.1:{}", silent.port()), "up", std::nullopt, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::unreachable);
  EXPECT_NE(result.error().message.find("300 ms"), std::string::npos) << result.error().message;
}

// Prometheus checks no credentials itself, so a server of the test's own records what came.
class RecordingApi {
 public:
  RecordingApi(int status, std::string body)
      : m_server(
            [this, status, body = std::move(body)](int fd) {
              const std::string request = test::read_request(fd);
              {
                const std::lock_guard lock(m_mutex);
                m_requests += request;
              }
              test::send_all(fd, http_answer(status, "application/json", body));
            },
            true) {}
  std::string requests() {
    const std::lock_guard lock(m_mutex);
    return m_requests;
  }
  std::string url() const { return m_server.url(); }

 private:
  std::mutex m_mutex;
  std::string m_requests;
  test::SocketServer m_server;
};

const char* const k_one_sample =
    R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"x"},"value":[1700000000.5,"+Inf"]}]}})";

TEST(PromClientAlone, SendsTheBearerTokenAndEncodesTheQuery) {
  RecordingApi api(200, k_one_sample);
  ClientOptions options;
  options.bearer_token = "tok-3f9c2a7d1e8b4c60";
  const auto result = query(api.url(), "rate(x{a=\"b c\"}[5m]) > 1 & 2", std::nullopt, options);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->vector.at(0).point.value, INFINITY);
  EXPECT_EQ(result->vector.at(0).point.time, 1700000000.5);
  const std::string seen = api.requests();
  EXPECT_NE(seen.find("Authorization: Bearer tok-3f9c2a7d1e8b4c60\r\n"), std::string::npos) << seen;
  EXPECT_NE(
      seen.find(
          "GET /api/v1/query?query=rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%20%3E%201%20%26%202 "),
      std::string::npos)
      << seen;
}

TEST(PromClientAlone, SendsBasicAuth) {
  RecordingApi api(200, k_one_sample);
  ClientOptions options;
  options.username = "watcher";
  options.password = "pa55-word-long";
  ASSERT_TRUE(query(api.url(), "up", std::nullopt, options));
  // base64("watcher:pa55-word-long")
  EXPECT_NE(api.requests().find("Authorization: Basic d2F0Y2hlcjpwYTU1LXdvcmQtbG9uZw==\r\n"),
            std::string::npos)
      << api.requests();
}

TEST(PromClientAlone, NeverRepeatsTheTokenInAnError) {
  // A proxy that echoes the request's credentials back in its error page.
  RecordingApi api(401, "denied for Bearer tok-3f9c2a7d1e8b4c60");
  ClientOptions options;
  options.bearer_token = "tok-3f9c2a7d1e8b4c60";
  const auto result = query(api.url(), "up", std::nullopt, options);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::http_status);
  EXPECT_EQ(result.error().http_status, 401);
  EXPECT_NE(result.error().message.find("denied for Bearer"), std::string::npos);
  EXPECT_EQ(result.error().message.find("tok-3f9c2a7d1e8b4c60"), std::string::npos)
      << result.error().message;
}

TEST(PromApiResponse, ClassifiesAnswers) {
  const auto failed = parse_api_response(
      422, R"({"status":"error","errorType":"execution","error":"many-to-many matching"})");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ErrorKind::query_failed);
  EXPECT_EQ(failed.error().message, "many-to-many matching");
  const auto gateway = parse_api_response(502, "<html>Bad Gateway</html>");
  ASSERT_FALSE(gateway);
  EXPECT_EQ(gateway.error().kind, ErrorKind::http_status);
  EXPECT_NE(gateway.error().message.find("Bad Gateway"), std::string::npos);
  const auto not_api = parse_api_response(200, "hello");
  ASSERT_FALSE(not_api);
  EXPECT_EQ(not_api.error().kind, ErrorKind::bad_response);
  const auto wrong_shape = parse_api_response(
      200, R"({"status":"success","data":{"resultType":"vector","result":[{"value":[1,"x"]}]}})");
  ASSERT_FALSE(wrong_shape);
  EXPECT_EQ(wrong_shape.error().kind, ErrorKind::bad_response);
  const auto text = parse_api_response(
      200,
      R"({"status":"success","data":{"resultType":"string","result":[1,"hi"]},"warnings":["w"]})");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(text->type, ResultType::string);
  EXPECT_EQ(text->string_value, "hi");
  EXPECT_EQ(text->warnings, std::vector<std::string>{"w"});
  EXPECT_FALSE(text->no_data());
}

}  // namespace
}  // namespace shipcheck::prom

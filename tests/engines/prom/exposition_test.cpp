// The text exposition parser: every construct of format 0.0.4, bad input located by line and
// column, and the real output of python3-prometheus-client.
#include "engines/prom/exposition.h"

#include <gtest/gtest.h>

#include <cmath>

#include "support/fixture.h"

namespace shipcheck::prom {
namespace {

Exposition parsed(std::string_view text) {
  auto result = parse_exposition(text);
  if (!result) {
    throw std::runtime_error(result.error().to_string());
  }
  return std::move(*result);
}

ParseError failure(std::string_view text) {
  auto result = parse_exposition(text);
  if (result) {
    throw std::runtime_error("parsed, but should not have: " + std::string(text));
  }
  return result.error();
}

TEST(PromExposition, ReadsHelpTypeAndSamplesWithLabelsAndTimestamps) {
  const auto e = parsed(
      "# HELP http_requests_total The total number of HTTP requests.\n"
      "# TYPE http_requests_total counter\n"
      "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
      "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n"
      "\n"
      "metric_without_timestamp_and_labels 12.47\n"
      "no_labels{} -3e-2\n");
  ASSERT_EQ(e.samples.size(), 4u);
  const Sample& first = e.samples[0];
  EXPECT_EQ(first.name, "http_requests_total");
  // Sorted by name, as Prometheus keeps labels.
  ASSERT_EQ(first.labels.size(), 2u);
  EXPECT_EQ(first.labels[0], (std::pair<std::string, std::string>{"code", "200"}));
  EXPECT_EQ(first.label("method"), "post");
  EXPECT_EQ(first.label("absent"), "");
  EXPECT_EQ(first.value, 1027);
  EXPECT_EQ(first.timestamp_ms, 1395066363000);
  EXPECT_EQ(e.samples[1].value, 3);
  EXPECT_FALSE(e.samples[2].timestamp_ms);
  EXPECT_EQ(e.samples[2].value, 12.47);
  EXPECT_TRUE(e.samples[3].labels.empty());
  EXPECT_EQ(e.samples[3].value, -0.03);
  const Family* family = e.family("http_requests_total");
  ASSERT_NE(family, nullptr);
  EXPECT_EQ(family->type, MetricType::counter);
  EXPECT_EQ(family->help, "The total number of HTTP requests.");
  EXPECT_EQ(e.family("metric_without_timestamp_and_labels"), nullptr);
}

TEST(PromExposition, UnescapesLabelValuesAndHelp) {
  const auto e = parsed(
      "# HELP msdos_file_access_time_seconds Escapes: a \\\\ backslash,\\na newline, \\t kept\n"
      "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n"
      "\\\"FILE.TXT\\\"\"} 1.458255915e9\n");
  EXPECT_EQ(e.family("msdos_file_access_time_seconds")->help,
            "Escapes: a \\ backslash,\na newline, \\t kept");
  EXPECT_EQ(e.samples.at(0).label("path"), "C:\\DIR\\FILE.TXT");
  EXPECT_EQ(e.samples.at(0).label("error"), "Cannot find file:\n\"FILE.TXT\"");
  EXPECT_EQ(e.samples.at(0).value, 1.458255915e9);
}

TEST(PromExposition, ReadsNanAndInfinities) {
  const auto e = parsed("a NaN\nb +Inf\nc -Inf\nd Inf\ne 1e999\n");
  EXPECT_TRUE(std::isnan(e.samples.at(0).value));
  EXPECT_EQ(e.samples.at(1).value, INFINITY);
  EXPECT_EQ(e.samples.at(2).value, -INFINITY);
  EXPECT_EQ(e.samples.at(3).value, INFINITY);
  EXPECT_EQ(e.samples.at(4).value, INFINITY);  // out of range, as Go's ParseFloat gives
}

TEST(PromExposition, ReadsHistogramAndSummaryFamilies) {
  const auto e = parsed(
      "# TYPE http_request_duration_seconds histogram\n"
      "http_request_duration_seconds_bucket{le=\"0.05\"} 24054\n"
      "http_request_duration_seconds_bucket{le=\"0.1\"} 33444\n"
      "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320\n"
      "http_request_duration_seconds_sum 53423\n"
      "http_request_duration_seconds_count 144320\n"
      "# TYPE rpc_duration_seconds summary\n"
      "rpc_duration_seconds{quantile=\"0.01\"} 3102\n"
      "rpc_duration_seconds{quantile=\"0.99\"} 76656\n"
      "rpc_duration_seconds_sum 1.7560473e+07\n"
      "rpc_duration_seconds_count 2693\n");
  ASSERT_EQ(e.samples.size(), 9u);
  EXPECT_EQ(e.samples[2].label("le"), "+Inf");
  EXPECT_EQ(e.family("http_request_duration_seconds")->type, MetricType::histogram);
  EXPECT_EQ(e.family("rpc_duration_seconds")->type, MetricType::summary);
  EXPECT_EQ(e.samples[6].label("quantile"), "0.99");
}

TEST(PromExposition, ToleratesCrlfBlanksCommentsAndTrailingComma) {
  const auto e = parsed(
      "# a comment\r\n"
      "#\r\n"
      "   \r\n"
      "# HELPFUL is not HELP\r\n"
      "  x{ a = \"1\" , b=\"2\", } 5  \r\n"
      "\ty 6\t7\r\n");
  ASSERT_EQ(e.samples.size(), 2u);
  EXPECT_EQ(e.samples[0].label("a"), "1");
  EXPECT_EQ(e.samples[0].label("b"), "2");
  EXPECT_EQ(e.samples[1].timestamp_ms, 7);
  EXPECT_TRUE(e.families.empty());
}

TEST(PromExposition, ReportsLineAndColumnOfBadInput) {
  struct Case {
    std::string text;
    int line;
    int column;
    std::string message_part;
  };
  const std::vector<Case> cases = {
      {"ok 1\n9bad 1\n", 2, 1, "metric name"},
      {"a{b=\"1\"} x\n", 1, 10, "not a number"},
      {"a{b=\"1\"}\n", 1, 9, "expected a value"},
      {"a{b=\"x\\q\"} 1\n", 1, 8, "invalid escape"},
      {"a{b=\"x} 1\n", 1, 10, "unterminated label value"},
      {"a{b=\"1\",b=\"2\"} 1\n", 1, 9, "label b repeated"},
      {"a{1b=\"1\"} 1\n", 1, 3, "label name"},
      {"a{b \"1\"} 1\n", 1, 5, "'='"},
      {"a{b=1} 1\n", 1, 5, "open the label value"},
      {"a{b=\"1\" c=\"2\"} 1\n", 1, 9, "',' or '}'"},
      {"a 1 12.5\n", 1, 5, "timestamp"},
      {"a 1 2 3\n", 1, 7, "after the timestamp"},
      {"a-b 1\n", 1, 2, "after the metric name"},
      {"# TYPE a countr\n", 1, 10, "unknown metric type 'countr'"},
      {"# TYPE a counter\n# TYPE a gauge\n", 2, 10, "second TYPE line for a"},
      {"# HELP a x\n# HELP a y\n", 2, 9, "second HELP line for a"},
      {"a 1\n# TYPE a gauge\n", 2, 10, "after its samples"},
      {"# TYPE h histogram\nh_bucket 1\n", 2, 1, "numeric 'le'"},
      {"# TYPE h histogram\nh_bucket{le=\"x\"} 1\n", 2, 1, "numeric 'le'"},
      {"# TYPE s summary\ns{quantile=\"\"} 1\n", 2, 1, "numeric 'quantile'"},
      {"# TYPE 1a gauge\n", 1, 8, "metric name"},
  };
  for (const auto& c : cases) {
    const ParseError error = failure(c.text);
    EXPECT_EQ(error.line, c.line) << c.text;
    EXPECT_EQ(error.column, c.column) << c.text << error.message;
    EXPECT_NE(error.message.find(c.message_part), std::string::npos) << c.text << error.message;
  }
}

TEST(PromExposition, RefusesLinesPastTheLimit) {
  const std::string text = "a{b=\"" + std::string(k_max_line_bytes, 'x') + "\"} 1\n";
  const ParseError error = failure("ok 1\n" + text);
  EXPECT_EQ(error.line, 2);
  EXPECT_NE(error.message.find("longer than"), std::string::npos);
}

TEST(PromExposition, ParseValueAcceptsGoFloatsOnly) {
  EXPECT_EQ(parse_value("1.5"), 1.5);
  EXPECT_EQ(parse_value("+2"), 2.0);
  EXPECT_EQ(parse_value("-Inf"), -INFINITY);
  EXPECT_EQ(parse_value("1e-999"), 0.0);
  EXPECT_FALSE(parse_value(""));
  EXPECT_FALSE(parse_value("+-1"));
  EXPECT_FALSE(parse_value("1.5x"));
  EXPECT_FALSE(parse_value("0x10"));
}

// The format as the demo service writes it: python3-prometheus-client's generate_latest.
TEST(PromExposition, ParsesPythonPrometheusClientOutput) {
  const std::string script =
      "from prometheus_client import CollectorRegistry, Counter, Histogram, Summary, Gauge, "
      "generate_latest\n"
      "r = CollectorRegistry()\n"
      "c = Counter('http_requests', 'Requests served.', ['method', 'code'], registry=r)\n"
      "c.labels('GET', '200').inc(7)\n"
      "c.labels('POST', '500').inc(2)\n"
      "h = Histogram('request_seconds', 'Latency.', buckets=(0.1, 0.5, 1.0), registry=r)\n"
      "[h.observe(v) for v in (0.05, 0.2, 0.3, 0.7, 2.0)]\n"
      "s = Summary('payload_bytes', 'Payload \\\\ with \"quotes\"\\nnewline', registry=r)\n"
      "s.observe(10)\n"
      "g = Gauge('temp', 'T', ['path'], registry=r)\n"
      "g.labels('a\\\\b\"c\\nd').set(float('nan'))\n"
      "print(generate_latest(r).decode(), end='')\n";
  const test::TempDir dir;
  const auto path = dir.write("gen.py", script);
  std::string output;
  ASSERT_EQ(test::run_command("/usr/bin/python3 " + path.string() + " 2>&1", output), 0) << output;
  const auto e = parsed(output);
  EXPECT_EQ(e.family("http_requests_total")->type, MetricType::counter);
  EXPECT_EQ(e.family("request_seconds")->type, MetricType::histogram);
  EXPECT_EQ(e.family("payload_bytes")->type, MetricType::summary);
  EXPECT_EQ(e.family("payload_bytes")->help, "Payload \\ with \"quotes\"\nnewline");
  double posts_500 = -1;
  double inf_bucket = -1;
  std::string odd_path;
  for (const auto& s : e.samples) {
    if (s.name == "http_requests_total" && s.label("code") == "500") {
      posts_500 = s.value;
    }
    if (s.name == "request_seconds_bucket" && s.label("le") == "+Inf") {
      inf_bucket = s.value;
    }
    if (s.name == "temp") {
      odd_path = s.label("path");
      EXPECT_TRUE(std::isnan(s.value));
    }
  }
  EXPECT_EQ(posts_500, 2.0);
  EXPECT_EQ(inf_bucket, 5.0);
  EXPECT_EQ(odd_path, "a\\b\"c\nd");
}

}  // namespace
}  // namespace shipcheck::prom

#include "metrics/run_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/text_serializer.h>

#include "util/file.h"

namespace supervm::metrics {

std::shared_ptr<prometheus::Registry> registry() {
  static auto r = std::make_shared<prometheus::Registry>();
  return r;
}

std::string render_text() {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry()->Collect());
}

void write_run_metrics(const std::string& path, const std::string& command, int exit_code,
                       double seconds) {
  auto& duration = prometheus::BuildGauge()
                       .Name("supervm_run_duration_seconds")
                       .Help("Wall-clock duration of the supervm run")
                       .Register(*registry());
  duration.Add({{"command", command}}).Set(seconds);
  auto& code = prometheus::BuildGauge()
                   .Name("supervm_run_exit_code")
                   .Help("Exit code of the supervm run (see man supervm)")
                   .Register(*registry());
  code.Add({{"command", command}}).Set(exit_code);
  auto& finished = prometheus::BuildGauge()
                       .Name("supervm_run_last_finish_timestamp_seconds")
                       .Help("Unix time at which the run finished")
                       .Register(*registry());
  finished.Add({{"command", command}}).SetToCurrentTime();
  util::write_file_atomic(path, render_text());
}

}  // namespace supervm::metrics

// Metrics of one `supervm` run, for --metrics-out: a Prometheus text-format
// file written atomically at exit, ready for node_exporter's textfile collector.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <string>

namespace supervm::metrics {

// The process-wide registry every layer adds its metric families to.
std::shared_ptr<prometheus::Registry> registry();

// Serializes registry() in the Prometheus text exposition format.
std::string render_text();

// Records the run's command, exit code and duration, then writes render_text()
// atomically to `path`.
void write_run_metrics(const std::string& path, const std::string& command, int exit_code,
                       double seconds);

}  // namespace supervm::metrics

package com.shopflow.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, taken from an HdrHistogram recorded in nanoseconds. */
public record Percentiles(long count, double p50, double p95, double p99, double max) {

    /** Reads the percentiles of a histogram recorded in nanoseconds. */
    public static Percentiles ofNanos(Histogram histogram) {
        return new Percentiles(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(95)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}

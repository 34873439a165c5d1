package com.shopflow.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws benchmark charts as PNG files. */
public final class Charts {

    private Charts() {
    }

    /** Saga latency percentiles against the target arrival rate. */
    public static void sagaLatency(Path file, SagaBenchmark.Result result) {
        System.setProperty("java.awt.headless", "true");
        XYSeries p50 = new XYSeries("saga p50");
        XYSeries p95 = new XYSeries("saga p95");
        XYSeries p99 = new XYSeries("saga p99");
        XYSeries post99 = new XYSeries("POST p99");
        for (SagaBenchmark.Step step : result.steps()) {
            p50.add(step.targetRate(), Math.max(0.01, step.saga().p50()));
            p95.add(step.targetRate(), Math.max(0.01, step.saga().p95()));
            p99.add(step.targetRate(), Math.max(0.01, step.saga().p99()));
            post99.add(step.targetRate(), Math.max(0.01, step.post().p99()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p95);
        data.addSeries(p99);
        data.addSeries(post99);
        JFreeChart chart = ChartFactory.createXYLineChart("shopflow saga latency vs. arrival rate",
                "orders/s offered (open loop)", "latency (ms, log scale)", data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(new LogarithmicAxis("latency (ms, log scale)"));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        try {
            Files.createDirectories(file.getParent());
            ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 520);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

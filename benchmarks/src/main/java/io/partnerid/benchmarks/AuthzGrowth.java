package io.partnerid.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The growth of a decision's cost from 10 to 10,000 organizations, measured as interleaved pairs of JMH forks.
 *
 * <p>One JMH run with {@code -p orgs=10,10000} runs every fork of one size before any fork of the other, so a change
 * in the machine's state between the two halves (on the shared virtual machine these numbers come from, the clock
 * read around every sampled call alone moves between about 35 and 70 ns from minute to minute) lands in the ratio.
 * Here each pair runs one fork of each size back to back, in alternating order, and reports the pair's ratio; the
 * result is the median of the pairs' ratios with their range. Each fork is {@link AuthzBenchmark#ours} in sample-time
 * mode (2 × 2 s warm-up, 3 × 2 s measurement), as in the full run, and each pair also measures
 * {@link AuthzBenchmark#timerBaseline} (the harness alone), so that the clock's share of a p50 is visible.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.partnerid.benchmarks.AuthzGrowth 8} (8 pairs, about
 * seven minutes).
 */
public final class AuthzGrowth {

    private AuthzGrowth() {
    }

    public static void main(String[] args) throws RunnerException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        double goal = 1.3;
        List<Double> ratios = new ArrayList<>();
        List<Double> netRatios = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-5s %10s %10s %10s %7s %7s%n", "pair", "p50 10", "p50 10000", "timer p50",
                "ratio", "net");
        for (int p = 0; p < pairs; p++) {
            String first = p % 2 == 0 ? "10" : "10000";
            String second = p % 2 == 0 ? "10000" : "10";
            double a = p50(fork("AuthzBenchmark\\.ours$", first));
            double b = p50(fork("AuthzBenchmark\\.ours$", second));
            double small = first.equals("10") ? a : b;
            double large = first.equals("10") ? b : a;
            double timer = p50(fork("AuthzBenchmark\\.timerBaseline$", null));
            double ratio = large / small;
            double net = (large - timer) / (small - timer);
            ratios.add(ratio);
            netRatios.add(net);
            System.out.printf(Locale.ROOT, "%-5d %10.1f %10.1f %10.1f %7.2f %7.2f%n", p + 1, small, large, timer, ratio,
                    net);
        }
        long within = ratios.stream().filter(r -> r <= goal).count();
        System.out.printf(Locale.ROOT, "growth 10 -> 10,000 organizations, p50: median %.2fx (range %.2f-%.2f), "
                + "%d of %d pairs within %.1fx; net of the clock: median %.2fx (range %.2f-%.2f)%n",
                median(ratios), min(ratios), max(ratios), within, ratios.size(), goal, median(netRatios),
                min(netRatios), max(netRatios));
    }

    private static Collection<RunResult> fork(String benchmark, String orgs) throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include(benchmark).forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
                .measurementTime(TimeValue.seconds(2)).verbosity(VerboseMode.SILENT);
        if (orgs != null) {
            o.param("orgs", orgs);
        }
        Options options = o.build();
        return new Runner(options).run();
    }

    /** The p50 in nanoseconds of the one benchmark in {@code results} (its unit is microseconds). */
    private static double p50(Collection<RunResult> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result, got " + results.size());
        }
        Result<?> r = results.iterator().next().getPrimaryResult();
        return r.getStatistics().getPercentile(50) * 1000;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}

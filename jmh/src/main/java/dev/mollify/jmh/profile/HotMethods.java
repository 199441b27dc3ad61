package dev.mollify.jmh.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts the {@code jdk.ExecutionSample} events of a Java Flight Recorder recording by method and prints
 * the hot methods as plain text: the total number of samples and their split by thread, then the top N
 * methods by <em>self</em> samples (the method is the top frame of the sampled stack) and the top N by
 * <em>inclusive</em> samples (the method is anywhere in the stack, counted once per sample), each line
 * giving the share of all samples in %, the count and {@code Class.method}. The inclusive table leaves
 * out the harness frames that every benchmark sample carries (JMH and its generated stubs, reflection,
 * the thread pool, {@code Thread.run}). Overloads of a method are counted together; lambda classes are
 * named without their run-time suffix. A line before the tables splits the samples by the top frame's
 * kind (JIT compiled, inlined, interpreted, native), which shows whether the code had reached the JIT.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.mollify.jmh.profile.HotMethods RECORDING.jfr
 * [N]} (N defaults to 25). {@code jmh/profile.sh} runs it on the recording of JMH's {@code -prof jfr}.
 */
public final class HotMethods {
    private HotMethods() {}

    /**
     * Prints the profile of one recording to standard output.
     *
     * @param args RECORDING.jfr [N]
     * @throws IOException when the recording cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HotMethods RECORDING.jfr [N]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>(), inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>(), kinds = new HashMap<>();
        int samples = 0, truncated = 0, empty = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    empty++;
                    continue;
                }
                samples++;
                if (stack.isTruncated()) truncated++;
                RecordedThread t = e.getThread("sampledThread");
                threads.merge(t == null ? "?" : String.valueOf(t.getJavaName()), 1, Integer::sum);
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                kinds.merge(String.valueOf(frames.get(0).getType()), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String m = name(f);
                    if (!harness(m) && seen.add(m)) inclusive.merge(m, 1, Integer::sum);
                }
            }
        }
        if (samples == 0) {
            System.err.println("HotMethods: no jdk.ExecutionSample event with a stack in " + args[0]);
            System.exit(1);
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "samples: %d (jdk.ExecutionSample; %d with a truncated stack, %d without a stack left out)%n",
                samples,
                truncated,
                empty));
        shares(s, "threads", threads, samples);
        shares(s, "top frame", kinds, samples);
        table(s, "self (top frame)", self, samples, top);
        table(s, "inclusive (anywhere in the stack; harness frames left out)", inclusive, samples, top);
        System.out.print(s);
    }

    /** {@code Class.method} of a frame, hidden classes (lambdas, lambda forms) without their run-time suffix. */
    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        type = type.replaceAll("\\$\\$Lambda\\$\\d+", "\\$\\$Lambda").replaceAll("[+/]0x[0-9a-f]+(\\.\\d+)?", "");
        return type + "." + f.getMethod().getName();
    }

    /** Whether a method is one of the harness frames under every benchmark sample. */
    private static boolean harness(String method) {
        return method.startsWith("org.openjdk.jmh.")
                || method.startsWith("dev.mollify.jmh.jmh_generated.")
                || method.startsWith("java.lang.reflect.")
                || method.startsWith("jdk.internal.reflect.")
                || method.startsWith("java.util.concurrent.")
                || method.equals("java.lang.Thread.run");
    }

    /** Appends one line: the title, then the five largest entries with their share of the samples. */
    private static void shares(StringBuilder s, String title, Map<String, Integer> counts, int samples) {
        s.append(title).append(':');
        String sep = " ";
        for (Map.Entry<String, Integer> e : sorted(counts, 5)) {
            s.append(String.format(Locale.ROOT, "%s%s %.1f %%", sep, e.getKey(), 100.0 * e.getValue() / samples));
            sep = "; ";
        }
        s.append(String.format("%n"));
    }

    /** The n largest entries, by count and then by name. */
    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return list.subList(0, Math.min(n, list.size()));
    }

    /** Appends one table: title, then share, count and method of the top n. */
    private static void table(StringBuilder s, String title, Map<String, Integer> counts, int samples, int n) {
        s.append(String.format("%n%s, top %d:%n%7s %7s  %s%n", title, n, "share", "samples", "method"));
        for (Map.Entry<String, Integer> e : sorted(counts, n))
            s.append(String.format(
                    Locale.ROOT, "%5.1f %% %7d  %s%n", 100.0 * e.getValue() / samples, e.getValue(), e.getKey()));
    }
}

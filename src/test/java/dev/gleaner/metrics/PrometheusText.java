package dev.gleaner.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** A scrape in the Prometheus text format 0.0.4, read into HELP and TYPE per family and samples. */
final class PrometheusText {
    /** One sample line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final Map<String, String> help = new HashMap<>();
    private final Map<String, String> type = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {}

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.lines().toList()) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                parsed.help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                parsed.type.put(parts[0], parts[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                parsed.samples.add(sample(line));
            }
        }
        return parsed;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), Double.parseDouble(line.substring(space + 1)));
        }
        int end = line.lastIndexOf('}');
        Map<String, String> labels = new LinkedHashMap<>();
        String body = line.substring(brace + 1, end);
        int i = 0;
        while (i < body.length()) {
            int equals = body.indexOf('=', i);
            String key = body.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (body.charAt(j) != '"') {
                char c = body.charAt(j);
                if (c == '\\') {
                    j++;
                    c = body.charAt(j) == 'n' ? '\n' : body.charAt(j);
                }
                value.append(c);
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
        return new Sample(
                line.substring(0, brace),
                labels,
                Double.parseDouble(line.substring(end + 1).strip()));
    }

    @Nullable
    String help(String family) {
        return help.get(family);
    }

    @Nullable
    String type(String family) {
        return type.get(family);
    }

    /** The families that have a {@code # TYPE} line. */
    java.util.Set<String> families() {
        return type.keySet();
    }

    /** Whether {@code name} is a family or the name of a sample (e.g. a histogram's {@code _bucket}). */
    boolean exposes(String name) {
        return type.containsKey(name) || samples.stream().anyMatch(s -> s.name().equals(name));
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    double sum(String name, Predicate<Sample> which) {
        return samples(name).stream().filter(which).mapToDouble(Sample::value).sum();
    }

    /** The value of the only sample of an unlabelled metric. */
    double value(String name) {
        List<Sample> found = samples(name);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample of " + name + ", found " + found);
        }
        return found.getFirst().value();
    }
}

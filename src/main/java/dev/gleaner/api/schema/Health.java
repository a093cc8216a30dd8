package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Health}: {@code {"status": "ok"}} while every long-running part of the process works (200), else
 * {@code {"status": "degraded", "problems": [{"component", "problem"}]}} (503) naming each part that does not.
 */
public record Health(String status, @Nullable List<HealthProblem> problems) {
    public static Health ok() {
        return new Health("ok", null);
    }

    public static Health degraded(List<HealthProblem> problems) {
        return new Health("degraded", List.copyOf(problems));
    }
}

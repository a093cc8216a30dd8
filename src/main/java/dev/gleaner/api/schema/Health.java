package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Health}: {@code {"status": "ok"}} while every long-running part of the process works (200), else
 * {@code {"status": "degraded", "problems": [{"component", "problem"}]}} (503) naming each part that does not;
 * {@code index} ({@code [ext]}) tells how far this process's search index is behind the store, when it keeps one.
 */
public record Health(String status, @Nullable List<HealthProblem> problems, @Nullable IndexHealth index) {
    public static Health ok(@Nullable IndexHealth index) {
        return new Health("ok", null, index);
    }

    public static Health degraded(List<HealthProblem> problems, @Nullable IndexHealth index) {
        return new Health("degraded", List.copyOf(problems), index);
    }
}

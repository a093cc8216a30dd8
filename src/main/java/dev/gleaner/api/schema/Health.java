package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Health}: {@code {"status": "ok", "role": …}} while every long-running part of the process works (200),
 * else {@code {"status": "degraded", "role": …, "problems": [{"component", "problem"}]}} (503) naming each part that
 * does not; {@code role} says what the process runs ({@code all}, {@code api} or {@code worker}); {@code index}
 * ({@code [ext]}) tells how far this process's search index is behind the store, when it keeps one.
 */
public record Health(String status, String role, @Nullable List<HealthProblem> problems, @Nullable IndexHealth index) {
    public static Health ok(String role, @Nullable IndexHealth index) {
        return new Health("ok", role, null, index);
    }

    public static Health degraded(String role, List<HealthProblem> problems, @Nullable IndexHealth index) {
        return new Health("degraded", role, List.copyOf(problems), index);
    }
}

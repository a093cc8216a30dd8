package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Health}: {@code {"status": "ok", "role": …}} while every long-running part of the process works (200),
 * else {@code {"status": "degraded", "role": …, "problems": [{"component", "problem"}]}} (503) naming each part that
 * does not; {@code role} says what the process runs ({@code all}, {@code api} or {@code worker}).
 */
public record Health(String status, String role, @Nullable List<HealthProblem> problems) {
    public static Health ok(String role) {
        return new Health("ok", role, null);
    }

    public static Health degraded(String role, List<HealthProblem> problems) {
        return new Health("degraded", role, List.copyOf(problems));
    }
}

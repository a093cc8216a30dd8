package dev.gleaner.metrics;

import dev.gleaner.pipeline.Renderer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * A {@link Renderer} that times every rendering (waiting for a tab included) in the histogram
 * {@code gleaner_render_duration_seconds}, labelled with how it ended: {@code rendered}, or the failure's kind
 * ({@code timeout}, {@code unavailable}, {@code too_large}, {@code failed}). Every label is registered at once, so the
 * histogram is exposed before the first page is rendered.
 */
final class MeteredRenderer implements Renderer {
    static final String DURATION = "gleaner.render.duration";

    private final Renderer renderer;
    private final MeterRegistry registry;

    MeteredRenderer(Renderer renderer, MeterRegistry registry) {
        this.renderer = renderer;
        this.registry = registry;
        timer("rendered");
        for (Failure failure : Failure.values()) {
            timer(result(failure));
        }
    }

    @Override
    public Rendering render(Page page) {
        Timer.Sample sample = Timer.start(registry);
        Rendering rendering = renderer.render(page);
        sample.stop(timer(rendering instanceof Rendering.Failed failed ? result(failed.kind()) : "rendered"));
        return rendering;
    }

    private Timer timer(String result) {
        return Timer.builder(DURATION)
                .description("Time to render a page in the headless browser (waiting for a tab included), by how it"
                        + " ended")
                .tag("result", result)
                .serviceLevelObjectives(Buckets.SLOW)
                .register(registry);
    }

    private static String result(Failure failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }
}

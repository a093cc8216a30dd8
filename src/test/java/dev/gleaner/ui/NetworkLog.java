package dev.gleaner.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The requests the pages of a {@link HeadlessChromium#startRecordingNetwork} browser made, in the order the browser sent
 * them, read from the DevTools network events in chromedriver's performance log (which hands each event out once, so
 * this keeps them all).
 */
final class NetworkLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as sent; {@code status} is that of its response, 0 while none arrived (or it failed). */
    record Request(String id, String method, URI url, int status) {
        String path() {
            return url.getRawPath();
        }

        /** The value of query parameter {@code name}, or null. */
        @Nullable
        String query(String name) {
            String query = url.getQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return pair.substring(eq + 1);
                }
            }
            return null;
        }
    }

    private final WebDriver driver;
    /** Method and URL by request id, in the order sent (a redirect keeps its request's place). */
    private final Map<String, String[]> sent = new LinkedHashMap<>();

    private final Map<String, Integer> statuses = new HashMap<>();

    NetworkLog(WebDriver driver) {
        this.driver = driver;
    }

    /** Every request so far, oldest first. */
    synchronized List<Request> requests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            record(entry.getMessage());
        }
        List<Request> all = new ArrayList<>(sent.size());
        sent.forEach((id, methodAndUrl) ->
                all.add(new Request(id, methodAndUrl[0], URI.create(methodAndUrl[1]), statuses.getOrDefault(id, 0))));
        return all;
    }

    private void record(String message) {
        JsonNode event;
        try {
            event = JSON.readTree(message).path("message");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode params = event.path("params");
        String id = params.path("requestId").asText();
        switch (event.path("method").asText()) {
            case "Network.requestWillBeSent" -> {
                JsonNode request = params.path("request");
                if (!request.path("url").asText().startsWith("http")) {
                    return;
                }
                sent.put(id, new String[] {
                    request.path("method").asText(), request.path("url").asText()
                });
            }
            case "Network.responseReceived" ->
                statuses.put(id, params.path("response").path("status").asInt());
            default -> {
                // Other network events say nothing the tests read.
            }
        }
    }
}

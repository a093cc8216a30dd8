package dev.gleaner.testapp;

import dev.gleaner.testsite.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, for requests no HTTP client would send: malformed request lines, huge
 * headers, repeated headers, raw bytes in the path. The request is sent as given; the response is read until the server
 * closes the connection or its declared length is read.
 */
public final class RawHttp {
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {}

    /** A parsed response: status 0 when the server closed the connection without answering. */
    public record Response(int status, Map<String, String> headers, String body) {
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} (ISO-8859-1 text, so any byte can be written) and reads one response. */
    public static Response exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(TestSite.ADDRESS, port), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                // Nothing more will come: a request announcing more body than it sent ends here, not at a timeout.
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading everything (e.g. headers too large): read what it
                // said.
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        Response response = readOne(in);
        while (response.status() >= 100 && response.status() < 200) { // interim, e.g. 100 Continue
            response = readOne(in);
        }
        return response;
    }

    private static Response readOne(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException | java.net.SocketException e) {
                b = -1;
            }
            if (b < 0) {
                return head.size() == 0
                        ? new Response(0, Map.of(), "")
                        : parse(head.toString(StandardCharsets.ISO_8859_1), "");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        Response headOnly = parse(headText, "");
        if (headOnly.status() < 200 || headOnly.status() == 204 || headOnly.status() == 304) {
            return headOnly;
        }
        String length = headOnly.header("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.strip()));
        } else if ("chunked".equalsIgnoreCase(headOnly.header("transfer-encoding"))) {
            body = dechunk(in);
        } else {
            body = readQuietly(in);
        }
        return parse(headText, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                line(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static byte[] readQuietly(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // A reset after the body: what was read is the body.
        }
        return out.toByteArray();
    }

    private static Response parse(String head, String body) {
        String[] lines = head.split("\r\n", -1);
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length > 1 && statusLine[1].matches("[0-9]{3}") ? Integer.parseInt(statusLine[1]) : 0;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Response(status, headers, body);
    }
}

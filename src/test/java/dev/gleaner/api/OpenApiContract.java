package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks HTTP responses against an OpenAPI 3.1 document: the operation is found by method and concrete path (path
 * templates matched, the literal match preferred), the response by its exact status (or a documented range such as
 * {@code 4XX}; {@code default} does not count, since it would let every status pass), the media type by the response's
 * Content-Type, and a JSON body is validated against that response's schema with every {@code $ref} resolved in the
 * document. Anything undocumented or invalid throws an {@link AssertionError} listing the validation messages.
 *
 * <p>Documents: {@link #ours()} (the API's {@code openapi.json} from the classpath) and {@link #pathors()} (the Pathors
 * schema of {@code GET …/crawl/jobs}, read from {@code ../shared/spec/} beside the project directory, or from the file
 * named by the system property {@value #PATHORS_PROPERTY} or the environment variable {@value #PATHORS_ENV}).
 */
public final class OpenApiContract {
    public static final String PATHORS_PROPERTY = "gleaner.pathorsSpec";
    public static final String PATHORS_ENV = "GLEANER_PATHORS_SPEC";
    public static final String PATHORS_FILE = "pathors-crawl-jobs.openapi.yaml";
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String BASE = "https://contract.gleaner.invalid/";
    private static final int BODY_EXCERPT = 2_000;

    private final String name;
    private final JsonNode document;
    private final String iri;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String name, JsonNode document) {
        this.name = name;
        this.document = document;
        this.iri = BASE + name + ".json";
        String text = document.toString();
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012, builder -> builder.metaSchema(OpenApi31.getInstance())
                        .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(iri, text))));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
    }

    /** The API's own document, {@code openapi.json} on the classpath. */
    public static OpenApiContract ours() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new AssertionError("openapi.json is not on the classpath");
            }
            return new OpenApiContract("ours", new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Pathors document of {@code GET …/crawl/jobs}. */
    public static OpenApiContract pathors() {
        Path file = pathorsSpecFile();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("The Pathors document is not at " + file + "; set -D" + PATHORS_PROPERTY + " or "
                    + PATHORS_ENV + " to its path");
        }
        try {
            return new OpenApiContract("pathors", new YAMLMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document given as a tree (JSON or YAML already parsed); {@code name} appears in failure messages. */
    public static OpenApiContract of(String name, JsonNode document) {
        return new OpenApiContract(name, document);
    }

    /** Where {@link #pathors()} reads from: the override if set, else {@code ../shared/spec/} of the project. */
    public static Path pathorsSpecFile() {
        String override = System.getProperty(PATHORS_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(PATHORS_ENV);
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        Path project = Path.of("").toAbsolutePath();
        Path parent = project.getParent() != null ? project.getParent() : project;
        return parent.resolve("shared").resolve("spec").resolve(PATHORS_FILE);
    }

    public JsonNode document() {
        return document;
    }

    /** Asserts a response with a UTF-8 text body; see {@link #assertResponse(String, String, int, String, byte[])}. */
    public void assertResponse(String method, String path, int status, @Nullable String contentType, String body) {
        assertResponse(method, path, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Asserts that the document describes this response: {@code path} is the concrete request path (a query string is
     * ignored), {@code contentType} the response's Content-Type header (null when it had none).
     */
    public void assertResponse(String method, String path, int status, @Nullable String contentType, byte[] body) {
        String what = method.toUpperCase(Locale.ROOT) + " " + path + " → " + status;
        String template = matchPath(path, what);
        Located operation = resolve(new Located(document.path("paths").path(template), "/paths/" + escape(template)))
                .child(method.toLowerCase(Locale.ROOT));
        if (operation.node().isMissingNode()) {
            throw new AssertionError(what + ": method " + method + " of " + template + " is not documented in " + name);
        }
        Located response = response(operation, status, what);
        JsonNode content = response.node().path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                throw new AssertionError(
                        what + ": the document gives this response no body, but it has " + body.length + " bytes");
            }
            return;
        }
        String mediaKey = mediaType(content, contentType, what);
        Located media = response.child("content").child(mediaKey);
        if (!isJson(mediaKey) && !isJson(contentType)) {
            return;
        }
        Located schema = media.child("schema");
        if (schema.node().isMissingNode()) {
            return;
        }
        validate(schema.pointer(), parse(body, what), what);
    }

    /** Asserts that a JSON body is valid against {@code #/components/schemas/{component}}. */
    public void assertSchema(String component, byte[] body) {
        String pointer = "/components/schemas/" + escape(component);
        if (document.at(pointer).isMissingNode()) {
            throw new AssertionError("No schema " + component + " in " + name);
        }
        validate(pointer, parse(body, component), "schema " + component);
    }

    /** The compiled schema at a JSON pointer into the document, with its {@code $ref}s resolved. */
    public JsonSchema schemaAt(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(iri + "#" + p), config);
            schema.initializeValidators();
            return schema;
        });
    }

    private void validate(String pointer, JsonNode instance, String what) {
        Set<ValidationMessage> messages = schemaAt(pointer).validate(instance);
        if (!messages.isEmpty()) {
            String list =
                    messages.stream().map(m -> " - " + m.getMessage()).sorted().collect(Collectors.joining("\n"));
            throw new AssertionError(what + ": the body does not match " + name + " #" + pointer + ":\n" + list
                    + "\nbody: " + excerpt(instance.toString()));
        }
    }

    private String matchPath(String concrete, String what) {
        String path = concrete.contains("?") ? concrete.substring(0, concrete.indexOf('?')) : concrete;
        String[] segments = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        Iterator<String> templates = document.path("paths").fieldNames();
        while (templates.hasNext()) {
            String template = templates.next();
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                } else {
                    matches = parts[i].equals(segments[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            throw new AssertionError(what + ": no path of " + name + " matches " + path);
        }
        return best;
    }

    private Located response(Located operation, int status, String what) {
        Located responses = operation.child("responses");
        String exact = Integer.toString(status);
        String range = (status / 100) + "XX";
        Iterator<String> codes = responses.node().fieldNames();
        String found = null;
        while (codes.hasNext()) {
            String code = codes.next();
            if (code.equals(exact)) {
                found = code;
                break;
            }
            if (code.equalsIgnoreCase(range)) {
                found = code;
            }
        }
        if (found == null) {
            List<String> documented = new ArrayList<>();
            responses.node().fieldNames().forEachRemaining(documented::add);
            throw new AssertionError(what + ": status " + status + " is not documented in " + name + " (documented: "
                    + documented + ")");
        }
        return resolve(responses.child(found));
    }

    private static String mediaType(JsonNode content, @Nullable String contentType, String what) {
        if (contentType == null || contentType.isBlank()) {
            throw new AssertionError(what + ": the response has a documented body but no Content-Type");
        }
        String type = bare(contentType);
        String family = type.contains("/") ? type.substring(0, type.indexOf('/')) + "/*" : type;
        for (String candidate : List.of(type, family, "*/*")) {
            Iterator<String> keys = content.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (bare(key).equals(candidate)) {
                    return key;
                }
            }
        }
        List<String> documented = new ArrayList<>();
        content.fieldNames().forEachRemaining(documented::add);
        throw new AssertionError(
                what + ": Content-Type " + contentType + " is not documented (documented: " + documented + ")");
    }

    /** Follows a local {@code $ref} (response, path item) to what it names. */
    private Located resolve(Located located) {
        Located current = located;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode ref = current.node().get("$ref");
            if (ref == null || !ref.isTextual()) {
                return current;
            }
            String target = ref.textValue();
            if (!target.startsWith("#")) {
                throw new AssertionError("Only local $refs are supported, not " + target);
            }
            String pointer = target.substring(1);
            current = new Located(document.at(pointer), pointer);
            if (current.node().isMissingNode()) {
                throw new AssertionError("The $ref " + target + " of " + name + " resolves to nothing");
            }
        }
        throw new AssertionError("A $ref chain of " + name + " does not end at " + located.pointer());
    }

    private JsonNode parse(byte[] body, String what) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(
                    what + ": the body is not JSON: " + excerpt(new String(body, StandardCharsets.UTF_8)));
        }
    }

    private static boolean isJson(@Nullable String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String type = bare(mediaType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String bare(String mediaType) {
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /** A JSON pointer token: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String excerpt(String text) {
        return text.length() <= BODY_EXCERPT ? text : text.substring(0, BODY_EXCERPT) + "…";
    }

    /** Every operation of the document, as {@code METHOD template}. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        return operations;
    }

    private record Located(JsonNode node, String pointer) {
        Located child(String field) {
            return new Located(node.path(field), pointer + "/" + escape(field));
        }
    }
}

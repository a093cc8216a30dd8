package dev.gleaner.uploads;

import dev.gleaner.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The file types an upload may have (PDF, DOCX, plain text, Markdown, HTML), recognised by the file name's extension
 * first (clients often send a generic part type), else by the part's declared media type.
 */
final class UploadTypes {
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** A recognised type: the content type the file is read and served with, and the dataset's extension type. */
    record Type(String contentType, String extension) {}

    private static final Map<String, Type> BY_EXTENSION = Map.of(
            "txt", new Type("text/plain; charset=utf-8", "txt"),
            "text", new Type("text/plain; charset=utf-8", "txt"),
            "md", new Type("text/markdown; charset=utf-8", "md"),
            "markdown", new Type("text/markdown; charset=utf-8", "md"),
            "html", new Type("text/html; charset=utf-8", "html"),
            "htm", new Type("text/html; charset=utf-8", "html"),
            "pdf", new Type("application/pdf", "pdf"),
            "docx", new Type(DOCX, "docx"));

    private static final Map<String, String> EXTENSION_BY_MEDIA_TYPE = Map.of(
            "text/plain",
            "txt",
            "text/markdown",
            "md",
            "text/x-markdown",
            "md",
            "text/html",
            "html",
            "application/xhtml+xml",
            "html",
            "application/pdf",
            "pdf",
            DOCX,
            "docx");

    private UploadTypes() {}

    static Optional<Type> of(String filename, @Nullable String declaredType) {
        String declaredMedia = mediaType(declaredType);
        Type byName = BY_EXTENSION.get(extension(filename));
        Type type = byName != null
                ? byName
                : Optional.ofNullable(EXTENSION_BY_MEDIA_TYPE.get(declaredMedia))
                        .map(BY_EXTENSION::get)
                        .orElse(null);
        if (type == null) {
            return Optional.empty();
        }
        // A declared charset of the same text type is kept: the file's bytes are in it.
        if (declaredType != null
                && MediaType.parse(declaredType).charsetLabel().isPresent()
                && mediaType(type.contentType()).equals(declaredMedia)) {
            return Optional.of(new Type(declaredType.trim(), type.extension()));
        }
        return Optional.of(type);
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String mediaType(@Nullable String contentType) {
        return MediaType.parse(contentType).essence();
    }
}

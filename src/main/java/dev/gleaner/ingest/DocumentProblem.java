package dev.gleaner.ingest;

/** Why a document could not be read; each ends the page or upload as failed, for good (retrying cannot help). */
public enum DocumentProblem {
    /** The file is larger than the document size limit. */
    TOO_LARGE,
    /** The document unpacks to more than the limits allow (a compression bomb), or needs more memory to read. */
    TOO_LARGE_UNPACKED,
    /** Reading it took longer than the parse timeout. */
    TOO_SLOW,
    /** It opens only with a password. */
    ENCRYPTED,
    /** Its bytes are not a valid document of its type. */
    DAMAGED,
    /** Text whose bytes no charset decodes into readable text (a page in another charset than it declares). */
    UNDECODABLE_TEXT,
    /** Its bytes are of a type no document parser reads (an image, an archive, …). */
    UNSUPPORTED_TYPE,
    /** The parser process stopped while reading it, without saying why. */
    PARSER_STOPPED,
    /** No parser process could be started (a problem of this installation, not of the document). */
    PARSER_UNAVAILABLE,
    /** A page that shows its text only with JavaScript could not be rendered (crawled pages only). */
    NOT_RENDERED
}

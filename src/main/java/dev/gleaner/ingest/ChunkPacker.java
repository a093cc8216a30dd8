package dev.gleaner.ingest;

import dev.gleaner.ingest.ChunkPiece.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Packs {@link ChunkPiece}s into chunks of at most {@code chunkSize} characters. A heading starts a new chunk unless
 * the chunk so far is smaller than {@code minChunk} and the heading's section sits within the chunk's (a short
 * introduction stays with its first subsection). The last chunk of a section that is smaller than {@code minChunk}
 * takes pieces from the end of the chunk before it in the same section. Then each chunk after the first gets up to
 * {@code chunkOverlap} characters from the prose at the end of the previous one, unless it opens a section, starts
 * with code or continues a cut word. One instance per call.
 */
final class ChunkPacker {
    private final int chunkSize;
    private final int chunkOverlap;
    private final int minChunk;
    private final List<List<ChunkPiece>> drafts = new ArrayList<>();
    private List<ChunkPiece> draft = new ArrayList<>();

    ChunkPacker(int chunkSize, int chunkOverlap, int minChunk) {
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
        this.minChunk = minChunk;
    }

    List<ChunkText> pack(List<ChunkPiece> pieces) {
        for (ChunkPiece piece : pieces) {
            if (draft.isEmpty()) {
                draft.add(piece);
            } else if (piece.isHeading() && !joinsSmallDraft(piece)) {
                close();
                draft.add(piece);
            } else if (fits(draft, piece)) {
                draft.add(piece);
            } else {
                ChunkPiece carried = draft.size() > 1 && draft.getLast().isHeading() ? draft.removeLast() : null;
                close();
                if (carried != null) {
                    draft.add(carried);
                    if (fits(draft, piece)) {
                        draft.add(piece);
                        continue;
                    }
                    close();
                }
                draft.add(piece);
            }
        }
        close();
        rebalanceSmallTails();
        return emit();
    }

    private boolean joinsSmallDraft(ChunkPiece heading) {
        List<String> draftPath = draft.getFirst().headingPath();
        List<String> draftParent = draftPath.isEmpty() ? draftPath : draftPath.subList(0, draftPath.size() - 1);
        List<String> path = heading.headingPath();
        List<String> parent = path.subList(0, path.size() - 1);
        boolean withinDraftSection = parent.size() >= draftParent.size()
                && parent.subList(0, draftParent.size()).equals(draftParent);
        return withinDraftSection && contentLength(draft) < minChunk && fits(draft, heading);
    }

    private void close() {
        if (!draft.isEmpty()) {
            drafts.add(draft);
            draft = new ArrayList<>();
        }
    }

    /** A short last chunk of a section takes pieces from the chunk before it while both stay big enough. */
    private void rebalanceSmallTails() {
        for (int i = 1; i < drafts.size(); i++) {
            List<ChunkPiece> previous = drafts.get(i - 1);
            List<ChunkPiece> small = drafts.get(i);
            while (contentLength(small) < minChunk && previous.size() > 1) {
                ChunkPiece moved = previous.getLast();
                List<ChunkPiece> grown = new ArrayList<>(small);
                grown.addFirst(moved);
                List<ChunkPiece> shrunk = previous.subList(0, previous.size() - 1);
                boolean sameSection = moved.headingPath()
                                .equals(small.getFirst().headingPath())
                        && Objects.equals(moved.anchor(), small.getFirst().anchor())
                        && !small.getFirst().isHeading();
                if (!sameSection
                        || moved.kind() != Kind.PROSE
                        || length(grown) > chunkSize
                        || contentLength(shrunk) < minChunk
                        || contentLength(grown) > contentLength(shrunk)) {
                    break;
                }
                previous.removeLast();
                small.addFirst(moved);
            }
        }
    }

    private boolean fits(List<ChunkPiece> pieces, ChunkPiece next) {
        List<ChunkPiece> grown = new ArrayList<>(pieces);
        grown.add(next);
        return length(grown) <= chunkSize;
    }

    /** The most the chunk of {@code pieces} can hold: its overlap allowance, then the pieces with separators. */
    private int length(List<ChunkPiece> pieces) {
        int overlap = overlapAllowance(pieces.getFirst());
        return overlap + (overlap > 0 ? pieces.getFirst().separator().length() : 0) + contentLength(pieces);
    }

    private int overlapAllowance(ChunkPiece first) {
        boolean continuesPassage =
                first.kind() == Kind.PROSE && !first.separator().isEmpty();
        int room = chunkSize - first.text().length() - first.separator().length();
        return continuesPassage ? Math.max(0, Math.min(chunkOverlap, room)) : 0;
    }

    private static int contentLength(List<ChunkPiece> pieces) {
        int length = 0;
        for (ChunkPiece piece : pieces) {
            length +=
                    (length > 0 ? piece.separator().length() : 0) + piece.text().length();
        }
        return length;
    }

    private List<ChunkText> emit() {
        List<ChunkText> chunks = new ArrayList<>(drafts.size());
        String overlapSource = "";
        for (List<ChunkPiece> pieces : drafts) {
            int allowance = chunks.isEmpty() ? 0 : overlapAllowance(pieces.getFirst());
            StringBuilder content = new StringBuilder(overlapFrom(overlapSource, allowance));
            StringBuilder prose = new StringBuilder(content);
            for (ChunkPiece piece : pieces) {
                if (!content.isEmpty()) {
                    content.append(piece.separator());
                    prose.append(prose.isEmpty() ? "" : piece.separator());
                }
                content.append(piece.text());
                if (piece.kind() == Kind.CODE) {
                    prose.setLength(0);
                } else {
                    prose.append(piece.text());
                }
            }
            ChunkPiece first = pieces.getFirst();
            chunks.add(new ChunkText(content.toString(), chunks.size(), first.headingPath(), first.anchor()));
            overlapSource = prose.toString();
        }
        return List.copyOf(chunks);
    }

    /**
     * At most {@code limit} characters from the end of {@code previous}, starting at the start of a word and never
     * all of it (a chunk always moves on).
     */
    private static String overlapFrom(String previous, int limit) {
        if (limit <= 0 || previous.isEmpty()) {
            return "";
        }
        int start = Math.max(1, previous.length() - limit);
        if (start > 0 && !Character.isWhitespace(previous.charAt(start - 1))) {
            while (start < previous.length() && !Character.isWhitespace(previous.charAt(start))) {
                start++;
            }
        }
        while (start < previous.length() && Character.isWhitespace(previous.charAt(start))) {
            start++;
        }
        return previous.substring(start);
    }
}

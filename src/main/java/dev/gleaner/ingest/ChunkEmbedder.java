package dev.gleaner.ingest;

import dev.gleaner.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The step crawled pages and uploaded files share: a text is chunked, each chunk embedded with the title and heading
 * path that make it meaningful on its own when it is retrieved out of its page, and given a new id. Thread-safe.
 */
public final class ChunkEmbedder {
    private final Chunker chunker;

    public ChunkEmbedder(Chunker chunker) {
        this.chunker = chunker;
    }

    /**
     * Where the chunks go and how they are cut.
     *
     * @param disabledTexts texts of chunks someone disabled in the dataset's previous version: a new chunk with the same
     *     text stays disabled
     */
    public record Target(
            String datasetId, String knowledgebaseId, int chunkSize, int chunkOverlap, Set<String> disabledTexts) {
        public Target {
            disabledTexts = Set.copyOf(disabledTexts);
        }
    }

    /**
     * The embedded chunks of {@code text}, in order; empty (and nothing embedded) when it has no chunk.
     *
     * @throws EmbeddingException when the embedding model fails
     */
    public List<EmbeddedChunk> chunkAndEmbed(String title, String text, Target target, Embedder embedder) {
        List<ChunkText> pieces = chunker.chunk(text, target.chunkSize(), target.chunkOverlap());
        if (pieces.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(pieces.size());
        for (ChunkText piece : pieces) {
            texts.add(piece.embeddingText(title));
        }
        List<float[]> vectors = embedder.embed(texts);
        List<EmbeddedChunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            ChunkText piece = pieces.get(i);
            Chunk chunk = new Chunk(
                    Ids.next("chunk"),
                    target.datasetId(),
                    target.knowledgebaseId(),
                    piece.position(),
                    piece.content(),
                    piece.headingPath(),
                    !target.disabledTexts().contains(piece.content()),
                    piece.anchor());
            chunks.add(new EmbeddedChunk(chunk, vectors.get(i)));
        }
        return chunks;
    }
}

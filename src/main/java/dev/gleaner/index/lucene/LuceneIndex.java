package dev.gleaner.index.lucene;

import dev.gleaner.index.IndexHit;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.EmbeddedChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index in Lucene: one document per chunk, in one index for all knowledgebases. An enabled chunk's vector
 * is in an HNSW field and its text (content and heading path) in a field analyzed by Lucene's
 * {@link EnglishAnalyzer} for BM25 keyword search, both fields <em>of its knowledgebase</em>: {@code vec_384.<kb id>}
 * (named after the vector's dimensions too) and {@code text.<kb id>}. A disabled chunk keeps its document (so it can be
 * counted and deleted) but has neither field.
 *
 * <p>Fields per knowledgebase because Lucene keeps its statistics per field: BM25's document frequencies and average
 * length are those of the knowledgebase alone, so one knowledgebase's ranking never depends on another's documents,
 * and each knowledgebase has its own HNSW graph, searched without a filter (a filtered graph search pays for the filter
 * over every chunk of the index and may fall back to exact search). One index rather than one per knowledgebase keeps
 * one writer, one commit and one atomic rebuild, and lets {@link #deleteDataset} work without knowing the
 * knowledgebase; the cost is a field name per knowledgebase, which Lucene handles well into the thousands.
 *
 * <p>Vectors are scaled to unit length when added and searched, and compared by dot product, which then equals their
 * cosine similarity: a third of the work of Lucene's cosine, which measures both lengths at every comparison.
 *
 * <p>English because the bundled model and the documentation Gleaner ingests are English: stemming lets "passwords"
 * match "password", and dropping stop words keeps a question's filler words from matching every chunk, while tokens
 * such as error codes ({@code E4031}) or option names ({@code max_retries}) stay whole.
 *
 * <p>Every change is visible to searches when its call returns. Changes are committed at most every
 * {@link #COMMIT_INTERVAL} (on the next change after it passed), on {@link #commit()} and on {@link #close()}, so a
 * restart after a crash may find the last few seconds missing: compare {@link #size()} with the store and
 * {@link #rebuild} when they differ. An index directory Lucene cannot read is started afresh (empty). Each commit
 * records the {@link #FORMAT} of its documents; an index written in an older format reports {@link #needsRebuild()}.
 * Thread-safe.
 */
public final class LuceneIndex implements SearchIndex {
    public static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);
    /** Documents handed to the writer at once during a rebuild. */
    public static final int REBUILD_BATCH = 1_000;
    /** The most neighbours one search returns; a larger {@code k} is lowered to it. */
    public static final int MAX_K = 1_000;
    /**
     * The fewest candidates one search explores: the graph search finds the true nearest neighbours more often when it
     * looks at more than the few hits usually asked for.
     */
    public static final int MIN_CANDIDATES = 100;
    /** The longest vector the default Lucene codec indexes. */
    public static final int MAX_DIMENSIONS = KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS;
    /**
     * The version of the document layout, kept in each commit's user data: 2 added the analyzed text field, 3 made the
     * text and vector fields per knowledgebase, with unit vectors compared by dot product, 4 stored each chunk's enabled
     * flag (compared with the store's when a change is applied). An index of another version
     * holds documents this code cannot search fully and must be rebuilt from the store.
     */
    public static final String FORMAT = "4";

    private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);
    private static final String CHUNK_ID = "chunk_id";
    private static final String DATASET_ID = "dataset_id";
    private static final String KNOWLEDGEBASE_ID = "kb_id";
    private static final String ENABLED = "enabled";
    private static final Set<String> STATE_FIELDS = Set.of(CHUNK_ID, ENABLED);
    private static final String TEXT = "text.";
    private static final Set<String> HIT_FIELDS = Set.of(CHUNK_ID);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Clock clock;
    private final TextMatching textMatching;
    /** Changes share the lock; a rebuild holds it alone so no change lands between its delete-all and its re-adds. */
    private final ReadWriteLock rebuildLock = new ReentrantReadWriteLock();

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastCommit;
    private volatile boolean needsRebuild;
    /** The change-feed position the documents reflect; -1 while unknown. */
    private volatile long position;

    private LuceneIndex(
            Directory directory, IndexWriter writer, Clock clock, boolean needsRebuild, OptionalLong position)
            throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.clock = clock;
        this.textMatching = new TextMatching(writer.getAnalyzer(), CHUNK_ID);
        this.lastCommit = clock.instant();
        this.needsRebuild = needsRebuild;
        this.position = position.orElse(-1);
        if (!needsRebuild) {
            // An older index keeps its marker until a rebuild has rewritten every document.
            DocumentFormat.mark(writer, position, false);
        }
    }

    /** Opens (creating it if needed) the index kept in {@code directory}. */
    public static LuceneIndex open(Path directory) {
        return open(directory, Clock.systemUTC());
    }

    /** Opens (creating it if needed) the index kept in {@code directory}; {@code clock} paces the commits. */
    public static LuceneIndex open(Path directory, Clock clock) {
        try {
            Files.createDirectories(directory);
            return create(FSDirectory.open(directory), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + directory, e);
        }
    }

    /** An index held in memory only, for tests and throwaway runs. */
    public static LuceneIndex inMemory() {
        try {
            return create(new ByteBuffersDirectory(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LuceneIndex create(Directory directory, Clock clock) throws IOException {
        IndexWriter writer;
        boolean olderFormat;
        OptionalLong position;
        try {
            writer = openWriter(directory);
            olderFormat = DocumentFormat.isOutdated(directory);
            position = DocumentFormat.position(directory);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        try {
            return new LuceneIndex(directory, writer, clock, olderFormat, position);
        } catch (IOException | RuntimeException e) {
            writer.close();
            directory.close();
            throw e;
        }
    }

    private static IndexWriter openWriter(Directory directory) throws IOException {
        try {
            return writer(directory, OpenMode.CREATE_OR_APPEND);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException unreadable) {
            LOG.warn("The search index is unreadable and starts empty; rebuild it from the store", unreadable);
            deleteIndexFiles(directory);
            return writer(directory, OpenMode.CREATE);
        }
    }

    /**
     * Whether the index was written in an older {@link #FORMAT} and must be {@link #rebuild rebuilt} from the store
     * before every search works; false again after a rebuild.
     */
    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** Deletes the files Lucene names, and only those: the directory may hold other things. */
    private static void deleteIndexFiles(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (file.startsWith(IndexFileNames.SEGMENTS)
                    || file.startsWith(IndexFileNames.PENDING_SEGMENTS)
                    || IndexFileNames.CODEC_FILE_PATTERN.matcher(file).matches()) {
                directory.deleteFile(file);
            }
        }
    }

    private static IndexWriter writer(Directory directory, OpenMode mode) throws IOException {
        Analyzer analyzer = new EnglishAnalyzer();
        return new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(mode));
    }

    @Override
    public void add(List<EmbeddedChunk> chunks) {
        change(() -> {
            for (EmbeddedChunk chunk : chunks) {
                writer.updateDocument(new Term(CHUNK_ID, chunk.chunk().id()), document(chunk));
            }
        });
    }

    /** {@inheritDoc} One refresh for all of them: searches see the old documents or the new ones, never neither. */
    @Override
    public void replaceDatasets(Map<String, List<EmbeddedChunk>> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        change(() -> {
            for (Map.Entry<String, List<EmbeddedChunk>> dataset : datasets.entrySet()) {
                writer.deleteDocuments(new Term(DATASET_ID, dataset.getKey()));
                for (EmbeddedChunk chunk : dataset.getValue()) {
                    writer.updateDocument(new Term(CHUNK_ID, chunk.chunk().id()), document(chunk));
                }
            }
        });
    }

    @Override
    public Map<String, Boolean> chunkStates(String datasetId) {
        return search(searcher -> {
            StoredFields storedFields = searcher.storedFields();
            Map<String, Boolean> states = new HashMap<>();
            Query query = new TermQuery(new Term(DATASET_ID, datasetId));
            // Counted first: a top-n search allocates its queue for n, and a dataset has a few chunks of many.
            int count = searcher.count(query);
            if (count == 0) {
                return states;
            }
            for (ScoreDoc scoreDoc : searcher.search(query, count).scoreDocs) {
                Document document = storedFields.document(scoreDoc.doc, STATE_FIELDS);
                String chunkId = document.get(CHUNK_ID);
                if (chunkId != null) {
                    IndexableField enabled = document.getField(ENABLED);
                    states.put(
                            chunkId, enabled != null && enabled.numericValue().intValue() == 1);
                }
            }
            return states;
        });
    }

    @Override
    public OptionalLong position() {
        long known = position;
        return known < 0 ? OptionalLong.empty() : OptionalLong.of(known);
    }

    /** {@inheritDoc} Recorded in the next commit, which it causes even when no document changed. */
    @Override
    public void applied(long position) {
        rebuildLock.readLock().lock();
        try {
            this.position = position;
            DocumentFormat.mark(writer, OptionalLong.of(position), true);
        } finally {
            rebuildLock.readLock().unlock();
        }
    }

    @Override
    public void deleteDataset(String datasetId) {
        change(() -> writer.deleteDocuments(new Term(DATASET_ID, datasetId)));
    }

    @Override
    public void deleteChunks(Collection<String> chunkIds) {
        change(() -> {
            for (String chunkId : chunkIds) {
                writer.deleteDocuments(new Term(CHUNK_ID, chunkId));
            }
        });
    }

    @Override
    public void deleteKnowledgebase(String knowledgebaseId) {
        change(() -> writer.deleteDocuments(new Term(KNOWLEDGEBASE_ID, knowledgebaseId)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code k < 1} or the vector is empty or longer than {@link #MAX_DIMENSIONS}
     */
    @Override
    public List<IndexHit> nearest(String knowledgebaseId, float[] vector, int k) {
        checkDimensions(vector);
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int limit = Math.min(k, MAX_K);
        int candidates = Math.max(limit, MIN_CANDIDATES);
        Query query =
                new KnnFloatVectorQuery(vectorField(knowledgebaseId, vector.length), unitLength(vector), candidates);
        return search(searcher -> {
            StoredFields storedFields = searcher.storedFields();
            List<IndexHit> hits = new ArrayList<>(limit);
            for (ScoreDoc scoreDoc : searcher.search(query, limit).scoreDocs) {
                String chunkId = storedFields.document(scoreDoc.doc, HIT_FIELDS).get(CHUNK_ID);
                if (chunkId != null) {
                    hits.add(new IndexHit(chunkId, cosine(scoreDoc.score)));
                }
            }
            return hits;
        });
    }

    /**
     * {@inheritDoc} The hits' {@link IndexHit#similarity()} is their coverage of the query's terms: the share, weighted
     * by inverse document frequency, of the query's distinct analyzed terms the chunk holds, in [0, 1].
     *
     * @throws IllegalArgumentException when {@code k < 1}
     */
    @Override
    public List<IndexHit> matching(String knowledgebaseId, String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return search(searcher -> textMatching.search(searcher, textField(knowledgebaseId), query, Math.min(k, MAX_K)));
    }

    private interface SearchWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} on the latest searcher, released afterwards. */
    private <T> T search(SearchWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size() {
        return search(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /**
     * {@inheritDoc} Changes made meanwhile wait for the rebuild to end. The source must hand each chunk once; a chunk
     * handed twice keeps its last version. The result is committed.
     */
    @Override
    public void rebuild(Consumer<Consumer<EmbeddedChunk>> source, long position) {
        rebuildLock.writeLock().lock();
        try {
            writer.deleteAll();
            List<EmbeddedChunk> batch = new ArrayList<>(REBUILD_BATCH);
            source.accept(chunk -> {
                batch.add(chunk);
                if (batch.size() >= REBUILD_BATCH) {
                    addBatch(batch);
                }
            });
            addBatch(batch);
            // Counts as a change, so even a rebuild to an empty index commits the current format.
            this.position = position;
            DocumentFormat.mark(writer, OptionalLong.of(position), true);
            commitNow();
            searchers.maybeRefreshBlocking();
            needsRebuild = false;
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the search index failed", e);
        } finally {
            rebuildLock.writeLock().unlock();
        }
    }

    /** Makes the changes so far durable, if there are any. */
    @Override
    public void commit() {
        rebuildLock.readLock().lock();
        try {
            commitNow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            rebuildLock.readLock().unlock();
        }
    }

    /** Commits and releases the index; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (directory;
                writer;
                searchers) {
            commitNow();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the search index failed", e);
        }
    }

    private interface IndexChange {
        void apply() throws IOException;
    }

    private void change(IndexChange indexChange) {
        rebuildLock.readLock().lock();
        try {
            indexChange.apply();
            searchers.maybeRefreshBlocking();
            if (!clock.instant().isBefore(lastCommit.plus(COMMIT_INTERVAL))) {
                commitNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("changing the search index failed", e);
        } finally {
            rebuildLock.readLock().unlock();
        }
    }

    private void commitNow() throws IOException {
        lastCommit = clock.instant();
        if (writer.hasUncommittedChanges()) {
            writer.commit();
        }
    }

    private void addBatch(List<EmbeddedChunk> batch) {
        try {
            for (EmbeddedChunk chunk : batch) {
                writer.updateDocument(new Term(CHUNK_ID, chunk.chunk().id()), document(chunk));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.clear();
    }

    private static Document document(EmbeddedChunk embedded) {
        checkDimensions(embedded.vector());
        Chunk chunk = embedded.chunk();
        Document document = new Document();
        document.add(new StringField(CHUNK_ID, chunk.id(), Field.Store.YES));
        document.add(new StringField(DATASET_ID, chunk.datasetId(), Field.Store.NO));
        document.add(new StringField(KNOWLEDGEBASE_ID, chunk.knowledgebaseId(), Field.Store.NO));
        document.add(new StoredField(ENABLED, chunk.enabled() ? 1 : 0));
        if (chunk.enabled()) {
            document.add(new KnnFloatVectorField(
                    vectorField(chunk.knowledgebaseId(), embedded.vector().length),
                    unitLength(embedded.vector()),
                    VectorSimilarityFunction.DOT_PRODUCT));
            document.add(new TextField(textField(chunk.knowledgebaseId()), searchableText(chunk), Field.Store.NO));
        }
        return document;
    }

    /** The heading path first: a query naming a section finds its chunks as well as one quoting them. */
    private static String searchableText(Chunk chunk) {
        return chunk.headingPath().isEmpty()
                ? chunk.content()
                : String.join(" / ", chunk.headingPath()) + "\n" + chunk.content();
    }

    private static void checkDimensions(float[] vector) {
        if (vector.length == 0 || vector.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "vectors need 1 to " + MAX_DIMENSIONS + " dimensions, got " + vector.length);
        }
    }

    private static String vectorField(String knowledgebaseId, int dimensions) {
        return "vec_" + dimensions + "." + knowledgebaseId;
    }

    private static String textField(String knowledgebaseId) {
        return TEXT + knowledgebaseId;
    }

    /** A copy of {@code vector} scaled to length 1; a zero vector stays zero (similar to nothing). */
    private static float[] unitLength(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        float[] unit = vector.clone();
        if (sumOfSquares > 0) {
            float scale = (float) (1 / Math.sqrt(sumOfSquares));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    /** Lucene scores the dot product of unit vectors, their cosine similarity, as {@code (1 + cos) / 2}. */
    private static double cosine(float score) {
        return Math.max(-1.0, Math.min(1.0, 2.0 * score - 1.0));
    }
}

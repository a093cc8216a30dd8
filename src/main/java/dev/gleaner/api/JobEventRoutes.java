package dev.gleaner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.EventToken;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.auth.EventTokens;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.events.JobFeed;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobService;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The job events stream ({@code GET …/crawl/events}, Server-Sent Events) and the route minting its short-lived tokens
 * ({@code POST …/crawl/events/token}). The stream authenticates with the developer key header or with a token of that
 * knowledgebase in {@code ?token=} (a browser's EventSource cannot send headers); never with a developer key in the
 * URL. Every check (auth, ownership, the open-stream limit) happens before the response starts, so failures get the
 * API's JSON error body.
 */
final class JobEventRoutes {
    static final String EVENTS = CrawlRoutes.CRAWL + "/events";
    static final String TOKEN = EVENTS + "/token";

    private final JobService jobs;
    private final Catalog catalog;
    private final EventServices events;
    private final EventStreams streams;
    private final Authentication authentication;
    private final RequestIo io;
    private final PathResources path;
    private final ObjectMapper mapper;

    JobEventRoutes(
            JobService jobs,
            Catalog catalog,
            EventServices events,
            EventStreams streams,
            Authentication authentication,
            RequestIo io,
            PathResources path,
            ObjectMapper mapper) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.events = events;
        this.streams = streams;
        this.authentication = authentication;
        this.io = io;
        this.path = path;
        this.mapper = mapper;
    }

    void register(ApiRouter router) {
        router.post(TOKEN, (ctx, owner) -> {
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            EventTokens.MintedToken minted = events.tokens().mint(owner, kb.id());
            io.reply(ctx, 201, new EventToken(minted.secret(), SchemaMapping.timestamp(minted.expiresAt())));
        });
        router.getAuthenticatedBy(EVENTS, this::ownerOf, this::stream);
    }

    /** The owner by the developer key header when one is sent, else by a token minted for this knowledgebase. */
    private String ownerOf(Context ctx) {
        @Nullable String header = ctx.header("Authorization");
        if (header != null) {
            return authentication.authenticate(ctx).ownerId();
        }
        authentication.refuseIfBlocked(authentication.clientAddress(ctx));
        String knowledgebaseId = path.knowledgebaseId(ctx);
        Optional<String> owner = events.tokens().ownerOf(ctx.queryParam("token"), knowledgebaseId);
        if (owner.isEmpty()) {
            authentication.failed(ctx);
        }
        // A token's requests share one rate per owner: tokens are minted by the owner's keys, each a request.
        owner.ifPresent(o -> authentication.limitRate(ctx, "owner:" + o));
        return owner.orElseThrow(() -> new ServiceException(
                ErrorCode.UNAUTHORIZED,
                "A valid developer key or events token is required",
                Map.of(
                        "Authorization",
                        "must be 'Bearer dk_…' with a valid developer key",
                        "token",
                        "else: an unexpired token minted for this knowledgebase by POST …/crawl/events/token")));
    }

    @SuppressWarnings("try") // the subscription is held open, unread, for as long as the stream is written
    private void stream(Context ctx, String owner) throws IOException {
        Knowledgebase kb = path.knowledgebase(ctx, owner);
        @Nullable String lastEventId = ctx.header("Last-Event-ID");
        @Nullable
        Instant resume = JobEventStream.resumeFrom(lastEventId != null ? lastEventId : ctx.queryParam("lastEventId"));
        HttpServletResponse response = ctx.res();
        JobEventStream stream = new JobEventStream(
                response.getOutputStream(), mapper, events.clock(), events.settings(), () -> exists(owner, kb));
        streams.admit(stream, owner);
        // Subscribed before the snapshot is read, so a change committed in between is not missed (a duplicate is
        // dropped by the stream's throttle).
        try (JobFeed.Subscription subscription = events.feed().subscribe(kb.id(), stream)) {
            List<CrawlJob> snapshot = snapshot(kb, resume);
            ctx.status(200);
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            stream.run(snapshot);
        } catch (IOException e) {
            // The client went away: nothing to answer.
        } finally {
            streams.ended(stream, owner);
        }
    }

    private List<CrawlJob> snapshot(Knowledgebase kb, @Nullable Instant resume) {
        List<CrawlJob> all = jobs.list(kb);
        if (resume == null) {
            return all;
        }
        Instant from = resume.minus(events.feed().slack());
        return all.stream().filter(job -> !job.updatedAt().isBefore(from)).toList();
    }

    private boolean exists(String owner, Knowledgebase kb) {
        try {
            catalog.knowledgebase(owner, kb.projectId(), kb.id());
            return true;
        } catch (ServiceException e) {
            return e.code() != ErrorCode.NOT_FOUND;
        }
    }
}

package dev.campaigndialer.validate.campaign;

import dev.campaigndialer.core.domain.Campaign;
import dev.campaigndialer.core.domain.CampaignStatus;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.message.CampaignAccepted;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.db.repository.CampaignRepository;
import dev.campaigndialer.db.repository.ContactWriter;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.db.repository.IdempotencyRepository;
import dev.campaigndialer.db.repository.IdempotencyRepository.StoredResponse;
import dev.campaigndialer.db.repository.OutboxRepository;
import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.FieldError;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.api.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Submitting and reading campaigns. A submission is stored whole or not at all: the campaign,
 * its contacts (COPY), its idempotency record and its "campaign accepted" outbox row commit in
 * one transaction; the message is relayed to the dispatch queue after the commit. Thread-safe.
 */
public final class CampaignService {

    /** Response header on a {@code POST /campaigns} answered from its idempotency record. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final JsonLog LOG = JsonLog.forClass(CampaignService.class);

    private final Jdbi jdbi;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SubmissionParser parser = new SubmissionParser();
    private final ContactScreening screening = new ContactScreening();

    public CampaignService(Jdbi jdbi, OutboxRelay relay, Clock clock) {
        this.jdbi = jdbi;
        this.relay = relay;
        this.clock = clock;
    }

    public HttpResponse submit(String owner, Optional<String> idempotencyKey, String body) {
        long started = System.nanoTime();
        idempotencyKey.ifPresent(key -> {
            if (key.isEmpty() || key.length() > 128) {
                throw ApiException.invalid(List.of(new FieldError("Idempotency-Key", "must be 1 to 128 characters")));
            }
            Text.problem(key).ifPresent(problem -> {
                throw ApiException.invalid(List.of(new FieldError("Idempotency-Key", Text.rule() + "; " + problem)));
            });
        });
        String requestHash = sha256(body);
        // A retried request must not pay for validation again, nor fail it differently.
        Optional<HttpResponse> replay = idempotencyKey.flatMap(key -> stored(owner, key, requestHash));
        if (replay.isPresent()) {
            return replay.get();
        }
        Submission submission = parser.parse(body);
        ScreenedContacts screened = screening.screen(submission.contacts(), submission.draft().defaultRegion(),
                numbers -> jdbi.withExtension(DncRepository.class, dnc -> dnc.listed(owner, numbers)));
        if (screened.counts().accepted() == 0) {
            var counts = screened.counts();
            throw new ApiException(400, "Invalid request", "no callable contact left", List.of(new FieldError("contacts",
                    "no callable contact left: " + counts.invalid() + " invalid, " + counts.duplicate() + " duplicate, "
                            + counts.suppressed() + " suppressed")));
        }
        long validated = System.nanoTime();
        UUID campaignId = UUID.randomUUID();
        UUID outboxId = UUID.randomUUID();
        Instant now = clock.instant();
        var created = new CampaignViews.Created(campaignId, CampaignStatus.ACCEPTED.name(), screened.counts(),
                screened.rejections().subList(0, Math.min(screened.rejections().size(), Limits.MAX_REJECTIONS_LISTED)));
        HttpResponse response = HttpResponse.created("/campaigns/" + campaignId, created);

        HttpResponse result = jdbi.inTransaction(handle -> {
            if (idempotencyKey.isPresent()) {
                IdempotencyRepository keys = handle.attach(IdempotencyRepository.class);
                // Blocks while a concurrent request with the same key is in flight, then sees its result.
                if (keys.claim(owner, idempotencyKey.get(), requestHash, now) == 0) {
                    return Optional.<HttpResponse>empty();
                }
                keys.complete(owner, idempotencyKey.get(), response.status(), Json.write(Map.of(
                        "location", response.headers().get("Location"), "body", response.body())), campaignId);
            }
            store(handle, owner, campaignId, submission.draft(), screened, now);
            handle.attach(OutboxRepository.class).add(outboxId, QueueTopology.DISPATCH,
                    Messages.write(CampaignAccepted.of(campaignId)), 0, now);
            return Optional.of(response);
        }).orElseGet(() -> stored(owner, idempotencyKey.orElseThrow(), requestHash)
                .orElseThrow(() -> new ApiException(409, "Conflict", "a request with this Idempotency-Key is in progress")));

        long stored = System.nanoTime();

        if (result == response) {
            JsonLog.put("campaignId", campaignId.toString());
            relayAfterCommit(outboxId);
            // Where a submission's time goes, for ops and for benchmarks/run.sh intake: validation
            // (parse, normalise, DNC lookup), the storing transaction (COPY included), the relay.
            LOG.info("campaign accepted", "received", screened.counts().received(), "accepted", screened.counts().accepted(),
                    "validateMs", millis(started, validated), "storeMs", millis(validated, stored),
                    "relayMs", millis(stored, System.nanoTime()));
        }
        return result;
    }

    private void store(Handle handle, String owner, UUID id, CampaignDraft draft, ScreenedContacts screened, Instant now) {
        handle.attach(CampaignRepository.class).insert(new Campaign(id, owner, draft.name(), draft.callerId(),
                draft.defaultRegion(), draft.timezone(), draft.windowStart(), draft.windowEnd(), draft.maxAttempts(),
                draft.backoffSeconds(), draft.retryOn(), draft.maxConcurrentCalls(), CampaignStatus.ACCEPTED,
                screened.counts(), 0, now, now, null));
        ContactWriter.copy(handle, id, screened.stored());
    }

    // If this fails (or the function dies first), the row stays unsent and the next invocation or
    // the minute sweep relays it: the campaign is already safely stored.
    private void relayAfterCommit(UUID outboxId) {
        try {
            relay.relay(List.of(outboxId));
        } catch (RuntimeException e) {
            LOG.error("dispatch message not sent yet; it stays in the outbox for the next relay", e);
        }
    }

    private Optional<HttpResponse> stored(String owner, String key, String requestHash) {
        Optional<StoredResponse> stored = jdbi.withExtension(IdempotencyRepository.class, keys -> keys.find(owner, key));
        return stored.map(previous -> {
            if (!previous.requestHash().equals(requestHash)) {
                throw new ApiException(422, "Idempotency key reused",
                        "this Idempotency-Key was used with a different request body");
            }
            var saved = Json.read(previous.body(), StoredCreated.class);
            // Idempotent-Replayed tells the client (and the handler's metrics) that nothing new was created.
            return new HttpResponse(previous.status(), Map.of("Content-Type", "application/json",
                    "Location", saved.location(), REPLAYED, "true"), saved.body());
        });
    }

    private record StoredCreated(String location, String body) {
    }

    public CampaignViews.CampaignList list(String owner) {
        return new CampaignViews.CampaignList(jdbi.withExtension(CampaignRepository.class,
                campaigns -> campaigns.listForOwner(owner, 1000)).stream().map(CampaignViews.Summary::of).toList());
    }

    public CampaignViews.Progress progress(String owner, UUID id) {
        return jdbi.withExtension(CampaignRepository.class, campaigns -> campaigns.findForOwner(id, owner)
                .map(campaign -> campaign.status() == CampaignStatus.ERASED
                        ? CampaignViews.Progress.erased(campaign, campaigns.erasedAt(id))
                        : CampaignViews.Progress.of(campaign, campaigns.latestTaskCounts(id),
                                campaigns.nextCallAt(id).orElse(null)))
                .orElseThrow(() -> ApiException.notFound("campaign " + id)));
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.campaigndialer.db;

import dev.campaigndialer.core.domain.TaskStatus;
import dev.campaigndialer.db.repository.DialTaskRepository;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.db.repository.TaskContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What enrich and dial share about tasks that end without a call: the owner's DNC list checked for
 * a whole batch at once, and ending tasks (suppressed, cancelled, no calling window) in one
 * conditional statement, then completing each campaign that may have finished. Thread-safe.
 */
public final class UndialledTasks {

    private final Jdbi jdbi;
    private final CampaignCompletion completion;

    public UndialledTasks(Jdbi jdbi, CampaignCompletion completion) {
        this.jdbi = jdbi;
        this.completion = completion;
    }

    /** The key {@link #onDncLists} answers with for a task. */
    public static String dncKey(TaskContext task) {
        return task.ownerId() + " " + task.phone();
    }

    /** The {@link #dncKey}s of the tasks whose number is on their owner's DNC list now. */
    public Set<String> onDncLists(Collection<TaskContext> tasks) {
        if (tasks.isEmpty()) {
            return Set.of();
        }
        String[] owners = tasks.stream().map(TaskContext::ownerId).toArray(String[]::new);
        String[] phones = tasks.stream().map(TaskContext::phone).toArray(String[]::new);
        return jdbi.withExtension(DncRepository.class, dnc -> dnc.listedPairs(owners, phones));
    }

    public Batch batch() {
        return new Batch();
    }

    /** Tasks to end together. Not thread-safe: one per batch of messages. */
    public final class Batch {
        private final Ends waiting = new Ends();
        private final Ends claimed = new Ends();

        private Batch() {
        }

        /** A waiting task (PENDING, READY, SCHEDULED), or a claimed one whose call was never placed (DIALING). */
        public void add(TaskContext task, TaskStatus status, String reason) {
            (task.status() == TaskStatus.DIALING ? claimed : waiting).add(task.taskId(), status, reason);
        }

        /**
         * Ends the tasks still open (a duplicate message finds its task ended already), freeing the
         * call slots of claimed ones, then completes their campaigns if nothing is left open: after
         * the commit, as completion requires.
         */
        public void finish(Instant now) {
            if (waiting.ids.isEmpty() && claimed.ids.isEmpty()) {
                return;
            }
            List<DialTaskRepository.TaskRef> ended = new ArrayList<>();
            jdbi.useExtension(DialTaskRepository.class, tasks -> {
                if (!waiting.ids.isEmpty()) {
                    ended.addAll(tasks.finishUndialled(waiting.ids(), waiting.statuses(), waiting.reasons(), now));
                }
                if (!claimed.ids.isEmpty()) {
                    ended.addAll(tasks.finishUnplaced(claimed.ids(), claimed.statuses(), claimed.reasons(), now));
                }
            });
            Set<UUID> campaigns = new LinkedHashSet<>();
            ended.forEach(task -> campaigns.add(task.campaignId()));
            campaigns.forEach(completion::completeIfDone);
        }
    }

    /** Parallel lists of tasks to end: ids, statuses and reasons. */
    private static final class Ends {
        private final List<UUID> ids = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();

        void add(UUID id, TaskStatus status, String reason) {
            ids.add(id);
            statuses.add(status.name());
            reasons.add(reason);
        }

        UUID[] ids() {
            return ids.toArray(UUID[]::new);
        }

        String[] statuses() {
            return statuses.toArray(String[]::new);
        }

        String[] reasons() {
            return reasons.toArray(String[]::new);
        }
    }
}

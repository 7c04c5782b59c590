package dev.campaigndialer.core.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalog agrees with itself and with QueueTopology: each queue has exactly one consumer, in
 * the module QueueTopology names; only the functions that place or poll calls may call Amazon
 * Connect; only the migration function reads the admin secret.
 */
class FunctionCatalogIsConsistentTest {

    @Test
    void everyQueueIsConsumedByExactlyOneFunctionOfTheModuleQueueTopologyNames() {
        for (QueueSettings queue : QueueTopology.all()) {
            List<FunctionManifest> consumers = FunctionCatalog.all().stream()
                    .filter(function -> function.consumes().filter(queue.name()::equals).isPresent()).toList();
            assertThat(consumers).as("consumers of the %s queue", queue.name()).hasSize(1);
            assertThat(consumers.get(0).module()).as("module consuming %s", queue.name()).isEqualTo(queue.consumerModule());
        }
    }

    @Test
    void functionNamesAreUniqueAndFoundByName() {
        assertThat(FunctionCatalog.all()).extracting(FunctionManifest::name).doesNotHaveDuplicates().hasSize(8);
        FunctionCatalog.all().forEach(function -> assertThat(FunctionCatalog.named(function.name())).isSameAs(function));
        assertThat(FunctionCatalog.named("migrate")).isSameAs(FunctionCatalog.MIGRATE);
    }

    @Test
    void onlyTheDialerPlacesCallsAndOnlyTheStatusCheckerPollsThem() {
        for (FunctionManifest function : FunctionCatalog.all()) {
            assertThat(function.mayCall(FunctionCatalog.START_OUTBOUND_VOICE_CONTACT)).as(function.name())
                    .isEqualTo(function == FunctionCatalog.DIALER_WORKER);
            assertThat(function.mayCall(FunctionCatalog.DESCRIBE_CONTACT)).as(function.name())
                    .isEqualTo(function == FunctionCatalog.STATUS_CHECKER);
        }
        assertThat(FunctionCatalog.MINUTE_SWEEP.telephony()).as("the minute sweep never calls the carrier").isFalse();
    }

    @Test
    void functionsReadTheApplicationSecretAndOnlyTheMigrationReadsTheAdminOne() {
        FunctionCatalog.all().forEach(function -> assertThat(function.secrets()).as(function.name())
                .isEqualTo(Set.of(DatabaseSecret.APPLICATION)));
        assertThat(FunctionCatalog.MIGRATE.secrets()).containsExactlyInAnyOrder(DatabaseSecret.ADMIN, DatabaseSecret.APPLICATION);
        assertThat(FunctionCatalog.MIGRATE.sendsTo()).isEmpty();
    }

    @Test
    void theSendsThatCompletionResumeAndCancelNeedAreDeclared() {
        // Completing a campaign relays a REPORT message from whichever function finished its last task.
        for (FunctionManifest function : List.of(FunctionCatalog.VALIDATE_CAMPAIGN, FunctionCatalog.ENRICH_DIAL_TASK,
                FunctionCatalog.DIALER_WORKER, FunctionCatalog.STATUS_CHECKER, FunctionCatalog.MINUTE_SWEEP)) {
            assertThat(function.maySendTo(QueueTopology.REPORT)).as("%s completes campaigns", function.name()).isTrue();
        }
        // Resume re-sends parked tasks to DIAL and an interrupted fan-out to DISPATCH.
        assertThat(FunctionCatalog.VALIDATE_CAMPAIGN.sendsTo())
                .containsExactlyInAnyOrder(QueueTopology.DISPATCH, QueueTopology.DIAL, QueueTopology.REPORT);
    }
}

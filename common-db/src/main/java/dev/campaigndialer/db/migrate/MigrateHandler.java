package dev.campaigndialer.db.migrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.campaigndialer.core.config.Env;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;

/** The migration function (invoked once after {@code terraform apply}); returns what it applied. */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        MigrateResult result = MigrationRun.fromEnvironment(Env.system()).run();
        return Map.of(
                "migrationsExecuted", result.migrationsExecuted,
                "targetSchemaVersion", String.valueOf(result.targetSchemaVersion),
                "success", result.success);
    }
}

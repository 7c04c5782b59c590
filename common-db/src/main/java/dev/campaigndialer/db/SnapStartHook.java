package dev.campaigndialer.db;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart (CRaC) readiness: no open connection may be captured in the snapshot (it would be
 * dead, or shared by every restored container), and credentials are re-read after restore.
 */
final class SnapStartHook implements Resource {

    private final Database database;

    private SnapStartHook(Database database) {
        this.database = database;
    }

    static SnapStartHook register(Database database) {
        var hook = new SnapStartHook(database);
        Core.getGlobalContext().register(hook);
        return hook;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        database.evictConnections();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        database.afterRestore();
    }
}

package dev.campaigndialer.db.credentials;

/**
 * Where connection credentials come from. Implementations cache for the container's life and
 * fetch again only when asked to (an authentication failure, a SnapStart restore).
 */
public interface CredentialsProvider {

    /** The cached credentials, fetched on first use. */
    DatabaseCredentials current();

    /** Forgets the cached credentials and fetches them again (after a rotation). */
    DatabaseCredentials refresh();
}

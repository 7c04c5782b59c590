package dev.campaigndialer.testkit;

/**
 * A fresh database owned by its own login role, created per test class.
 *
 * @param host     where PostgreSQL itself listens (direct, as an admin's migration would connect)
 * @param port     PostgreSQL's port
 * @param name     database name
 * @param user     owner role
 * @param password the role's password
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    /** A direct connection URL for migrations and assertions; functions go through the proxy. */
    public String directJdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " as " + user + " on " + host + ":" + port + "]";
    }
}

package dev.campaigndialer.localaws;

/**
 * A fresh database owned by its own admin role, created per test class, and the application role the
 * functions log in as (created by the migrations, with DML only: the same split as in AWS).
 *
 * @param host                where PostgreSQL itself listens (direct, as an admin's migration would connect)
 * @param port                PostgreSQL's port
 * @param name                database name
 * @param user                the admin: owns the database and its tables, runs the migrations
 * @param password            the admin's password
 * @param applicationUser     the functions' role (the migrations create it and set its password)
 * @param applicationPassword the password the migrations give it
 */
public record TestDatabase(String host, int port, String name, String user, String password, String applicationUser,
        String applicationPassword) {

    /** A direct connection URL for migrations and assertions; functions go through the proxy. */
    public String directJdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " owned by " + user + ", functions as " + applicationUser + " on " + host + ":"
                + port + "]";
    }
}

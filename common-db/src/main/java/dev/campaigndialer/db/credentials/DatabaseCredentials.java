package dev.campaigndialer.db.credentials;

/** A user name and password (or IAM token). {@link #toString()} never shows the secret part. */
public record DatabaseCredentials(String username, String password) {
    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=***]";
    }
}

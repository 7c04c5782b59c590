package dev.campaigndialer.validate.campaign;

/** The API's size limits (API.md). */
public final class Limits {

    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    public static final int MAX_CONTACTS = 100_000;
    public static final int MAX_ATTRIBUTES_BYTES = 2 * 1024;
    public static final int MAX_REJECTIONS_LISTED = 1_000;
    public static final int MAX_FIELD_ERRORS_LISTED = 100;

    private Limits() {
    }
}

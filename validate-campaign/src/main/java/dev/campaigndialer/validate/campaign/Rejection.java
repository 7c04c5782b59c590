package dev.campaigndialer.validate.campaign;

/** A contact that will not be dialled, and why (API.md's reasons). */
public record Rejection(int row, String phone, String reason) {

    public static final String INVALID_NUMBER = "INVALID_NUMBER";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String INVALID_TIMEZONE = "INVALID_TIMEZONE";
    public static final String ATTRIBUTES_TOO_LARGE = "ATTRIBUTES_TOO_LARGE";
}

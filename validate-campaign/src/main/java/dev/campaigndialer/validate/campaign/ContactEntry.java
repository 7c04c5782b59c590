package dev.campaigndialer.validate.campaign;

/**
 * One submitted contact, as written (before number normalisation).
 *
 * @param row            1-based over the submitted entries (data rows for CSV)
 * @param attributesJson the attributes object serialized, or null
 */
public record ContactEntry(int row, String phone, String name, String timezone, String attributesJson) {
}

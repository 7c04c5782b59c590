package dev.campaigndialer.core.api;

import java.util.List;

/** A request that gets a problem+json answer instead of being carried out; nothing was stored. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "Invalid request",
                errors.size() == 1 ? "1 problem with the request" : errors.size() + " problems with the request", errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " does not exist");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

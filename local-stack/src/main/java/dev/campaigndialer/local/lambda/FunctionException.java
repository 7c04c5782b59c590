package dev.campaigndialer.local.lambda;

/** An invocation that did not return a response, the way Lambda reports it to the caller. */
public final class FunctionException extends Exception {

    /** What went wrong, in Lambda's terms. */
    public enum Kind {
        /** The handler class could not be loaded or constructed (Runtime.ExitError / init error). */
        INIT,
        /** The event JSON did not deserialize into the handler's input type. */
        EVENT,
        /** The handler threw (an unhandled function error). */
        HANDLER,
        /** The handler ran past the function timeout ("Task timed out after N seconds"). */
        TIMEOUT,
        /** The handler's result did not serialize. */
        RESPONSE
    }

    private final Kind kind;
    private final String function;

    public FunctionException(String function, Kind kind, String message, Throwable cause) {
        super(function + ": " + message, cause);
        this.function = function;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String function() {
        return function;
    }
}

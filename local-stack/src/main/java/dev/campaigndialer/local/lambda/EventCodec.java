package dev.campaigndialer.local.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function's events and responses as JSON, through the Lambda Java runtime's serializer with
 * the types loaded from the function's own loader (see {@link LambdaSerialization}). Thread-safe.
 */
final class EventCodec implements AutoCloseable {

    private final FunctionSpec spec;
    private final Class<?> eventType;
    private final LambdaSerialization serialization;
    private final LambdaSerialization.Serializer input;
    private final LambdaSerialization.Serializer output;

    EventCodec(FunctionSpec spec, FunctionCode code) {
        this.spec = spec;
        this.eventType = code.eventType();
        this.serialization = new LambdaSerialization(spec.name());
        this.input = serialization.serializerFor(eventType, code.loader());
        this.output = code.responseType() == void.class ? null
                : serialization.serializerFor(code.responseType(), code.loader());
    }

    Object read(String eventJson) throws FunctionException {
        try {
            return input.fromJson(eventJson);
        } catch (RuntimeException | LinkageError e) {
            throw new FunctionException(spec.name(), FunctionException.Kind.EVENT, "the event does not deserialize into "
                    + eventType.getName() + ": " + e, e);
        }
    }

    /** The response as JSON; {@code "null"} for none, as Lambda answers a void handler. */
    String write(Object response) throws FunctionException {
        if (response == null || output == null) {
            return "null";
        }
        try {
            var bytes = new ByteArrayOutputStream();
            output.toJson(response, bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (RuntimeException | LinkageError e) {
            throw new FunctionException(spec.name(), FunctionException.Kind.RESPONSE, "the response does not serialize: "
                    + e, e);
        }
    }

    @Override
    public void close() {
        serialization.close();
    }
}

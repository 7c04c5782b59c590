package dev.campaigndialer.core.function;

import dev.campaigndialer.core.queue.QueueTopology;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one Lambda function consumes, sends to and may call: the one declaration its code, its
 * Terraform (environment, IAM grants) and its local-stack environment are all checked against.
 *
 * @param name           the function's key, as in Terraform's {@code local.functions}
 * @param module         the Maven module whose jar holds the handler
 * @param handlerClass   the fully qualified handler class (Lambda calls its {@code handleRequest})
 * @param consumes       the queue whose event source mapping invokes it, if any
 * @param sendsTo        the queues it may send to: each gives it a {@code <NAME>_QUEUE_URL} variable
 *                       and {@code sqs:SendMessage} on that queue, and nothing else can be sent
 * @param connectActions the Amazon Connect API actions it calls; any at all also give it the
 *                       telephony settings ({@code TELEPHONY_PROVIDER}, {@code CONNECT_*})
 * @param secrets        the database secrets it reads
 * @param settings       the deployment settings it reads from its environment besides those (for
 *                       example {@code DATA_RETENTION_DAYS}); Terraform gives each function exactly these
 */
public record FunctionManifest(
        String name,
        String module,
        String handlerClass,
        Optional<String> consumes,
        Set<String> sendsTo,
        Set<String> connectActions,
        Set<DatabaseSecret> secrets,
        Set<String> settings) {

    /** A function that reads no deployment setting besides its queues, telephony and secrets. */
    public FunctionManifest(String name, String module, String handlerClass, Optional<String> consumes,
            Set<String> sendsTo, Set<String> connectActions, Set<DatabaseSecret> secrets) {
        this(name, module, handlerClass, consumes, sendsTo, connectActions, secrets, Set.of());
    }

    public FunctionManifest {
        consumes.ifPresent(QueueTopology::of);
        sendsTo.forEach(QueueTopology::of);
        // Sorted, unmodifiable copies: messages and environments read the same on every run.
        sendsTo = Collections.unmodifiableSet(new TreeSet<>(sendsTo));
        connectActions = Collections.unmodifiableSet(new TreeSet<>(connectActions));
        settings = Collections.unmodifiableSet(new TreeSet<>(settings));
        EnumSet<DatabaseSecret> secretsCopy = EnumSet.noneOf(DatabaseSecret.class);
        secretsCopy.addAll(secrets);
        secrets = Collections.unmodifiableSet(secretsCopy);
        for (String action : connectActions) {
            if (!action.startsWith("connect:")) {
                throw new IllegalArgumentException(name + ": Connect action " + action + " must be connect:<Action>");
            }
        }
    }

    /** Whether it places or polls calls (and so gets the telephony settings). */
    public boolean telephony() {
        return !connectActions.isEmpty();
    }

    /** {@code dev.campaigndialer.x.SomeHandler::handleRequest}, as Lambda and Terraform name a handler. */
    public String handler() {
        return handlerClass + "::handleRequest";
    }

    public boolean mayCall(String connectAction) {
        return connectActions.contains(connectAction);
    }

    public boolean maySendTo(String queue) {
        return sendsTo.contains(queue);
    }

    @Override
    public String toString() {
        return name;
    }
}

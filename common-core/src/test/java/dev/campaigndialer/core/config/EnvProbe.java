package dev.campaigndialer.core.config;

/**
 * A fresh JVM's view of {@link Env#system()}: prints the value of the variable named by the first
 * argument, or {@code <unset>}. With a second argument {@code opt-in} it first does what the local
 * stack's runtime does.
 */
public final class EnvProbe {

    private EnvProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length > 1 && args[1].equals("opt-in")) {
            // By name, as the local stack's runtime reaches each function's own copy of Env.
            Env.class.getMethod("allowSystemPropertyOverrides").invoke(null);
        }
        System.out.println(Env.system().optional(args[0]).orElse("<unset>"));
    }
}

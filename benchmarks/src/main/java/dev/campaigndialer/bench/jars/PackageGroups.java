package dev.campaigndialer.bench.jars;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Names the library a jar entry belongs to by its leading package directories: two levels by
 * default ({@code org/postgresql}, {@code com/zaxxer}), more under umbrella prefixes where the
 * next level is what tells libraries apart ({@code software/amazon/awssdk} vs
 * {@code software/amazon/eventstream}, {@code com/google/i18n/phonenumbers}). Each AWS SDK service
 * client is its own group ({@code software/amazon/awssdk/services/sqs}), apart from the SDK core,
 * because the service models are what make an SDK jar big.
 */
final class PackageGroups {

    private record Rule(String prefix, int depth) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("META-INF", 1),
            new Rule("software/amazon/awssdk/services", 5),
            new Rule("software/amazon", 3),
            new Rule("com/amazonaws", 3),
            new Rule("com/fasterxml", 3),
            new Rule("com/google", 4),
            new Rule("org/apache/commons", 4),
            new Rule("org/apache", 3),
            new Rule("dev/campaigndialer", 3))
            .stream()
            .sorted(Comparator.comparingInt((Rule rule) -> rule.prefix().length()).reversed())
            .toList();

    private static final int DEFAULT_DEPTH = 2;

    private PackageGroups() {
    }

    /** The group of a jar entry name such as {@code org/postgresql/core/v3/QueryExecutorImpl.class}. */
    static String of(String entryName) {
        int lastSlash = entryName.lastIndexOf('/');
        if (lastSlash < 0) {
            return "(root)";
        }
        String[] directories = entryName.substring(0, lastSlash).split("/");
        int depth = RULES.stream()
                .filter(rule -> entryName.startsWith(rule.prefix() + "/"))
                .findFirst()
                .map(Rule::depth)
                .orElse(DEFAULT_DEPTH);
        return String.join("/", Arrays.copyOf(directories, Math.min(depth, directories.length)));
    }
}

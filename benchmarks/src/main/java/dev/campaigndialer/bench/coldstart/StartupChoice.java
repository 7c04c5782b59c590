package dev.campaigndialer.bench.coldstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A way of starting the functions' JVM that the benchmark measures, on top of the options every
 * measured JVM gets ({@link FreshJvm}).
 *
 * @param key                 the name in the JSON and on the command line ({@code -Dcoldstart.choices})
 * @param description         what it is, for the table
 * @param jvmOptions          its JVM options
 * @param classDataSharing    whether the JVM maps the target's AppCDS archive, made by a training
 *                            run ({@code -XX:ArchiveClassesAtExit}) before the measured runs
 */
public record StartupChoice(String key, String description, List<String> jvmOptions, boolean classDataSharing) {

    private static final List<String> C1_ONLY = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    public static final List<StartupChoice> ALL = List.of(
            new StartupChoice("default", "JVM defaults", List.of(), false),
            new StartupChoice("c1", "C1 only (Terraform's JAVA_TOOL_OPTIONS)", C1_ONLY, false),
            new StartupChoice("appcds", "AppCDS archive of the training run", List.of(), true),
            new StartupChoice("appcds_c1", "AppCDS + C1 only", C1_ONLY, true));

    public static StartupChoice named(String key) {
        return ALL.stream().filter(choice -> choice.key().equals(key)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no start-up choice " + key + "; known: "
                        + ALL.stream().map(StartupChoice::key).toList()));
    }

    /** The options for one target's JVM: its archive is {@code <archives>/<target>.jsa}. */
    List<String> optionsFor(String target, Path archives) {
        List<String> options = new ArrayList<>(jvmOptions);
        if (classDataSharing) {
            options.add("-XX:SharedArchiveFile=" + archive(target, archives));
        }
        return options;
    }

    /** The training run's options: it writes the archive the AppCDS choices map. */
    static List<String> trainingOptionsFor(String target, Path archives) {
        return List.of("-XX:ArchiveClassesAtExit=" + archive(target, archives));
    }

    private static Path archive(String target, Path archives) {
        return archives.resolve(target + ".jsa");
    }
}

package dev.campaigndialer.bench.jars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What one function's shaded Lambda jar is made of.
 *
 * @param module      the function module
 * @param bytes       size of {@code <module>/target/<module>.jar}; 0 when missing
 * @param classes     {@code .class} entries
 * @param topPackages the biggest contributors, by compressed bytes in the jar (they add up to the jar's size)
 * @param missing     why there is no jar to measure, when there is none
 */
public record JarReport(String module, long bytes, int classes, List<PackageShare> topPackages,
        Optional<String> missing) {

    /**
     * One package group's share of a jar.
     *
     * @param name    e.g. {@code software/amazon/awssdk}
     * @param bytes   compressed bytes of its entries
     * @param classes its {@code .class} entries
     */
    public record PackageShare(String name, long bytes, int classes) {
    }

    public static JarReport measure(Path repositoryRoot, String module, int top) {
        Path jar = repositoryRoot.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            String reason = Files.isDirectory(repositoryRoot.resolve(module))
                    ? "no " + repositoryRoot.relativize(jar) + " (the module did not write its Lambda jar)"
                    : "no module " + module + " yet";
            return new JarReport(module, 0, 0, List.of(), Optional.of(reason));
        }
        try (var zip = new ZipFile(jar.toFile())) {
            Map<String, long[]> groups = new HashMap<>();
            int classes = 0;
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.isDirectory()) {
                    continue;
                }
                boolean isClass = entry.getName().endsWith(".class");
                classes += isClass ? 1 : 0;
                long[] share = groups.computeIfAbsent(PackageGroups.of(entry.getName()), name -> new long[2]);
                share[0] += Math.max(0, entry.getCompressedSize());
                share[1] += isClass ? 1 : 0;
            }
            List<PackageShare> biggest = groups.entrySet().stream()
                    .map(group -> new PackageShare(group.getKey(), group.getValue()[0], (int) group.getValue()[1]))
                    .sorted(Comparator.comparingLong(PackageShare::bytes).reversed())
                    .limit(top)
                    .toList();
            return new JarReport(module, Files.size(jar), classes, biggest, Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}

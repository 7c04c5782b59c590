package dev.campaigndialer.bench.coldstart;

import dev.campaigndialer.bench.coldstart.launcher.FirstInvocationLauncher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The launcher package's classes, in a jar of their own: the measured JVM's class path then holds
 * the function's jar, the Lambda serializer and these classes, and nothing else of this module or
 * its dependencies. A jar rather than a directory because class-data sharing refuses a class path
 * with a non-empty directory on it.
 */
final class LauncherClasses {

    private LauncherClasses() {
    }

    /** Writes the package's classes to {@code jar} and returns it, for {@code -cp}. */
    static Path writeJar(Path jar) {
        String packagePath = FirstInvocationLauncher.class.getPackageName().replace('.', '/');
        Path compiled;
        try {
            compiled = Path.of(FirstInvocationLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(compiled)) {
            throw new IllegalStateException("the launcher classes must come from a directory (run.sh puts "
                    + "benchmarks/target/classes on the class path), not " + compiled);
        }
        try (Stream<Path> listing = Files.list(compiled.resolve(packagePath));
                OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            List<Path> classes = listing.filter(path -> path.toString().endsWith(".class")).sorted().toList();
            for (Path path : classes) {
                out.putNextEntry(new JarEntry(packagePath + "/" + path.getFileName()));
                Files.copy(path, out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }
}

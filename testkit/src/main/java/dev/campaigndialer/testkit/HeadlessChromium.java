package dev.campaigndialer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium}, headless, for tests that look at a page as a browser shows it: the
 * DOM after loading ({@code --dump-dom}) and a screenshot. Each run has a fresh profile and no
 * background networking (this machine's network is closed; Chromium would otherwise try Google's
 * hosts at every start). Missing chromium fails the test under CI and skips it elsewhere.
 */
public final class HeadlessChromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium, or a failed (CI) or skipped test naming the package to install. */
    public static HeadlessChromium require() {
        return new HeadlessChromium(RequiredTool.require("chromium", "apt-get install -y chromium (Debian's package)",
                "/usr/bin"));
    }

    /** The page's DOM, serialised after it has loaded. */
    public String dumpDom(Path page) {
        return dumpDom(page.toAbsolutePath().toUri(), 0);
    }

    /**
     * The DOM of a page that draws itself with scripts, after {@code virtualTimeMillis} of the
     * page's (virtual) time: Chromium waits until then or until the page is idle.
     */
    public String dumpDom(URI page, long virtualTimeMillis) {
        return run(page, budget(List.of("--dump-dom"), virtualTimeMillis), "the DOM");
    }

    /** A PNG of the page in a window of this size (a tall window shows the whole page). */
    public Path screenshot(Path page, Path png, int width, int height) {
        return screenshot(page.toAbsolutePath().toUri(), png, width, height, 0);
    }

    public Path screenshot(URI page, Path png, int width, int height, long virtualTimeMillis) {
        run(page, budget(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height),
                virtualTimeMillis), png.toString());
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot to " + png);
        }
        return png;
    }

    private static List<String> budget(List<String> flags, long virtualTimeMillis) {
        List<String> all = new ArrayList<>(flags);
        if (virtualTimeMillis > 0) {
            all.add("--virtual-time-budget=" + virtualTimeMillis);
        }
        return all;
    }

    private String run(URI page, List<String> extra, String what) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("chromium-profile");
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(extra);
            command.add(page.toString());
            Path stderr = Files.createTempFile("chromium", ".err");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish in 90 s (" + what + ")");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + ": " + Files.readString(stderr));
            }
            Files.deleteIfExists(stderr);
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile; the OS cleans /tmp
        }
    }
}

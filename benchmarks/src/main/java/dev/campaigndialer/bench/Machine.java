package dev.campaigndialer.bench;

import java.lang.management.ManagementFactory;

/** Where a figure came from: results files say which machine and JVM produced them, and how busy it was. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format("%d cores, %s %s, Java %s, load average %.2f before the run",
                Runtime.getRuntime().availableProcessors(), os.getName(), os.getArch(),
                Runtime.version().feature(), os.getSystemLoadAverage());
    }
}

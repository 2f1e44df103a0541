package glomers.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The newest run of each challenge, reachable by a fixed name in the results folder:
 * {@code latest-<challenge>} (e.g. {@code runs/latest-3d}, or {@code runs/latest-broadcast} for a
 * workload run) and {@code latest} for the newest run of any. Each is a relative symbolic link to
 * the run folder, so {@code runs/latest-3d/index.html} opens the page; where the file system
 * refuses links, it is a small text file holding the folder's name instead, which
 * {@link #resolve} follows too. Single runs move them ({@code glomers test} without
 * {@code --seeds}); a sweep's folders do not.
 */
final class Latest {
    static final String PREFIX = "latest";

    private Latest() {
    }

    /**
     * Points {@code latest-<challenge>} and {@code latest} in {@code folder}'s parent at
     * {@code folder}. Returns false, changing nothing more, if neither a link nor a file could be
     * written (the run's own folder is never at stake).
     */
    static boolean update(Path folder, String challenge) {
        Path parent = folder.toAbsolutePath().getParent();
        return point(parent.resolve(PREFIX + "-" + challenge), folder) & point(parent.resolve(PREFIX), folder);
    }

    /** The run folder {@code name} (a link or a fallback file in {@code parent}) points at, if it exists. */
    static Optional<Path> resolve(Path parent, String name) {
        Path entry = parent.resolve(name);
        try {
            if (Files.isSymbolicLink(entry)) {
                Path target = parent.resolve(Files.readSymbolicLink(entry));
                return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
            }
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                Path target = parent.resolve(Files.readString(entry, StandardCharsets.UTF_8).strip());
                return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a name in the results folder is one of these pointers rather than a run. */
    static boolean isPointer(String name) {
        return name.equals(PREFIX) || name.startsWith(PREFIX + "-");
    }

    /** Replaces {@code link} by a link to {@code folder} (or a file naming it), in one rename so readers never see it missing. */
    private static boolean point(Path link, Path folder) {
        Path target = folder.getFileName();
        Path fresh = link.resolveSibling("." + link.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        try {
            Files.deleteIfExists(fresh);
            try {
                Files.createSymbolicLink(fresh, target);
            } catch (IOException | UnsupportedOperationException e) {
                Files.writeString(fresh, target + "\n", StandardCharsets.UTF_8);
            }
            Files.move(fresh, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException ignored) {
                // nothing more to do: the pointer is simply not moved
            }
            return false;
        }
    }
}

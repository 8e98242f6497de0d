package dev.berth.app.start;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.transport.URIish;

/**
 * One {@code git clone} with JGit (no git binary needed): progress as JGit reports it, and a cancel that stops
 * the transfer and removes what was written. Only what this clone created is ever removed: a target folder
 * that existed (empty) before stays, and a non-empty one is refused before anything is written.
 * {@link #run} blocks: call it off the FX thread.
 */
public final class RepositoryClone {

    /** A step of the clone as JGit names it ("Receiving objects"), with its work done out of its total (0 = unknown). */
    public record Progress(String task, int done, int total) {
        /** 0..1, or -1 when the step's size is unknown. */
        public double fraction() {
            return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
        }
    }

    /** Why a clone did not happen, in words for the user: what went wrong and what to do. */
    public static final class CloneFailure extends Exception {
        private final boolean cancelled;

        CloneFailure(String message, boolean cancelled, Throwable cause) {
            super(message, cause);
            this.cancelled = cancelled;
        }

        public boolean cancelled() {
            return cancelled;
        }
    }

    private final String url;
    private final Path target;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public RepositoryClone(String url, Path target) {
        this.url = url.strip();
        this.target = target.toAbsolutePath().normalize();
    }

    public Path target() {
        return target;
    }

    /** The folder name a clone of {@code url} gets by default, as {@code git clone} picks it ("repo" for ".../repo.git"). */
    public static String folderNameFor(String url) {
        try {
            String name = new URIish(url.strip()).getHumanishName();
            return name == null || name.isBlank() ? "" : name;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    /** Asks the running clone to stop; {@link #run} then removes the half-made folder and fails as cancelled. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Clones into {@link #target()} and returns it; {@code progress} is called on this thread, often. */
    public Path run(Consumer<Progress> progress) throws CloneFailure {
        check();
        boolean existed = Files.exists(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new CloneFailure("Cannot create the folder " + target + " (" + e.getMessage()
                    + "). Choose a folder you can write to.", false, e);
        }
        try (Git ignored = Git.cloneRepository()
                .setURI(url)
                .setDirectory(target.toFile())
                .setProgressMonitor(new Monitor(progress))
                .setTimeout(30)
                .call()) {
            if (cancelled.get()) {
                throw cancelledFailure(existed, null);
            }
            return target;
        } catch (GitAPIException | RuntimeException e) {
            if (cancelled.get()) {
                throw cancelledFailure(existed, e);
            }
            removeWhatWasWritten(existed);
            throw new CloneFailure(describe(e), false, e);
        }
    }

    private CloneFailure cancelledFailure(boolean existed, Throwable cause) {
        removeWhatWasWritten(existed);
        return new CloneFailure("Clone cancelled; nothing was kept in " + target + ".", true, cause);
    }

    private void check() throws CloneFailure {
        if (url.isEmpty()) {
            throw new CloneFailure("Enter the repository's address, e.g. https://github.com/owner/project.git.", false, null);
        }
        try {
            new URIish(url);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CloneFailure("\"" + url + "\" is not a repository address. Use the address your git host "
                    + "shows for cloning, e.g. https://github.com/owner/project.git or git@github.com:owner/project.git.",
                    false, e);
        }
        if (Files.isRegularFile(target)) {
            throw new CloneFailure(target + " is a file. Choose a folder name that is not taken.", false, null);
        }
        if (Files.isDirectory(target) && !isEmpty(target)) {
            throw new CloneFailure(target + " already exists and is not empty. Choose a new folder name, "
                    + "or open that folder with Open folder… if it is the project.", false, null);
        }
    }

    private String describe(Exception e) {
        return switch (e) {
            case InvalidRemoteException invalid -> "There is no git repository at " + url
                    + ". Check the address; it is usually the one your git host shows under Clone.";
            case TransportException transport -> "Could not fetch " + url + ": " + rootMessage(transport)
                    + ". Check the address and your network; private repositories need access rights.";
            default -> "The clone of " + url + " failed: " + rootMessage(e) + ".";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** Removes the clone's files: the whole folder when the clone made it, only its content when it was there (empty). */
    private void removeWhatWasWritten(boolean existed) {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (existed && p.equals(target)) {
                    continue;
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the failure message the user sees matters more; what is left is only the clone's own
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** JGit's progress, handed on as {@link Progress}; {@link #isCancelled()} is how JGit learns to stop. */
    private final class Monitor implements ProgressMonitor {
        private final Consumer<Progress> sink;
        private String task = "";
        private int total;
        private int done;

        Monitor(Consumer<Progress> sink) {
            this.sink = sink;
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
            task = title;
            total = totalWork == UNKNOWN ? 0 : totalWork;
            done = 0;
            sink.accept(new Progress(task, done, total));
        }

        @Override
        public void update(int completed) {
            done += completed;
            sink.accept(new Progress(task, done, total));
        }

        @Override
        public void endTask() {
            sink.accept(new Progress(task, total, total));
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }
}

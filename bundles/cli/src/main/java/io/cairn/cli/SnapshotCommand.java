package io.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;

import io.cairn.api.snapshot.SnapshotArchive;
import io.cairn.api.snapshot.SnapshotMeta;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn snapshot save|restore|inspect}: Consul's snapshot commands over {@code /v1/snapshot}. */
@Command(name = "snapshot", description = "Saves, restores and inspects snapshots of the servers' state",
        subcommands = {SnapshotCommand.Save.class, SnapshotCommand.Restore.class, SnapshotCommand.Inspect.class})
final class SnapshotCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "save", description = "Saves a snapshot of the servers' state to a file, then verifies it")
    static final class Save implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Option(names = "-stale", description = "Let any server answer, not only the leader")
        boolean stale;
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws CliException, IOException {
            byte[] archive = http.client().getBytes("/v1/snapshot", stale ? Map.of("stale", "") : Map.of(),
                    "saving snapshot");
            SnapshotMeta meta = verified(archive, "Error verifying snapshot file");
            // written aside and moved into place: an interrupted save never leaves half a file under the name
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, archive);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("Saved and verified snapshot to index " + meta.index());
            return 0;
        }
    }

    @Command(name = "restore", description = "Restores a snapshot file on every server")
    static final class Restore implements Callable<Integer> {
        @Mixin
        HttpOptions http;
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws CliException, IOException {
            byte[] archive = read(file);
            AgentClient.expectOk(http.client().put("/v1/snapshot", Map.of(), archive), "restoring snapshot");
            System.out.println("Restored snapshot");
            return 0;
        }
    }

    @Command(name = "inspect", description = "Shows what a snapshot file holds")
    static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws CliException, IOException {
            System.out.print(inspect(verified(read(file), "Error verifying snapshot")));
            return 0;
        }
    }

    /** Consul's two columns, one line per field. */
    static String inspect(SnapshotMeta meta) {
        return String.format(" %-12s %s%n %-12s %d%n %-12s %d%n %-12s %d%n %-12s %d%n",
                "ID", meta.id(), "Size", meta.size(), "Index", meta.index(), "Term", meta.term(),
                "Version", meta.version());
    }

    private static byte[] read(Path file) throws CliException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("Error opening snapshot file: " + e.getMessage());
        }
    }

    private static SnapshotMeta verified(byte[] archive, String what) throws CliException, IOException {
        try {
            return SnapshotArchive.read(new ByteArrayInputStream(archive)).meta();
        } catch (SnapshotArchive.InvalidSnapshotException e) {
            throw new CliException(what + ": " + e.getMessage());
        }
    }
}

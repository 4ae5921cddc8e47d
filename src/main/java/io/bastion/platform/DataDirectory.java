package io.bastion.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/** The directory where Bastion keeps its embedded database, certificate and generated dev secrets. */
public record DataDirectory(Path root) {

    public static final String PROPERTY = "bastion.data-dir";
    public static final String DEFAULT = "./data";

    public DataDirectory {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public static DataDirectory of(String configured) {
        return new DataDirectory(Path.of(configured == null || configured.isBlank() ? DEFAULT : configured));
    }

    /** Returns the path of a child, creating the directory tree (owner-only) if needed. */
    public Path resolve(String child) {
        createPrivate(root);
        return root.resolve(child);
    }

    /** Creates a directory readable only by the owner, if it does not exist yet. */
    public static void createPrivate(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }

    /** Writes a file that only the owner can read (mode 0600), replacing any previous content. */
    public static void writePrivate(Path file, byte[] content) {
        try {
            createPrivate(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", null,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

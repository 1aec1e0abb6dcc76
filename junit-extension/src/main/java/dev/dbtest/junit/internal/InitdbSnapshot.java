package dev.dbtest.junit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An image of PostgreSQL with its data directory initialised already, so that a container of it is ready in about
 * 0.4 s instead of about 2 s: the official image (and any compatible one) runs {@code initdb}, starts a temporary
 * server, creates the database, stops it and starts again, on every start of a new container.
 *
 * <p>The snapshot is made once per Docker host and base image: a container of the base image initialises its data
 * directory (in {@value #PGDATA}, outside the image's volume, so that it is part of the container's file system), is
 * stopped cleanly (a checkpoint, so a start needs no recovery) and committed as {@value #REPOSITORY}:<em>hash</em>,
 * the hash of the base image's id and of what was initialised. A new base image (a new pull of a tag) gets a new
 * snapshot; the older snapshots of the same image name are removed then. Two JVMs of this machine that need it at once
 * build it once ({@link MachineLock}).
 *
 * <p>The superuser's password is chosen at random when the snapshot is made and kept in the snapshot's environment,
 * where the container's entrypoint found it: it is as secret as the image itself (whoever can use the Docker host can
 * read it, as they can enter any container), and the container publishes its port on the loopback address only.
 *
 * <p>Any failure to make or find a snapshot is logged, and the run starts the base image as before.
 */
final class InitdbSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(InitdbSnapshot.class);

    /** Where the snapshot's data directory lives: not under the official image's {@code VOLUME}, which a commit skips. */
    static final String PGDATA = "/var/lib/postgresql/dbtest-initdb";
    static final String REPOSITORY = "dbtest-initdb";
    /** Label of a snapshot: the id of the image it was made from. */
    static final String OF_LABEL = "dev.dbtest.initdb-of";
    /** Label of a snapshot: the name of the image it was made from, to find the older snapshots of the same name. */
    static final String BASE_LABEL = "dev.dbtest.initdb-base";
    /** The database the entrypoint creates, as Testcontainers is told. */
    static final String DATABASE = "postgres";
    /**
     * An empty database the snapshot holds besides, made by the entrypoint ({@code POSTGRES_DB}) as
     * {@code CREATE DATABASE} makes one: the run's first schema database is this one renamed, a catalog update, where
     * {@code CREATE DATABASE} copies a template's files and checkpoints (about 0.1 s of every run's first test here).
     */
    static final String SPARE = "dbtest_spare";
    /** What a snapshot holds changes with this; older ones are not used. */
    private static final String FORMAT = "2";
    private static final String READY = "database system is ready to accept connections";
    private static final long BUILD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    /** The snapshot to run: its image id, and the superuser and password it was initialised with. */
    record Snapshot(String imageId, String name, String username, String password) {
    }

    private InitdbSnapshot() {
    }

    /**
     * Returns the snapshot of {@code baseImage} (on the Docker host already) for {@code username}, making it when there
     * is none; {@code null} when there is none and it could not be made (logged), or when the run is abandoned before
     * it is made.
     */
    static Snapshot obtain(DockerClient docker, String baseImage, String username, BooleanSupplier abandoned) {
        try {
            InspectImageResponse base = docker.inspectImageCmd(baseImage).exec();
            String hash = hash(base.getId(), username);
            String name = REPOSITORY + ":" + hash;
            if (!ImageNameSubstitutor.instance().apply(DockerImageName.parse(name)).asCanonicalNameString()
                    .equals(DockerImageName.parse(name).asCanonicalNameString())) {
                // A registry prefix is configured (hub.image.name.prefix): Testcontainers would look for the local
                // snapshot in that registry.
                LOG.debug("dbtest: no initdb snapshot, since Testcontainers substitutes image names here");
                return null;
            }
            Snapshot found = find(docker, name, base.getId(), username);
            if (found != null) {
                return found;
            }
            try (MachineLock ignored = MachineLock.take("initdb-" + hash, "the initdb snapshot of " + baseImage)) {
                found = find(docker, name, base.getId(), username);
                if (found != null || abandoned.getAsBoolean()) {
                    return found; // made by another JVM while this one waited
                }
                long begun = System.nanoTime();
                Snapshot made = make(docker, baseImage, base.getId(), hash, username);
                LOG.info("dbtest: made {} (the image {} with its data directory initialised) in {} ms; later runs "
                        + "start from it (dbtest.docker.initdb-snapshot)", name, baseImage,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
                removeOlder(docker, baseImage, made.imageId());
                return made;
            }
        } catch (RuntimeException e) {
            LOG.warn("dbtest: could not make an image of {} with its data directory initialised ({}); each run "
                    + "starts the image itself, which initialises one (about 2 s). Set "
                    + "dbtest.docker.initdb-snapshot=false to stop trying", baseImage, e.toString());
            return null;
        }
    }

    static String hash(String baseImageId, String username) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\n", "dbtest initdb snapshot", FORMAT, baseImageId, username, DATABASE, PGDATA,
                    SPARE)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The snapshot {@code name}, when it exists and was made from {@code baseId}; {@code null} otherwise. */
    private static Snapshot find(DockerClient docker, String name, String baseId, String username) {
        InspectImageResponse image;
        try {
            image = docker.inspectImageCmd(name).exec();
        } catch (NotFoundException none) {
            return null;
        }
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        if (labels == null || !baseId.equals(labels.get(OF_LABEL))) {
            return null; // a name taken by something else
        }
        String password = env(image.getConfig().getEnv(), "POSTGRES_PASSWORD");
        if (password == null || !PGDATA.equals(env(image.getConfig().getEnv(), "PGDATA"))
                || !SPARE.equals(env(image.getConfig().getEnv(), "POSTGRES_DB"))) {
            return null;
        }
        return new Snapshot(image.getId(), name, username, password);
    }

    private static String env(String[] env, String key) {
        if (env != null) {
            for (String entry : env) {
                if (entry.startsWith(key + "=")) {
                    return entry.substring(key.length() + 1);
                }
            }
        }
        return null;
    }

    private static Snapshot make(DockerClient docker, String baseImage, String baseId, String hash, String username) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String id = docker.createContainerCmd(baseId)
                .withName("dbtest-initdb-" + hash + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)))
                .withEnv("POSTGRES_USER=" + username, "POSTGRES_PASSWORD=" + password, "POSTGRES_DB=" + SPARE,
                        "PGDATA=" + PGDATA)
                .exec().getId();
        Thread removeAtExit = new Thread(() -> remove(docker, id), "dbtest-remove-initdb-build");
        Runtime.getRuntime().addShutdownHook(removeAtExit);
        try {
            docker.startContainerCmd(id).exec();
            awaitReadyTwice(docker, id);
            // SIGTERM: PostgreSQL shuts down cleanly (a checkpoint), so that a container of the snapshot needs no
            // recovery at its start.
            docker.stopContainerCmd(id).withTimeout(30).exec();
            InspectContainerResponse stopped = docker.inspectContainerCmd(id).exec();
            Long exit = stopped.getState().getExitCodeLong();
            if (exit == null || exit != 0) {
                throw new IllegalStateException("the initialising container exited with " + exit + "; its log ends: "
                        + tail(logs(docker, id)));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(OF_LABEL, baseId);
            labels.put(BASE_LABEL, baseImage);
            String imageId = docker.commitCmd(id).withRepository(REPOSITORY).withTag(hash).withLabels(labels)
                    .withMessage("dbtest: " + baseImage + " with its data directory initialised").exec();
            return new Snapshot(imageId, REPOSITORY + ":" + hash, username, password);
        } finally {
            remove(docker, id);
            try {
                Runtime.getRuntime().removeShutdownHook(removeAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run
            }
        }
    }

    private static void awaitReadyTwice(DockerClient docker, String id) {
        long deadline = System.nanoTime() + BUILD_TIMEOUT_NANOS;
        while (true) {
            String log = logs(docker, id);
            if (log.indexOf(READY) >= 0 && log.indexOf(READY, log.indexOf(READY) + 1) >= 0) {
                return;
            }
            if (!Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
                throw new IllegalStateException("the initialising container stopped before it was ready; its log "
                        + "ends: " + tail(logs(docker, id)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the initialising container was not ready within "
                        + TimeUnit.NANOSECONDS.toSeconds(BUILD_TIMEOUT_NANOS) + " s; its log ends: " + tail(log));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the snapshot was made", e);
            }
        }
    }

    private static String logs(DockerClient docker, String id) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    private static String tail(String log) {
        String trimmed = log.strip();
        return trimmed.length() <= 600 ? trimmed : "..." + trimmed.substring(trimmed.length() - 600);
    }

    private static void remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // removed already
        } catch (RuntimeException e) {
            LOG.warn("dbtest: could not remove the container {} that made an initdb snapshot: {}; remove it with: "
                    + "docker rm -f {}", id, e.toString(), id);
        }
    }

    /** Removes the snapshots of older images of the same name (a tag pulled again): nothing will run them again. */
    private static void removeOlder(DockerClient docker, String baseImage, String keep) {
        List<Image> snapshots = docker.listImagesCmd().withLabelFilter(Map.of(BASE_LABEL, baseImage)).exec();
        for (Image snapshot : snapshots) {
            if (!snapshot.getId().equals(keep)) {
                try {
                    docker.removeImageCmd(snapshot.getId()).withForce(false).exec();
                    LOG.info("dbtest: removed {}, the initdb snapshot of an older {}", snapshot.getId(), baseImage);
                } catch (RuntimeException inUse) {
                    LOG.debug("dbtest: kept the older snapshot {}: {}", snapshot.getId(), inUse.toString());
                }
            }
        }
    }
}

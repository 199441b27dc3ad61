package dev.mollify.spark;

import dev.mollify.pde.fit.DataSidecar;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.Table;
import dev.mollify.pde.fit.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files through Hadoop's file-system layer, so a local path, {@code file:/…}, {@code hdfs://…} and
 * {@code s3a://…} are read and written the same way. Holds the Hadoop settings as plain strings
 * (a {@link Configuration} is not serializable), so it travels to the workers with each task and
 * gives them the driver's credentials and endpoints ({@code spark.hadoop.*}).
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> settings;
    private transient Configuration configuration;

    /** The settings of {@code conf} (usually {@code spark.sparkContext().hadoopConfiguration()}). */
    HadoopFiles(Configuration conf) {
        Map<String, String> s = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : conf) s.put(e.getKey(), e.getValue());
        settings = s;
        configuration = conf;
    }

    /** The Hadoop configuration these settings make. */
    Configuration configuration() {
        if (configuration == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            configuration = c;
        }
        return configuration;
    }

    /** {@code path} as a full URI with its scheme ({@code file:/…}, {@code s3a://bucket/…}). */
    String qualify(Path path) throws IOException {
        return path.getFileSystem(configuration()).makeQualified(path).toString();
    }

    /** Whether {@code path} is a file. */
    boolean isFile(Path path) throws IOException {
        try {
            return path.getFileSystem(configuration()).getFileStatus(path).isFile();
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    /** Whether {@code path} exists (a file or a folder). */
    boolean exists(Path path) throws IOException {
        return path.getFileSystem(configuration()).exists(path);
    }

    /** The file as UTF-8 text. */
    String readString(Path path) throws IOException {
        try (InputStream in = path.getFileSystem(configuration()).open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code text} to {@code path} as UTF-8, replacing a file there. */
    void writeString(Path path, String text) throws IOException {
        try (FSDataOutputStream out = path.getFileSystem(configuration()).create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes {@code text} to {@code path} so that a reader sees the old file or the whole new one: to
     * {@code path.tmp} first, then renamed (atomic on local disks and HDFS).
     */
    void writeAtomically(Path path, String text) throws IOException {
        FileSystem fs = path.getFileSystem(configuration());
        Path tmp = new Path(path.getParent(), path.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        if (fs.exists(path)) fs.delete(path, false);
        if (!fs.rename(tmp, path)) throw new IOException("cannot rename " + tmp + " to " + path);
    }

    /** Deletes {@code path} and everything under it, if it exists. */
    void deleteTree(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(configuration());
        if (fs.exists(path)) fs.delete(path, true);
    }

    /**
     * Reads a data file as {@link TableReader} reads a local one (CSV, {@code .npy}, {@code .npz}, with
     * the truth of its {@link DataSidecar} beside it): the file, and the sidecar when there is one, are
     * copied to a temporary local folder under their own names, read, and deleted. The table's source is
     * {@code uri}, so messages name the file the user gave.
     */
    Table readTable(String uri, List<String> columns) {
        Path data = new Path(uri);
        java.nio.file.Path dir = null;
        try {
            dir = Files.createTempDirectory("mollify-data-");
            java.nio.file.Path local = dir.resolve(data.getName());
            copyToLocal(data, local);
            Path sidecar = new Path(
                    data.getParent(), DataSidecar.of(local).getFileName().toString());
            if (isFile(sidecar)) copyToLocal(sidecar, dir.resolve(sidecar.getName()));
            Table t = TableReader.read(local, columns);
            return new Table(uri, t.names(), t.columns(), t.parameters());
        } catch (IOException e) {
            throw FitInputException.badData("cannot read " + uri + ": " + e.getMessage());
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private void copyToLocal(Path from, java.nio.file.Path to) throws IOException {
        try (InputStream in = from.getFileSystem(configuration()).open(from)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try (var walk = Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean; the fit does not depend on it
        }
    }
}

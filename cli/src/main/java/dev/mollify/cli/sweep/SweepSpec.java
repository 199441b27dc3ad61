package dev.mollify.cli.sweep;

import dev.mollify.cli.CliException;
import dev.mollify.pde.fit.FitInputException;
import dev.mollify.pde.fit.FitJob;
import dev.mollify.pde.fit.SweepPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file on disk: the library's {@link SweepPlan} (the fixed settings, the lists whose cartesian
 * product is the set of fits, each fit's name and settings) with its data files resolved relative to
 * the file's folder and checked, and each fit as the command line of {@code mollify fit} that runs it
 * alone. Mistakes are {@link CliException}s: exit code 2 for the file's keys, types and values, 3 for a
 * missing data file.
 *
 * @param text    the file as read
 * @param parsed  the file parsed (compared, not as text, to tell whether a sweep folder holds this sweep)
 * @param fits    every fit of the product, in order (data outermost, seed innermost)
 */
public record SweepSpec(String text, Map<String, Object> parsed, List<Fit> fits) {
    /** The lists of the product, outermost first. */
    public static final List<String> DIMENSIONS = SweepPlan.DIMENSIONS;

    /**
     * One fit of the sweep.
     *
     * @param index   1-based position in the product
     * @param name    its folder's name, {@code fit-NNN-TAG} (the tag names the values that vary)
     * @param values  its value of each list of the product, by key, as given to {@code mollify fit}
     * @param data    the data file
     * @param args    the {@code mollify fit} arguments of this fit, without {@code --out} and {@code --progress}
     */
    public record Fit(int index, String name, Map<String, String> values, Path data, List<String> args) {}

    /**
     * Reads and checks a sweep file; {@code fitOptions} are the long option names of {@code mollify fit}
     * (without dashes) a {@code "fit"} object may set. Data paths are relative to the sweep file's folder.
     *
     * @param file the sweep file (JSON)
     * @param fitOptions the long option names of {@code mollify fit}, without dashes, e.g. {@code steps}
     * @return the sweep, with every fit's data file resolved to an existing file
     * @throws CliException with {@link dev.mollify.cli.ExitCode#USAGE} when the file is missing, unreadable or
     *     not a valid sweep (keys, types, values, options {@code mollify fit} does not know), with
     *     {@link dev.mollify.cli.ExitCode#BAD_DATA} when a data file it names does not exist
     */
    public static SweepSpec read(Path file, Set<String> fitOptions) {
        if (!Files.isRegularFile(file))
            throw CliException.usage("--spec " + file + ": " + (Files.isDirectory(file) ? "a folder" : "no such file")
                    + "; give a sweep file (JSON), e.g. {\"pde\": \"u_t = D*u_xx\", \"unknowns\": [\"D:positive\"],"
                    + " \"data\": [\"heat.csv\"], \"seed\": [1, 2, 3]}");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("--spec " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        SweepPlan plan;
        try {
            plan = SweepPlan.parse(text, file.toString(), fitOptions);
        } catch (FitInputException e) {
            throw CliException.from(e);
        }
        Path base = file.toAbsolutePath().getParent();
        List<Fit> fits = new ArrayList<>();
        for (FitJob job : plan.jobs()) {
            Path data = base.resolve(job.data()).normalize();
            if (!Files.isRegularFile(data))
                throw CliException.badData(file + ": data file " + job.data()
                        + (Files.isDirectory(data) ? " is a folder" : " not found") + " (" + data
                        + "; paths are relative to the sweep file's folder)");
            fits.add(new Fit(job.index(), job.name(), job.values(), data, job.arguments(data.toString())));
        }
        return new SweepSpec(text, plan.parsed(), List.copyOf(fits));
    }
}

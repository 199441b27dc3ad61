package dev.mollify.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mollify.pde.fit.DataFit;
import dev.mollify.pde.fit.FitOptions;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mollify fit} without options fits exactly what {@code DataFit.builder()} fits by default. */
class FitDefaultsTest {
    @Test
    void theCommandsDefaultsAreTheLibrarys() throws ReflectiveOperationException {
        FitCommand command = new FitCommand();
        new CommandLine(command).parseArgs("--data", "heat.csv", "--pde", "u_t = D*u_xx", "--unknown", "D:positive");
        FitOptions cli = command.settings().options();
        FitOptions library = DataFit.builder()
                .data(Path.of("heat.csv"))
                .pde("u_t = D*u_xx")
                .unknown("D")
                .positive("D")
                .options();
        for (RecordComponent c : FitOptions.class.getRecordComponents()) {
            Object a = c.getAccessor().invoke(cli), b = c.getAccessor().invoke(library);
            if (a instanceof int[] ints) assertArrayEquals((int[]) b, ints, c.getName());
            else assertEquals(b, a, c.getName());
        }
    }
}

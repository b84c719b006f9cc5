package dev.pdm.iiot.detector;

import dev.pdm.iiot.detector.evaluate.EvaluateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * {@code java -jar quarkus-run.jar} runs the detector; {@code java -jar quarkus-run.jar evaluate …}
 * runs the {@code evaluate} command instead, without starting Quarkus or touching a broker.
 */
@QuarkusMain
public final class DetectorMain {

    private DetectorMain() {
    }

    public static void main(final String... args) {
        if (args.length > 0 && "evaluate".equals(args[0])) {
            EvaluateCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(args);
    }
}

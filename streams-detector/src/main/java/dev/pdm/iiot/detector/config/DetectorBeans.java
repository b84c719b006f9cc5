package dev.pdm.iiot.detector.config;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.streams.MachineDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain objects the Quarkus beans share. */
@ApplicationScoped
public class DetectorBeans {

    @Produces
    @Singleton
    DetectorSettings settings(final DetectorConfig config) {
        return config.toSettings();
    }

    @Produces
    @Singleton
    MachineDetector detector(final DetectorSettings settings) {
        return new MachineDetector(settings);
    }
}

package dev.pdm.iiot.dashboard.view;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableTest {

    @Test
    void minutesUnderAnHour() {
        assertThat(Readable.hours(0)).isEqualTo("0 min");
        assertThat(Readable.hours(0.25)).isEqualTo("15 min");
        assertThat(Readable.hours(40 / 60.0)).isEqualTo("40 min");
        assertThat(Readable.hours(59.4 / 60)).isEqualTo("59 min");
        assertThat(Readable.hours(59.6 / 60)).as("60 min is an hour").isEqualTo("1 h");
    }

    @Test
    void hoursUpToTwoDaysWithADecimalOnlyWhereItMatters() {
        assertThat(Readable.hours(1)).isEqualTo("1 h");
        assertThat(Readable.hours(1.5)).isEqualTo("1.5 h");
        assertThat(Readable.hours(9)).isEqualTo("9 h");
        assertThat(Readable.hours(9.96)).isEqualTo("10 h");
        assertThat(Readable.hours(14.2)).isEqualTo("14 h");
        assertThat(Readable.hours(48)).isEqualTo("48 h");
    }

    @Test
    void daysOverFortyEightHoursThenYears() {
        assertThat(Readable.hours(49)).isEqualTo("2 days");
        assertThat(Readable.hours(60)).isEqualTo("2.5 days");
        assertThat(Readable.hours(24 * 12.4)).isEqualTo("12 days");
        assertThat(Readable.hours(24 * 400)).isEqualTo("1.1 years");
        assertThat(Readable.hours(24 * 365)).isEqualTo("1 year");
    }

    @Test
    void noDurationForWhatIsNone() {
        assertThat(Readable.hours(-1)).isNull();
        assertThat(Readable.hours(Double.NaN)).isNull();
        assertThat(Readable.hours(Double.POSITIVE_INFINITY)).isNull();
    }

    @Test
    void intervalsShareTheirUnitWhenTheyCan() {
        assertThat(Readable.hoursRange(9.0, 30.0)).isEqualTo("9–30 h");
        assertThat(Readable.hoursRange(0.5, 2.5)).isEqualTo("30 min – 2.5 h");
        assertThat(Readable.hoursRange(30.0, 120.0)).isEqualTo("30 h – 5 days");
        assertThat(Readable.hoursRange(9.0, null)).isEqualTo("9 h or later");
        assertThat(Readable.hoursRange(null, 30.0)).isEqualTo("up to 30 h");
        assertThat(Readable.hoursRange(null, null)).isNull();
        assertThat(Readable.hoursRange(9.0, Double.POSITIVE_INFINITY)).isEqualTo("9 h or later");
    }

    @Test
    void valuesAndRatesInTheSensorsUnit() {
        assertThat(Readable.value("temperature", 78.84)).isEqualTo("78.8 °C");
        assertThat(Readable.value("vibration", 3.1)).isEqualTo("3.10 mm/s");
        assertThat(Readable.value("rpm", 1496.4)).isEqualTo("1496 rpm");
        assertThat(Readable.value("humidity", 41.234)).isEqualTo("41.23");
        assertThat(Readable.figure("temperature", 90)).isEqualTo("90 °C");
        assertThat(Readable.figure("vibration", 7.10)).isEqualTo("7.1 mm/s");
        assertThat(Readable.ratePerHour("temperature", 0.8)).isEqualTo("+0.8 °C/h");
        assertThat(Readable.ratePerHour("vibration", -0.05)).isEqualTo("-0.05 mm/s/h");
        assertThat(Readable.ratePerHour("rpm", 12.4)).isEqualTo("+12 rpm/h");
        assertThat(Readable.ratePerHour("pressure", 0.004)).isEqualTo("+0.004 bar/h");
        assertThat(Readable.span(3)).isEqualTo("3.0 h");
        assertThat(Readable.span(96)).isEqualTo("4 days");
    }
}

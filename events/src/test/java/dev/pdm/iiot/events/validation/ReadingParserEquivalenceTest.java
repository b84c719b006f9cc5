package dev.pdm.iiot.events.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pdm.iiot.events.model.TelemetryReading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome of every payload in this table, reason and detail or the reading read: what devices
 * and the dead-letter topic's readers have seen, which a change of the parser must keep.
 */
class ReadingParserEquivalenceTest {

    static final Instant ARRIVAL = Instant.parse("2025-11-21T21:27:23Z");

    /** Every sensor range as wide as a double goes, so that huge and tiny numbers are accepted and shown. */
    static final ReadingParser WIDE = new ReadingParser(new ReadingRules(ReadingRules.DEFAULT_MAX_PAYLOAD_BYTES,
            Duration.ofMinutes(5), Instant.parse("2000-01-01T00:00:00Z"), Set.of(1), Map.of(),
            new ValueRange(-Double.MAX_VALUE, Double.MAX_VALUE)));
    static final ReadingParser DEFAULTS = ReadingParser.withDefaults();

    record Case(String name, ReadingParser parser, byte[] payload, Instant arrival, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    /** A payload with ' for " (the table stays readable). */
    private static void c(final String name, final String json, final String expected) {
        add(name, DEFAULTS, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), ARRIVAL, expected);
    }

    /** As {@link #c} with every range wide open. */
    private static void w(final String name, final String json, final String expected) {
        add(name, WIDE, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), ARRIVAL, expected);
    }

    private static void add(final String name, final ReadingParser parser, final byte[] payload, final Instant arrival,
                            final String expected) {
        CASES.add(new Case(name, parser, payload, arrival, expected));
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static {
        // accepted readings, fields in any order
        c("platform reading", "{'machine_id':'PUMP_00042','timestamp':'2025-11-21T08:00:03Z','temperature':65.3,'vibration':2.05,'current':10.1,'pressure':6.02,'rpm':1498.7,'seq':17}", "ACCEPTED PUMP_00042 2025-11-21T08:00:03Z v=null seq=17 {temperature=65.3, vibration=2.05, current=10.1, pressure=6.02, rpm=1498.7}");
        c("prototype reading", "{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"2025-11-21 21:27:22.123456\", \"temperature\": 82.4, \"vibration\": 4.67, \"current\": 14.2, \"pressure\": 6.01, \"rpm\": 1431, \"runtime_hours\": 0.12, \"degradation_level\": 78.3}".replace('"', '\''), "ACCEPTED MACHINE_003 2025-11-21T21:27:22.123456Z v=null seq=null {temperature=82.4, vibration=4.67, current=14.2, pressure=6.01, rpm=1431.0, runtime_hours=0.12, degradation_level=78.3}");
        c("machine_id last", "{'rpm':1500,'timestamp':'2025-11-21T21:27:22Z','temperature':70,'machine_id':'M1'}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1500.0, temperature=70.0}");
        c("meta between sensors", "{'rpm':1500,'seq':3,'temperature':70,'schema_version':1,'current':9,'machine_id':'M1','pressure':5}", "ACCEPTED M1 2025-11-21T21:27:23Z v=1 seq=3 {rpm=1500.0, temperature=70.0, current=9.0, pressure=5.0}");
        c("whitespace everywhere", " \t\r\n{ 'machine_id' : 'M1' ,\n\t'rpm' :\r\n 1500 } \n\t ", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1500.0}");
        c("escaped field names", "{'machine\\u005fid':'M1','\\u0072pm':1500,'t\\u00e9mp':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1500.0, témp=1.0}");
        c("escaped machine id", "{'machine_id':'\\u0041B\\/C','rpm':1}", "INVALID_MACHINE_ID: machine_id 'AB/C' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("unicode sensor name", "{'machine_id':'M1','températureé':1,'流量':2}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {températureé=1.0, 流量=2.0}");
        c("empty sensor name", "{'machine_id':'M1','':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {=1.0}");
        c("null meta fields", "{'machine_id':'M1','timestamp':null,'schema_version':null,'seq':null,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1.0}");
        c("utf-8 byte order mark", "\uFEFF{'machine_id':'M1','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1.0}");
        add("utf-16 with byte order mark", DEFAULTS, "\uFEFF{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_16BE), ARRIVAL, "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1.0}");
        add("utf-16le without byte order mark", DEFAULTS, "{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_16LE), ARRIVAL, "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1.0}");

        // numbers
        w("integers", "{'machine_id':'M1','a':0,'b':-0,'c':7,'d':-7,'e':2147483647,'f':2147483648,'g':-2147483649,'h':9007199254740993}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {a=0.0, b=0.0, c=7.0, d=-7.0, e=2.147483647E9, f=2.147483648E9, g=-2.147483649E9, h=9.007199254740992E15}");
        w("longs and big integers", "{'machine_id':'M1','a':9223372036854775807,'b':9223372036854775808,'c':-9223372036854775809,'d':123456789012345678901234567890}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {a=9.223372036854776E18, b=9.223372036854776E18, c=-9.223372036854776E18, d=1.2345678901234568E29}");
        w("huge big integer", "{'machine_id':'M1','a':1" + "0".repeat(400) + "}", "NON_FINITE: sensor a is Infinity");
        w("decimals", "{'machine_id':'M1','a':-0.0,'b':0.1,'c':1e2,'d':1E+2,'e':1.5e-3,'f':-2.5E-3,'g':0.30000000000000004,'h':123456789.123456789123456789}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {a=-0.0, b=0.1, c=100.0, d=100.0, e=0.0015, f=-0.0025, g=0.30000000000000004, h=1.2345678912345679E8}");
        w("extreme decimals", "{'machine_id':'M1','a':1e400,'b':-1e400,'c':1e-400,'d':4.9e-324,'e':1.7976931348623157e308,'f':2.2250738585072014E-308}", "NON_FINITE: sensor a is Infinity");
        w("many digits", "{'machine_id':'M1','a':0." + "3".repeat(300) + ",'b':" + "9".repeat(300) + ".5}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {a=0.3333333333333333, b=1.0E300}");
        c("number of 1001 digits", "{'machine_id':'M1','a':" + "1".repeat(1001) + "}", "MALFORMED_JSON: not valid JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        c("decimal of 1001 digits", "{'machine_id':'M1','a':0." + "1".repeat(1000) + "}", "MALFORMED_JSON: not valid JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        c("NaN", "{'machine_id':'M1','vibration':NaN}", "NON_FINITE: sensor vibration is NaN");
        c("Infinity", "{'machine_id':'M1','vibration':Infinity}", "NON_FINITE: sensor vibration is Infinity");
        c("-Infinity", "{'machine_id':'M1','vibration':-Infinity}", "NON_FINITE: sensor vibration is -Infinity");
        c("+Infinity", "{'machine_id':'M1','vibration':+Infinity}", "NON_FINITE: sensor vibration is Infinity");
        c("+INF", "{'machine_id':'M1','vibration':+INF}", "NON_FINITE: sensor vibration is Infinity");
        c("-NaN", "{'machine_id':'M1','vibration':-NaN}", "MALFORMED_JSON: not valid JSON: Unexpected character ('N' (code 78)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value");
        c("out of range", "{'machine_id':'M1','temperature':1200}", "OUT_OF_RANGE: sensor temperature = 1200.0 is outside its plausible range [-60.0, 600.0]");
        c("out of range other", "{'machine_id':'M1','flow':2e9}", "OUT_OF_RANGE: sensor flow = 2.0E9 is outside its plausible range [-1.0E9, 1.0E9]");
        c("big integer out of range", "{'machine_id':'M1','flow':123456789012345678901234567890}", "OUT_OF_RANGE: sensor flow = 1.2345678901234568E29 is outside its plausible range [-1.0E9, 1.0E9]");
        c("leading plus", "{'machine_id':'M1','rpm':+1}", "MALFORMED_JSON: not valid JSON: Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow");
        c("leading zero", "{'machine_id':'M1','rpm':01}", "MALFORMED_JSON: not valid JSON: Invalid numeric value: Leading zeroes not allowed");
        c("leading dot", "{'machine_id':'M1','rpm':.5}", "MALFORMED_JSON: not valid JSON: Unexpected character ('.' (code 46)): expected a valid value (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
        c("trailing dot", "{'machine_id':'M1','rpm':1.}", "MALFORMED_JSON: not valid JSON: Unexpected character ('}' (code 125)) in numeric value: Decimal point not followed by a digit");
        c("hex", "{'machine_id':'M1','rpm':0x10}", "MALFORMED_JSON: not valid JSON: Unexpected character ('x' (code 120)): was expecting comma to separate Object entries");

        // wrong types, and which problem wins when there are several
        c("sensor string", "{'machine_id':'M1','temperature':'abc'}", "WRONG_TYPE: sensor temperature must be a number, got a string \"abc\"");
        c("sensor numeric string", "{'machine_id':'M1','temperature':'82.4'}", "WRONG_TYPE: sensor temperature must be a number, got a string \"82.4\"");
        c("sensor escaped string", "{'machine_id':'M1','temperature':'a\\\"b\\\\c\\n\\u00e9\\u0001é'}", "WRONG_TYPE: sensor temperature must be a number, got a string \"a\\\"b\\\\c\\né\\u0001é\"");
        c("sensor long string", "{'machine_id':'M1','temperature':'" + "x".repeat(100) + "'}", "WRONG_TYPE: sensor temperature must be a number, got a string \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...");
        c("sensor null", "{'machine_id':'M1','temperature':null}", "WRONG_TYPE: sensor temperature must be a number, got null null");
        c("sensor true", "{'machine_id':'M1','temperature':true}", "WRONG_TYPE: sensor temperature must be a number, got a boolean true");
        c("sensor false", "{'machine_id':'M1','temperature':false}", "WRONG_TYPE: sensor temperature must be a number, got a boolean false");
        c("sensor array", "{'machine_id':'M1','temperature':[82.4]}", "WRONG_TYPE: sensor temperature must be a number, got an array [82.4]");
        c("sensor object", "{'machine_id':'M1','temperature':{'v':1}}", "WRONG_TYPE: sensor temperature must be a number, got an object {\"v\":1}");
        c("sensor nested deep", "{'machine_id':'M1','a':{'b':[1,2.50,{'c':'x','d':[true,null,-0]}],'e':{}},'rpm':1}", "WRONG_TYPE: sensor a must be a number, got an object {\"b\":[1,2.5,{\"c\":\"x\",\"d\":[true,null,0]}],\"e\":{}}");
        c("sensor long array", "{'machine_id':'M1','a':[" + "1234567890,".repeat(10) + "1]}", "WRONG_TYPE: sensor a must be a number, got an array [1234567890,1234567890,1234567890,1234567890,1234567890,1...");
        c("sensor empty array and object", "{'machine_id':'M1','a':[],'b':{}}", "WRONG_TYPE: sensor a must be a number, got an array []");
        c("sensor numbers inside array", "{'machine_id':'M1','a':[1e400,NaN,12345678901234567890123,1.0E10,0.1]}", "WRONG_TYPE: sensor a must be a number, got an array [\"Infinity\",\"NaN\",12345678901234567890123,1.0E10,0.1]");
        c("nested value before good sensors", "{'machine_id':'M1','x':{'y':{'z':[[[]]]}},'rpm':1}", "WRONG_TYPE: sensor x must be a number, got an object {\"y\":{\"z\":[[[]]]}}");
        c("two bad sensors, first wins", "{'machine_id':'M1','rpm':1,'a':'one','b':true}", "WRONG_TYPE: sensor a must be a number, got a string \"one\"");
        c("bad sensor then NaN", "{'machine_id':'M1','a':NaN,'b':'x'}", "WRONG_TYPE: sensor b must be a number, got a string \"x\"");
        c("missing machine id", "{'timestamp':'2025-11-21T21:27:22','rpm':1500}", "MISSING_FIELD: field machine_id is missing");
        c("empty object", "{}", "MISSING_FIELD: field machine_id is missing");
        c("null machine id", "{'machine_id':null,'rpm':1}", "MISSING_FIELD: field machine_id is missing");
        c("machine id number", "{'machine_id':17,'rpm':1}", "WRONG_TYPE: field machine_id must be a string, got a number");
        c("machine id decimal", "{'machine_id':1.5,'rpm':1}", "WRONG_TYPE: field machine_id must be a string, got a number");
        c("machine id object", "{'machine_id':{'a':1},'rpm':1}", "WRONG_TYPE: field machine_id must be a string, got an object");
        c("machine id array", "{'machine_id':['M1'],'rpm':1}", "WRONG_TYPE: field machine_id must be a string, got an array");
        c("machine id boolean", "{'machine_id':true,'rpm':1}", "WRONG_TYPE: field machine_id must be a string, got a boolean");
        c("missing machine id wins over everything", "{'timestamp':'bad','schema_version':'x','seq':-1,'a':'b'}", "MISSING_FIELD: field machine_id is missing");
        c("wrong machine id wins over timestamp", "{'a':'b','timestamp':'bad','machine_id':5}", "WRONG_TYPE: field machine_id must be a string, got a number");
        c("timestamp wins over schema_version", "{'schema_version':'x','seq':-1,'a':'b','timestamp':'bad','machine_id':'M1'}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"bad\"");
        c("schema_version wins over seq", "{'a':'b','seq':-1,'schema_version':'x','machine_id':'M1'}", "WRONG_TYPE: field schema_version must be an integer, got \"x\"");
        c("seq wins over sensors", "{'a':'b','seq':-1,'machine_id':'M1'}", "WRONG_TYPE: field seq must be a non-negative integer, got -1");
        c("structure wins over validation", "{'machine_id':'bad id','schema_version':7,'a':'b'}", "WRONG_TYPE: sensor a must be a number, got a string \"b\"");
        c("invalid machine id wins over schema", "{'machine_id':'bad id','schema_version':7,'timestamp':'1990-01-01T00:00:00Z','a':NaN}", "INVALID_MACHINE_ID: machine_id 'bad id' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("schema wins over timestamp", "{'machine_id':'M1','schema_version':7,'timestamp':'1990-01-01T00:00:00Z','a':NaN}", "UNKNOWN_SCHEMA_VERSION: schema_version 7 is not one of [1]");
        c("timestamp wins over no values", "{'machine_id':'M1','timestamp':'1990-01-01T00:00:00Z'}", "INVALID_TIMESTAMP: timestamp 1990-01-01T00:00:00Z is before 2000-01-01T00:00:00Z");
        c("NaN after out of range", "{'machine_id':'M1','temperature':1000,'a':NaN}", "OUT_OF_RANGE: sensor temperature = 1000.0 is outside its plausible range [-60.0, 600.0]");
        c("machine id too long", "{'machine_id':'" + "M".repeat(65) + "','rpm':1}", "INVALID_MACHINE_ID: machine_id 'MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("machine id far too long", "{'machine_id':'" + "M".repeat(100) + "','rpm':1}", "INVALID_MACHINE_ID: machine_id 'MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM...' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("machine id with space", "{'machine_id':'MACHINE 1','rpm':1}", "INVALID_MACHINE_ID: machine_id 'MACHINE 1' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("machine id non-ascii", "{'machine_id':'ÄBC','rpm':1}", "INVALID_MACHINE_ID: machine_id 'ÄBC' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("machine id empty", "{'machine_id':'','rpm':1}", "INVALID_MACHINE_ID: machine_id '' must be 1 to 64 of the characters A-Z a-z 0-9 _ . -");
        c("no sensor values", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22'}", "NO_SENSOR_VALUES: the reading carries no sensor value");
        c("only meta fields", "{'machine_id':'M1','seq':1,'schema_version':1}", "NO_SENSOR_VALUES: the reading carries no sensor value");

        // schema_version and seq
        c("schema_version 1", "{'machine_id':'M1','schema_version':1,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=1 seq=null {rpm=1.0}");
        c("schema_version 2", "{'machine_id':'M1','schema_version':2,'rpm':1}", "UNKNOWN_SCHEMA_VERSION: schema_version 2 is not one of [1]");
        c("schema_version -1", "{'machine_id':'M1','schema_version':-1,'rpm':1}", "UNKNOWN_SCHEMA_VERSION: schema_version -1 is not one of [1]");
        c("schema_version -0", "{'machine_id':'M1','schema_version':-0,'rpm':1}", "UNKNOWN_SCHEMA_VERSION: schema_version 0 is not one of [1]");
        c("schema_version 1.0", "{'machine_id':'M1','schema_version':1.0,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got 1.0");
        c("schema_version 1e0", "{'machine_id':'M1','schema_version':1e0,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got 1.0");
        c("schema_version string", "{'machine_id':'M1','schema_version':'1','rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got \"1\"");
        c("schema_version long", "{'machine_id':'M1','schema_version':2147483648,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got 2147483648");
        c("schema_version int max", "{'machine_id':'M1','schema_version':2147483647,'rpm':1}", "UNKNOWN_SCHEMA_VERSION: schema_version 2147483647 is not one of [1]");
        c("schema_version int min", "{'machine_id':'M1','schema_version':-2147483648,'rpm':1}", "UNKNOWN_SCHEMA_VERSION: schema_version -2147483648 is not one of [1]");
        c("schema_version big", "{'machine_id':'M1','schema_version':99999999999999999999,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got 99999999999999999999");
        c("schema_version NaN", "{'machine_id':'M1','schema_version':NaN,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got \"NaN\"");
        c("schema_version object", "{'machine_id':'M1','schema_version':{'v':1},'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got {\"v\":1}");
        c("schema_version boolean", "{'machine_id':'M1','schema_version':false,'rpm':1}", "WRONG_TYPE: field schema_version must be an integer, got false");
        c("seq 0", "{'machine_id':'M1','seq':0,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=0 {rpm=1.0}");
        c("seq -0", "{'machine_id':'M1','seq':-0,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=0 {rpm=1.0}");
        c("seq long max", "{'machine_id':'M1','seq':9223372036854775807,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=9223372036854775807 {rpm=1.0}");
        c("seq past long", "{'machine_id':'M1','seq':9223372036854775808,'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got 9223372036854775808");
        c("seq -1", "{'machine_id':'M1','seq':-1,'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got -1");
        c("seq long min", "{'machine_id':'M1','seq':-9223372036854775808,'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got -9223372036854775808");
        c("seq 1.0", "{'machine_id':'M1','seq':1.0,'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got 1.0");
        c("seq string", "{'machine_id':'M1','seq':'7','rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got \"7\"");
        c("seq array", "{'machine_id':'M1','seq':[7],'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got [7]");
        c("seq Infinity", "{'machine_id':'M1','seq':Infinity,'rpm':1}", "WRONG_TYPE: field seq must be a non-negative integer, got \"Infinity\"");

        // timestamps
        c("timestamp Z", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp offset", "{'machine_id':'M1','timestamp':'2025-11-21T23:27:22+02:00','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp negative offset", "{'machine_id':'M1','timestamp':'2025-11-21T16:57:22.5-04:30','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.500Z v=null seq=null {rpm=1.0}");
        c("timestamp offset with seconds", "{'machine_id':'M1','timestamp':'2025-11-21T23:27:22+02:00:30','rpm':1}", "ACCEPTED M1 2025-11-21T21:26:52Z v=null seq=null {rpm=1.0}");
        c("timestamp offset without colon", "{'machine_id':'M1','timestamp':'2025-11-21T23:27:22+0200','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T23:27:22+0200\"");
        c("timestamp offset hours only", "{'machine_id':'M1','timestamp':'2025-11-21T23:27:22+02','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T23:27:22+02\"");
        c("timestamp +00:00", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22+00:00','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp -00:00", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22-00:00','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp region", "{'machine_id':'M1','timestamp':'2025-11-21T22:27:22+01:00[Europe/Paris]','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp region only", "{'machine_id':'M1','timestamp':'2025-11-21T22:27:22[Europe/Paris]','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T22:27:22[Europe/Paris]\"");
        c("timestamp local", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp micros", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22.123456','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.123456Z v=null seq=null {rpm=1.0}");
        c("timestamp nanos", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22.123456789Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.123456789Z v=null seq=null {rpm=1.0}");
        c("timestamp 10 fraction digits", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22.1234567891Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T21:27:22.1234567891Z\"");
        c("timestamp 1 fraction digit", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22.1','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.100Z v=null seq=null {rpm=1.0}");
        c("timestamp empty fraction", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22.Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp comma fraction", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22,5Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T21:27:22,5Z\"");
        c("timestamp space", "{'machine_id':'M1','timestamp':'2025-11-21 21:27:22.5','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.500Z v=null seq=null {rpm=1.0}");
        c("timestamp space and Z", "{'machine_id':'M1','timestamp':'2025-11-21 21:27:22Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp two spaces", "{'machine_id':'M1','timestamp':'2025-11-21  21:27:22Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21  21:27:22Z\"");
        c("timestamp padded", "{'machine_id':'M1','timestamp':'  2025-11-21T21:27:22Z\\t','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp padded with space separator", "{'machine_id':'M1','timestamp':' 2025-11-21 21:27:22Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp lower case", "{'machine_id':'M1','timestamp':'2025-11-21t21:27:22z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp without seconds", "{'machine_id':'M1','timestamp':'2025-11-21T21:27Z','rpm':1}", "ACCEPTED M1 2025-11-21T21:27:00Z v=null seq=null {rpm=1.0}");
        c("timestamp without time", "{'machine_id':'M1','timestamp':'2025-11-21','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21\"");
        c("timestamp leap day", "{'machine_id':'M1','timestamp':'2024-02-29T21:27:22Z','rpm':1,'x':1}", "ACCEPTED M1 2024-02-29T21:27:22Z v=null seq=null {rpm=1.0, x=1.0}");
        c("timestamp no leap day", "{'machine_id':'M1','timestamp':'2025-02-29T21:27:22Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-02-29T21:27:22Z\"");
        c("timestamp 24:00", "{'machine_id':'M1','timestamp':'2025-11-21T24:00:00Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T24:00:00Z\"");
        c("timestamp leap second", "{'machine_id':'M1','timestamp':'2016-12-31T23:59:60Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2016-12-31T23:59:60Z\"");
        c("timestamp month 13", "{'machine_id':'M1','timestamp':'2025-13-01T00:00:00','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-13-01T00:00:00\"");
        c("timestamp single digit month", "{'machine_id':'M1','timestamp':'2025-1-01T00:00:00','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-1-01T00:00:00\"");
        c("timestamp five digit year", "{'machine_id':'M1','timestamp':'+12025-11-21T21:27:22Z','rpm':1}", "INVALID_TIMESTAMP: timestamp +12025-11-21T21:27:22Z is more than PT5M ahead of its arrival at 2025-11-21T21:27:23Z");
        c("timestamp non-ascii digits", "{'machine_id':'M1','timestamp':'２025-11-21T21:27:22Z','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"２025-11-21T21:27:22Z\"");
        c("timestamp trailing garbage", "{'machine_id':'M1','timestamp':'2025-11-21T21:27:22Zx','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"2025-11-21T21:27:22Zx\"");
        c("timestamp empty", "{'machine_id':'M1','timestamp':'','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"\"");
        c("timestamp yesterday", "{'machine_id':'M1','timestamp':'yesterday','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"yesterday\"");
        c("timestamp long garbage", "{'machine_id':'M1','timestamp':'" + "garbage ".repeat(12) + "','rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"garbage garbage garbage garbage garbage garbage garbage ...");
        c("timestamp true", "{'machine_id':'M1','timestamp':true,'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: true");
        c("timestamp object", "{'machine_id':'M1','timestamp':{},'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: {}");
        c("timestamp array", "{'machine_id':'M1','timestamp':[1763760442],'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: [1763760442]");
        c("timestamp epoch seconds", "{'machine_id':'M1','timestamp':1763760442,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22Z v=null seq=null {rpm=1.0}");
        c("timestamp epoch seconds fraction", "{'machine_id':'M1','timestamp':1763760442.123456,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.123456055Z v=null seq=null {rpm=1.0}");
        c("timestamp epoch millis", "{'machine_id':'M1','timestamp':1763760442123,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.123Z v=null seq=null {rpm=1.0}");
        c("timestamp epoch millis fraction", "{'machine_id':'M1','timestamp':1763760442123.5,'rpm':1}", "ACCEPTED M1 2025-11-21T21:27:22.123500Z v=null seq=null {rpm=1.0}");
        c("timestamp 1e11", "{'machine_id':'M1','timestamp':1e11,'rpm':1}", "INVALID_TIMESTAMP: timestamp 1973-03-03T09:46:40Z is before 2000-01-01T00:00:00Z");
        c("timestamp just under 1e11", "{'machine_id':'M1','timestamp':99999999999.9,'rpm':1}", "INVALID_TIMESTAMP: timestamp 5138-11-16T09:46:39.900Z is more than PT5M ahead of its arrival at 2025-11-21T21:27:23Z");
        c("timestamp 0", "{'machine_id':'M1','timestamp':0,'rpm':1}", "INVALID_TIMESTAMP: timestamp 1970-01-01T00:00:00Z is before 2000-01-01T00:00:00Z");
        c("timestamp negative", "{'machine_id':'M1','timestamp':-1763760442,'rpm':1}", "INVALID_TIMESTAMP: timestamp 1914-02-10T02:32:38Z is before 2000-01-01T00:00:00Z");
        c("timestamp NaN", "{'machine_id':'M1','timestamp':NaN,'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"NaN\"");
        c("timestamp Infinity", "{'machine_id':'M1','timestamp':Infinity,'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"Infinity\"");
        c("timestamp 1e400", "{'machine_id':'M1','timestamp':1e400,'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: \"Infinity\"");
        c("timestamp huge integer", "{'machine_id':'M1','timestamp':1" + "0".repeat(400) + ",'rpm':1}", "INVALID_TIMESTAMP: field timestamp is not an ISO-8601 date-time or epoch number: 100000000000000000000000000000000000000000000000000000000...");
        c("timestamp long max", "{'machine_id':'M1','timestamp':9223372036854775807,'rpm':1}", "INVALID_TIMESTAMP: timestamp +292278994-08-17T07:12:55.807Z is more than PT5M ahead of its arrival at 2025-11-21T21:27:23Z");
        c("timestamp 1e300", "{'machine_id':'M1','timestamp':1e300,'rpm':1}", "INVALID_TIMESTAMP: timestamp +292279286-11-26T07:00:12.661775807Z is more than PT5M ahead of its arrival at 2025-11-21T21:27:23Z");
        c("timestamp -1e300", "{'machine_id':'M1','timestamp':-1e300,'rpm':1}", "INVALID_TIMESTAMP: timestamp -292275347-02-04T16:59:47.337224192Z is before 2000-01-01T00:00:00Z");
        c("timestamp ahead of arrival", "{'machine_id':'M1','timestamp':'2025-11-21T21:33:23Z','rpm':1}", "INVALID_TIMESTAMP: timestamp 2025-11-21T21:33:23Z is more than PT5M ahead of its arrival at 2025-11-21T21:27:23Z");
        c("timestamp before 2000", "{'machine_id':'M1','timestamp':'1999-12-31T23:59:59Z','rpm':1}", "INVALID_TIMESTAMP: timestamp 1999-12-31T23:59:59Z is before 2000-01-01T00:00:00Z");
        c("timestamp year 0", "{'machine_id':'M1','timestamp':'0000-01-01T00:00:00Z','rpm':1}", "INVALID_TIMESTAMP: timestamp 0000-01-01T00:00:00Z is before 2000-01-01T00:00:00Z");
        add("no timestamp, no arrival", DEFAULTS, "{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_8), null, "MISSING_FIELD: field timestamp is missing");
        add("null timestamp, no arrival", DEFAULTS, "{\"machine_id\":\"M1\",\"timestamp\":null,\"rpm\":1}".getBytes(StandardCharsets.UTF_8), null, "MISSING_FIELD: field timestamp is missing");
        add("far future timestamp, no arrival", DEFAULTS, "{\"machine_id\":\"M1\",\"timestamp\":\"2999-01-01T00:00:00Z\",\"rpm\":1}".getBytes(StandardCharsets.UTF_8), null, "ACCEPTED M1 2999-01-01T00:00:00Z v=null seq=null {rpm=1.0}");
        add("missing machine id, no arrival", DEFAULTS, "{\"rpm\":1}".getBytes(StandardCharsets.UTF_8), null, "MISSING_FIELD: field machine_id is missing");

        // malformed JSON, which wins over everything else
        c("duplicate sensor", "{'machine_id':'M1','rpm':1500,'rpm':1600}", "MALFORMED_JSON: not valid JSON: Duplicate field 'rpm'");
        c("duplicate machine id", "{'machine_id':'M1','rpm':1,'machine_id':'M2'}", "MALFORMED_JSON: not valid JSON: Duplicate field 'machine_id'");
        c("duplicate timestamp after a bad sensor", "{'a':'b','timestamp':1,'timestamp':2}", "MALFORMED_JSON: not valid JSON: Duplicate field 'timestamp'");
        c("duplicate inside a nested value", "{'machine_id':'M1','a':{'b':1,'b':2}}", "MALFORMED_JSON: not valid JSON: Duplicate field 'b'");
        c("duplicate inside a nested array", "{'machine_id':'M1','a':[{'b':1,'c':{'d':1,'d':1}}]}", "MALFORMED_JSON: not valid JSON: Duplicate field 'd'");
        c("duplicate inside top-level array", "[{'a':1,'a':2}]", "MALFORMED_JSON: not valid JSON: Duplicate field 'a'");
        c("same name at two levels", "{'machine_id':'M1','a':{'machine_id':1,'a':2},'rpm':1}", "WRONG_TYPE: sensor a must be a number, got an object {\"machine_id\":1,\"a\":2}");
        c("trailing garbage", "{'machine_id':'M1','rpm':1500} trailing", "MALFORMED_JSON: not valid JSON: Unrecognized token 'trailing': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
        c("trailing object", "{'machine_id':'M1','rpm':1500} {}", "MALFORMED_JSON: not valid JSON: more follows the value (an object)");
        c("trailing number", "{'machine_id':'M1','rpm':1500}1", "MALFORMED_JSON: not valid JSON: more follows the value (a number)");
        c("trailing string", "{'machine_id':'M1','rpm':1500}'x'", "MALFORMED_JSON: not valid JSON: more follows the value (a string)");
        c("trailing brace", "{'machine_id':'M1','rpm':1500}}", "MALFORMED_JSON: not valid JSON: Unexpected close marker '}': no open Object to close");
        c("trailing bracket", "{'machine_id':'M1','rpm':1500}]", "MALFORMED_JSON: not valid JSON: Unexpected close marker ']': no open Array to close");
        c("trailing comma", "{'machine_id':'M1','rpm':1500},", "MALFORMED_JSON: not valid JSON: Unexpected character (',' (code 44)): expected a value");
        c("trailing null byte", "{'machine_id':'M1','rpm':1500}\u0000", "MALFORMED_JSON: not valid JSON: Illegal character ((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed between tokens");
        c("trailing garbage after a rejected reading", "{'rpm':'x'} x", "MALFORMED_JSON: not valid JSON: Unrecognized token 'x': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
        c("trailing object after not an object", "[1] {}", "MALFORMED_JSON: not valid JSON: more follows the value (an object)");
        c("trailing comma in object", "{'machine_id':'M1','rpm':1500,}", "MALFORMED_JSON: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
        c("missing comma", "{'machine_id':'M1' 'rpm':1500}", "MALFORMED_JSON: not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
        c("missing colon", "{'machine_id' 'M1'}", "MALFORMED_JSON: not valid JSON: Unexpected character ('\"' (code 34)): was expecting a colon to separate field name and value");
        c("truncated in a number", "{'machine_id':'M1','rpm':15", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])");
        c("truncated after a value", "{'machine_id':'M1'", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])");
        c("truncated after a comma", "{'machine_id':'M1',", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input within/between Object entries");
        c("truncated after a colon", "{'machine_id':'M1','rpm':", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input within/between Object entries");
        c("truncated in a string", "{'machine_id':'M1", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input in VALUE_STRING");
        c("truncated in a name", "{'machi", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input in field name");
        c("truncated in a nested value", "{'machine_id':'M1','a':{'b':[1,", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input within/between Array entries");
        c("truncated after bad sensor", "{'machine_id':'M1','a':'x','b':", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input within/between Object entries");
        c("only an opening brace", "{", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])");
        c("closing brace", "}", "MALFORMED_JSON: not valid JSON: Unexpected close marker '}': no open Object to close");
        add("single quotes", DEFAULTS, "{'machine_id':'M1','rpm':1}".getBytes(StandardCharsets.UTF_8), ARRIVAL, "MALFORMED_JSON: not valid JSON: Unexpected character (''' (code 39)): was expecting double-quote to start field name");
        c("unquoted name", "{machine_id:'M1','rpm':1}", "MALFORMED_JSON: not valid JSON: Unexpected character ('m' (code 109)): was expecting double-quote to start field name");
        c("comment", "{'machine_id':'M1', /* c */ 'rpm':1}", "MALFORMED_JSON: not valid JSON: Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)");
        c("line comment", "{'machine_id':'M1','rpm':1} // c", "MALFORMED_JSON: not valid JSON: Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)");
        c("not json", "not json", "MALFORMED_JSON: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
        c("control character in string", "{'machine_id':'M\u0001','rpm':1}", "MALFORMED_JSON: not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 1)): has to be escaped using backslash to be included in string value");
        c("bad escape", "{'machine_id':'M\\x','rpm':1}", "MALFORMED_JSON: not valid JSON: Unrecognized character escape 'x' (code 120)");
        c("nesting 1001 deep", "{'machine_id':'M1','a':" + "[".repeat(1001) + "]".repeat(1001) + "}", "MALFORMED_JSON: not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)");
        c("nesting 999 deep", "{'machine_id':'M1','a':" + "[".repeat(999) + "]".repeat(999) + "}", "WRONG_TYPE: sensor a must be a number, got an array [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...");
        c("long number in a nested value", "{'machine_id':'M1','a':[" + "1".repeat(1001) + "]}", "MALFORMED_JSON: not valid JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        c("long number in a top-level array", "[" + "1".repeat(1001) + "]", "MALFORMED_JSON: not valid JSON: Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)");
        c("nul byte", "{'machine_id':'M1','rpm':1\u0000}", "MALFORMED_JSON: not valid JSON: Illegal character ((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed between tokens");
        add("invalid utf-8 in a sensor string", DEFAULTS, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 middle byte 0x28");
        add("invalid utf-8 in a machine id", DEFAULTS, concat("{\"rpm\":1,\"machine_id\":\"M".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xFF, '"', '}'}), ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 start byte 0xff");
        add("invalid utf-8 in a field name", DEFAULTS, concat("{\"machine_id\":\"M1\",\"r".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}), ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 middle byte 0x72c328");
        add("invalid utf-8 in a nested value", DEFAULTS, concat("{\"machine_id\":\"M1\",\"a\":[\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28, '"', ']', '}'}), ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 middle byte 0x28");
        add("invalid utf-8 in a timestamp", DEFAULTS, concat("{\"machine_id\":\"M1\",\"rpm\":1,\"timestamp\":\"2025".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28, '"', '}'}), ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 middle byte 0x28");
        add("invalid utf-8 in a top-level string", DEFAULTS, new byte[]{'"', (byte) 0xC3, (byte) 0x28, '"'}, ARRIVAL, "MALFORMED_JSON: not valid JSON: Invalid UTF-8 middle byte 0x28");
        add("invalid utf-8 after the object", DEFAULTS, concat("{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28}), ARRIVAL, "MALFORMED_JSON: not valid JSON: Unrecognized token 'Ã': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");

        // not an object
        c("array", "[1,2,3]", "NOT_AN_OBJECT: expected a JSON object, got an array");
        c("empty array", "[]", "NOT_AN_OBJECT: expected a JSON object, got an array");
        c("array of readings", "[{'machine_id':'M1','rpm':1}]", "NOT_AN_OBJECT: expected a JSON object, got an array");
        c("number", "42", "NOT_AN_OBJECT: expected a JSON object, got a number");
        c("negative decimal", "-4.2e1", "NOT_AN_OBJECT: expected a JSON object, got a number");
        c("string", "'MACHINE_001'", "NOT_AN_OBJECT: expected a JSON object, got a string");
        c("null", "null", "NOT_AN_OBJECT: expected a JSON object, got null");
        c("true", "true", "NOT_AN_OBJECT: expected a JSON object, got a boolean");
        c("false", "false", "NOT_AN_OBJECT: expected a JSON object, got a boolean");
        c("NaN alone", "NaN", "NOT_AN_OBJECT: expected a JSON object, got a number");
        c("truncated array", "[1,2", "MALFORMED_JSON: not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])");
        c("array with garbage", "[1,x]", "MALFORMED_JSON: not valid JSON: Unrecognized token 'x': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");

        // empty and oversize
        c("whitespace only", " \r\n\t ", "EMPTY_PAYLOAD: the payload holds no JSON value");
        c("byte order mark only", "\uFEFF", "MALFORMED_JSON: not valid JSON: Invalid UTF-8 start byte 0xbb");
        add("empty", DEFAULTS, new byte[0], ARRIVAL, "EMPTY_PAYLOAD: the payload is empty");
        add("null payload", DEFAULTS, null, ARRIVAL, "EMPTY_PAYLOAD: the payload is empty");
        add("nul byte only", DEFAULTS, new byte[]{0}, ARRIVAL, "MALFORMED_JSON: not valid JSON: Illegal character ((CTRL-CHAR, code 0)): only regular white space (\\r, \\n, \\t) is allowed between tokens");
        c("oversize", "{'machine_id':'M1','rpm':1500,'pad':'" + "x".repeat(20_000) + "'}", "OVERSIZE: the payload has 20039 bytes, the limit is 16384");
        add("exactly the limit", new ReadingParser(ReadingRules.defaults().withMaxPayloadBytes(27)),
                "{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_8), ARRIVAL, "ACCEPTED M1 2025-11-21T21:27:23Z v=null seq=null {rpm=1.0}");
        add("one byte over the limit", new ReadingParser(ReadingRules.defaults().withMaxPayloadBytes(26)),
                "{\"machine_id\":\"M1\",\"rpm\":1}".getBytes(StandardCharsets.UTF_8), ARRIVAL, "OVERSIZE: the payload has 27 bytes, the limit is 26");
    }

    static List<Case> cases() {
        return CASES;
    }

    /** The outcome as one line: the rejection, or every part of the reading (values by {@link Double#toString}). */
    static String outcome(final ParseResult result) {
        if (!result.isAccepted()) {
            return result.rejection().reason() + ": " + result.rejection().detail();
        }
        final TelemetryReading r = result.reading();
        return "ACCEPTED " + r.machineId() + " " + r.timestamp() + " v=" + r.schemaVersion() + " seq=" + r.seq()
                + " " + r.values();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOutcomeIsTheRecordedOne(final Case c) {
        assertThat(outcome(c.parser().parse(c.payload(), c.arrival()))).isEqualTo(c.expected());
    }

    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** The decoder of a JSON tree (the reading's JSON deserializer uses it) reads an object as the parser does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTreeDecodesToTheSameOutcome(final Case c) {
        final JsonNode tree;
        try {
            tree = TREES.readTree(c.payload());
        } catch (Exception | Error e) {
            return;
        }
        if (tree == null || !tree.isObject() || c.payload().length > c.parser().rules().maxPayloadBytes()
                || c.expected().startsWith("MALFORMED_JSON")) {
            return;
        }
        final ParseResult decoded = ReadingDecoder.decode(tree, c.arrival());
        final ParseResult result = decoded.isAccepted()
                ? new ReadingValidator(c.parser().rules()).validate(decoded.reading(), c.arrival()) : decoded;
        assertThat(outcome(result)).isEqualTo(c.expected());
    }
}

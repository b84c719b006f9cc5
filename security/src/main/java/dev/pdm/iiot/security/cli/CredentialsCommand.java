package dev.pdm.iiot.security.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The credentials command: adds, changes, removes and lists the accounts of a credentials file
 * (devices and services for MQTT, people for the web apps).
 *
 * <pre>
 * credentials --file conf/mqtt-credentials add MACHINE_001 --roles device      # prints a new password once
 * credentials --file conf/mqtt-credentials add simulator --roles gateway --password-stdin &lt; secret
 * credentials --file conf/mqtt-credentials passwd MACHINE_001                  # a new password
 * credentials --file conf/mqtt-credentials remove MACHINE_001
 * credentials --file conf/mqtt-credentials list                                # names and roles only
 * </pre>
 *
 * A password is never taken as an argument (it would show in the process list): it is generated and
 * printed once, or read from standard input. Exit code 0 on success, 1 when the change is refused,
 * 2 for a usage error.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {CredentialsCommand.Add.class, CredentialsCommand.Passwd.class, CredentialsCommand.Remove.class,
                CredentialsCommand.ListAccounts.class},
        description = "Adds, changes, removes and lists the accounts of a credentials file (NAME:ROLES:PBKDF2 hash).")
public final class CredentialsCommand {

    /** Exit code of a refused change (an account that exists, or does not, a bad name or password). */
    public static final int REFUSED = 1;

    @Option(names = "--file", paramLabel = "FILE", required = true, scope = ScopeType.INHERIT,
            defaultValue = "${env:PDM_CREDENTIALS_FILE}",
            description = "The credentials file; created by the first add. Env PDM_CREDENTIALS_FILE.")
    Path file;

    private final InputStream in;

    CredentialsCommand(final InputStream in) {
        this.in = in;
    }

    /** The command line, reading --password-stdin from this stream. */
    public static CommandLine commandLine(final InputStream in) {
        final CommandLine cli = new CommandLine(new CredentialsCommand(in));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
            return REFUSED;
        });
        return cli;
    }

    public static void main(final String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    private char[] readPassword() throws IOException {
        final String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: no password on standard input");
        }
        return line.toCharArray();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an account. Without --password-stdin it gets a generated password, printed once.")
    static final class Add implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The account: a device's machine id, a service or a person.")
        String name;
        @Option(names = "--roles", paramLabel = "ROLE", split = ",", required = true,
                description = "Its roles, comma-separated, e.g. device, gateway, connect, alert-consumer, operator.")
        List<String> roles;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            final PrintWriter out = spec.commandLine().getOut();
            if (passwordStdin) {
                Accounts.add(parent.file, name, new LinkedHashSet<>(roles), parent.readPassword());
                out.printf("Added %s (%s).%n", name, String.join(",", roles));
            } else {
                final String password = Accounts.add(parent.file, name, new LinkedHashSet<>(roles));
                out.printf("Added %s (%s). Its password, shown this once:%n%s%n", name, String.join(",", roles),
                        password);
            }
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Gives an account a new password: generated and printed once, or from standard input.")
    static final class Passwd implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The account.")
        String name;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            final PrintWriter out = spec.commandLine().getOut();
            if (passwordStdin) {
                Accounts.setPassword(parent.file, name, parent.readPassword());
                out.printf("Changed the password of %s.%n", name);
            } else {
                out.printf("Changed the password of %s. The new one, shown this once:%n%s%n", name,
                        Accounts.rotate(parent.file, name));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an account.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The account.")
        String name;

        @Override
        public Integer call() {
            if (!Accounts.remove(parent.file, name)) {
                spec.commandLine().getErr().printf("There is no account %s in %s.%n", name, parent.file);
                return REFUSED;
            }
            spec.commandLine().getOut().printf("Removed %s.%n", name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts and their roles.")
    static final class ListAccounts implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            for (final Account account : Accounts.list(parent.file)) {
                out.printf("%s\t%s%n", account.name(), String.join(",", account.roles().stream().sorted().toList()));
            }
            return 0;
        }
    }
}

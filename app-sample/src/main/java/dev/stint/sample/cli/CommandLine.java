package dev.stint.sample.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: the subcommand, its positional arguments and its options. Options may come
 * before or after the subcommand and its positional arguments, as {@code --name value} or {@code --name=value};
 * {@code --} ends the options. The subcommand is the first argument that is not an option. {@code --help}
 * anywhere asks for the command's usage instead ({@link CommandHelp}).
 *
 * @param command the subcommand name
 * @param positionals the arguments that are not options
 * @param library the value of {@code --library}, or null
 * @param concurrency the value of {@code --concurrency}, or null
 * @param json whether {@code --json} was given
 * @param options the names of the options given (without {@code --})
 * @param values the values of the other options, by name, in the order given (repeatable options keep all)
 */
public record CommandLine(String command, List<String> positionals, String library, Integer concurrency, boolean json,
        Set<String> options, Map<String, List<String>> values) {

    /** Options that take a value and are read by the commands themselves. */
    private static final Set<String> VALUE_OPTIONS = Set.of("queue", "priority", "delay", "unique", "policy",
            "max-attempts", "backoff", "timeout", "hash-folder", "database-folder", "resource", "concurrency-key",
            "rate-limit", "tag", "require", "weight");

    /** The environment variable that gives the library folder when {@code --library} is absent. */
    public static final String LIBRARY_ENV = "STINT_LIBRARY";

    /** The environment variable that gives the database folder when {@code --database-folder} is absent. */
    public static final String DATABASE_FOLDER_ENV = "STINT_DATABASE_FOLDER";

    /** Copies the lists. */
    public CommandLine {
        positionals = List.copyOf(positionals);
        options = Set.copyOf(options);
        values = Map.copyOf(values);
    }

    /** The last value of an option, or null. */
    public String value(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every value of a repeatable option. */
    public List<String> allValues(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * Parses the arguments after the program name.
     *
     * @throws UsageException for an unknown option or a missing or malformed option value
     */
    public static CommandLine parse(String[] args) {
        List<String> positionals = new ArrayList<>();
        String library = null;
        Integer concurrency = null;
        boolean json = false;
        Set<String> given = new LinkedHashSet<>();
        Map<String, List<String>> values = new java.util.HashMap<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            given.add(name);
            switch (name) {
                case "json" -> {
                    if (inline != null) {
                        throw new UsageException("--json takes no value");
                    }
                    json = true;
                }
                case "no-browser" -> {
                    // stint dashboard --no-browser: print the link only (read through options())
                    if (inline != null) {
                        throw new UsageException("--no-browser takes no value");
                    }
                }
                case "help" -> {
                    // stint COMMAND --help: the command's usage (read through options())
                    if (inline != null) {
                        throw new UsageException("--help takes no value");
                    }
                }
                case "library" -> {
                    library = inline != null ? inline : value(args, ++i, name);
                    if (library.isBlank()) {
                        throw new UsageException("--library needs a folder");
                    }
                }
                case "concurrency" -> concurrency = OptionValues.wholeNumber(name,
                        inline != null ? inline : value(args, ++i, name), 1);
                default -> {
                    if (!VALUE_OPTIONS.contains(name)) {
                        throw new UsageException("unknown option --" + name);
                    }
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(inline != null ? inline : value(args, ++i, name));
                }
            }
        }
        if (positionals.isEmpty()) {
            throw new UsageException("missing command");
        }
        return new CommandLine(positionals.get(0), positionals.subList(1, positionals.size()), library, concurrency,
                json, given, values);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new UsageException("--" + name + " needs a value");
        }
        return args[i];
    }

    /**
     * Checks that only the given options were used and that the number of positional arguments is in range.
     *
     * @throws UsageException otherwise
     */
    public CommandLine expect(int minPositionals, int maxPositionals, String... allowedOptions) {
        Set<String> allowed = Set.of(allowedOptions);
        for (String option : options) {
            if (!allowed.contains(option)) {
                throw new UsageException("'" + command + "' does not take --" + option);
            }
        }
        if (positionals.size() < minPositionals) {
            throw new UsageException("'" + command + "' is missing an argument");
        }
        if (positionals.size() > maxPositionals) {
            throw new UsageException("'" + command + "' got too many arguments: " + positionals);
        }
        return this;
    }

    /**
     * The folder of the library's {@code jobs.db} when it is not the library folder: {@code --database-folder},
     * else the {@value #DATABASE_FOLDER_ENV} environment variable, else null.
     *
     * @throws UsageException if the value is no path
     */
    public Path databaseFolder(Map<String, String> env) {
        String option = value("database-folder");
        if (option != null) {
            return OptionValues.folder("database-folder", option);
        }
        String dir = env.get(DATABASE_FOLDER_ENV);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new UsageException(DATABASE_FOLDER_ENV + " needs a folder, not '" + dir + "'");
        }
    }

    /**
     * The library folder: {@code --library}, else the {@value #LIBRARY_ENV} environment variable.
     *
     * @throws UsageException if neither is given, or the value is no path
     */
    public Path libraryDir(Map<String, String> env) {
        String dir = library != null ? library : env.get(LIBRARY_ENV);
        if (dir == null || dir.isBlank()) {
            throw new UsageException("missing --library DIR (or set " + LIBRARY_ENV + ")");
        }
        if (library != null) {
            return OptionValues.folder("library", dir);
        }
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new UsageException(LIBRARY_ENV + " needs a folder, not '" + dir + "'");
        }
    }
}

package dev.stint.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Generates the Stint job catalog from the classes of a compilation annotated with {@code @dev.stint.JobType}.
 *
 * <p>The processor collects the annotated classes of every round and, once processing is over, writes one
 * class {@code StintJobCatalog} implementing {@code dev.stint.spi.JobCatalog}, listing the jobs sorted by
 * name then version, and registers it in {@code META-INF/services/dev.stint.spi.JobCatalog} (keeping the
 * other entries a file already there lists). The same jobs always give the same source.
 *
 * <p>The catalog's package is the value of the option {@value #CATALOG_PACKAGE_OPTION} when given
 * ({@code -Astint.catalogPackage=com.example.jobs}), otherwise the longest package that the jobs' packages
 * share, otherwise {@code dev.stint.generated}. Without the option, the package is chosen from the jobs of
 * the first round that finds any (the catalog's file is created then, to spare users a javac warning), so
 * jobs that other processors generate in later rounds are listed but do not move the catalog.
 *
 * <p>Each annotated type is checked, and every problem is reported as an error on the type, so that the
 * compiler points at its declaration: it must be a concrete (non-abstract) class or record, public, in a
 * named package, top-level or static and nested only in public types; it must implement {@code dev.stint.Job};
 * a class needs a non-private no-argument constructor or a constructor annotated with Jackson's
 * {@code @JsonCreator}; the job type's version must be at least 1, its name must not be blank, and no two
 * classes may declare the same name and version.
 *
 * <p>The state migrations of a job type, its methods annotated with {@code @dev.stint.MigratesFrom}, are
 * checked too: each must be declared in a {@code @JobType} class, be static and not private, take and
 * return a Jackson {@code ObjectNode}, and migrate from a version between 1 and the job type's version - 1;
 * no two may migrate from the same version, and the chain from the smallest declared version up to the job
 * type's version must be complete. Those problems are reported on the method, or on the class for a gap in
 * the chain. Migrations do not appear in the catalog: the runtime finds them by reflection.
 *
 * <p>When any check fails, no catalog is written.
 *
 * <p>The processor refers to Stint's types by name only: it needs nothing but {@code java.compiler} to run.
 */
public final class JobRegistryProcessor extends AbstractProcessor {

    /** Name of the processor option that sets the generated catalog's package. */
    public static final String CATALOG_PACKAGE_OPTION = "stint.catalogPackage";

    static final String JOB_TYPE = "dev.stint.JobType";
    static final String JOB = "dev.stint.Job";
    static final String MIGRATES_FROM = "dev.stint.MigratesFrom";
    static final String OBJECT_NODE = "com.fasterxml.jackson.databind.node.ObjectNode";
    static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";
    static final String DEFAULT_CATALOG_PACKAGE = "dev.stint.generated";
    static final String SERVICE_FILE = "META-INF/services/dev.stint.spi.JobCatalog";

    private Elements elements;
    private Types types;
    private Messager messager;
    private Filer filer;

    /** The valid jobs found so far, in the order they were found. */
    private final List<CatalogEntry> entries = new ArrayList<>();

    /** For each job type name and version, the class that declared it first. */
    private final Map<JobKey, String> declaredBy = new HashMap<>();

    /**
     * Annotated types that referred to unresolved types or values when seen (perhaps generated in a later
     * round), by canonical name, to be inspected again in the next round.
     */
    private final Map<String, TypeElement> deferred = new LinkedHashMap<>();

    /** Whether this processor reported an error; then it writes no catalog. */
    private boolean failed;

    /** Whether the catalog's source file was reserved (or its reservation failed, with an error reported). */
    private boolean reserved;

    /** The catalog's package, once its file is reserved. */
    private String catalogPackage;

    /** The catalog's source file, reserved before the last round and written in it; null until then. */
    private JavaFileObject catalogFile;

    /** Whether the catalog was written: at most once per compilation. */
    private boolean written;

    /** Creates the processor; the compiler calls this constructor and then {@link #init}. */
    public JobRegistryProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        elements = processingEnv.getElementUtils();
        types = processingEnv.getTypeUtils();
        messager = processingEnv.getMessager();
        filer = processingEnv.getFiler();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(JOB_TYPE, MIGRATES_FROM);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(CATALOG_PACKAGE_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        if (roundEnv.processingOver()) {
            reportStillDeferred();
            if (!failed && !written && catalogFile != null) {
                written = true;
                try {
                    writeCatalog();
                } catch (RuntimeException e) {
                    error(null, "the Stint registry processor failed to write the job catalog: " + stackTrace(e));
                }
            }
        } else {
            inspectRound(roundEnv);
            if (!reserved && !entries.isEmpty()) {
                reserved = true;
                try {
                    reserveCatalogFile();
                } catch (RuntimeException e) {
                    error(null, "the Stint registry processor failed to create the job catalog: " + stackTrace(e));
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Collecting and checking the annotated types

    private void inspectRound(RoundEnvironment roundEnv) {
        List<TypeElement> candidates = new ArrayList<>();
        deferred.forEach((name, element) ->
                candidates.add(Objects.requireNonNullElse(elements.getTypeElement(name), element)));
        deferred.clear();
        TypeElement annotation = elements.getTypeElement(JOB_TYPE);
        if (annotation != null) {
            for (Element element : roundEnv.getElementsAnnotatedWith(annotation)) {
                if (element instanceof TypeElement type) {
                    candidates.add(type);
                } else {
                    error(element, "@JobType applies to classes only");
                }
            }
        }
        TypeElement migratesFrom = elements.getTypeElement(MIGRATES_FROM);
        if (migratesFrom != null) {
            for (Element element : roundEnv.getElementsAnnotatedWith(migratesFrom)) {
                try {
                    checkMigrationOwner(element);
                } catch (RuntimeException e) {
                    error(element, "the Stint registry processor failed on " + element + ": " + stackTrace(e));
                }
            }
        }
        for (TypeElement type : candidates) {
            try {
                inspect(type);
            } catch (RuntimeException e) {
                error(type, "the Stint registry processor failed on " + displayName(type) + ": " + stackTrace(e));
            }
        }
    }

    /** Checks one annotated type: records it as a catalog entry, reports its problems, or defers it. */
    private void inspect(TypeElement type) {
        AnnotationMirror jobType = findAnnotation(type, JOB_TYPE);
        if (jobType == null) {
            return;
        }
        Map<String, Object> values = annotationValues(jobType);
        JobSupertype job = findJobSupertype(type);
        List<Migration> migrations = findMigrations(type);
        if (!(values.get("name") instanceof String name)
                || !(values.get("version") instanceof Integer version)
                || !(values.get("resumable") instanceof Boolean resumable)
                || job.unresolved()
                || migrations == null) {
            deferred.put(type.getQualifiedName().toString(), type);
            return;
        }

        String className = displayName(type);
        boolean migrationsValid = checkMigrations(type, name, version, migrations);
        boolean isRecord = type.getKind() == ElementKind.RECORD;
        if (type.getKind() != ElementKind.CLASS && !isRecord) {
            error(type, "@JobType type " + className + " must be concrete: a job type is a class or a record, not "
                    + article(type.getKind()));
            return;
        }
        String what = "@JobType " + (isRecord ? "record " : "class ") + className;
        List<String> problems = new ArrayList<>();

        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add(what + " must be concrete: it is abstract");
        }
        if (!isPublic(type)) {
            problems.add(what + " must be public");
        }
        switch (type.getNestingKind()) {
            case LOCAL, ANONYMOUS -> problems.add(
                    what + " must be a top-level or static nested class: a local class cannot be created by name");
            case MEMBER -> {
                if (!isStatic(type)) {
                    problems.add(what + " must be static: an inner class cannot be created without an instance of "
                            + displayName((TypeElement) type.getEnclosingElement()));
                }
            }
            case TOP_LEVEL -> {}
        }
        for (Element outer = type.getEnclosingElement();
                outer instanceof TypeElement outerType;
                outer = outer.getEnclosingElement()) {
            if (!isPublic(outerType)) {
                problems.add(what + " is nested in " + displayName(outerType) + ", which must be public");
            }
        }
        if (elements.getPackageOf(type).isUnnamed()) {
            problems.add(what + " must be in a named package: the generated catalog cannot refer to a class in the"
                    + " unnamed package");
        }
        if (job.type() == null) {
            problems.add(what + " must implement " + JOB);
        }
        if (!isRecord && !hasCreator(type)) {
            problems.add(what + " needs a non-private no-argument constructor, or a constructor annotated with"
                    + " @JsonCreator, so that it can be rebuilt from its stored state");
        }
        if (version < 1) {
            problems.add("@JobType version must be >= 1, but " + className + " declares version " + version);
        }
        if (name.isBlank()) {
            problems.add("@JobType name must not be blank: " + className + " declares name "
                    + CatalogSource.stringLiteral(name));
        } else {
            String first = declaredBy.putIfAbsent(new JobKey(name, version), className);
            if (first != null) {
                problems.add("duplicate job type " + CatalogSource.stringLiteral(name) + " version " + version + ": "
                        + className + " declares the same name and version as " + first);
            }
        }

        if (problems.isEmpty() && migrationsValid) {
            entries.add(new CatalogEntry(name, version, resumable, reference(type), outputType(job.type())));
        } else {
            problems.forEach(problem -> error(type, problem));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checking the state migrations

    /** A method annotated with {@code @MigratesFrom} and the version it migrates from. */
    private record Migration(ExecutableElement method, int from) {}

    /**
     * Reports a {@code @MigratesFrom} method that is not declared in a {@code @JobType} class; the methods of
     * {@code @JobType} classes are checked with their class, by {@link #checkMigrations}.
     */
    private void checkMigrationOwner(Element element) {
        if (element.getKind() != ElementKind.METHOD) {
            return; // javac reports the misplaced annotation itself
        }
        Element owner = element.getEnclosingElement();
        if (!(owner instanceof TypeElement type) || findAnnotation(type, JOB_TYPE) == null) {
            error(element, "@MigratesFrom method " + methodName((ExecutableElement) element)
                    + " must be declared in a @JobType class");
        }
    }

    /**
     * The methods of {@code type} annotated with {@code @MigratesFrom}, in declaration order; null when one
     * of them refers to a type or value that is not resolved yet.
     */
    private List<Migration> findMigrations(TypeElement type) {
        List<Migration> migrations = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            AnnotationMirror annotation = findAnnotation(method, MIGRATES_FROM);
            if (annotation == null) {
                continue;
            }
            if (!(annotationValues(annotation).get("value") instanceof Integer from)
                    || method.getReturnType().getKind() == TypeKind.ERROR
                    || method.getParameters().stream()
                            .anyMatch(parameter -> parameter.asType().getKind() == TypeKind.ERROR)) {
                return null;
            }
            migrations.add(new Migration(method, from));
        }
        return migrations;
    }

    /**
     * Checks the migrations of a job type and reports their problems, on the method or, for an incomplete
     * chain, on the class. Returns whether they are all valid.
     */
    private boolean checkMigrations(TypeElement type, String name, int version, List<Migration> migrations) {
        boolean valid = true;
        String className = displayName(type);
        Map<Integer, Migration> byVersion = new HashMap<>();
        for (Migration migration : migrations) {
            ExecutableElement method = migration.method();
            String methodName = methodName(method);
            Set<Modifier> modifiers = method.getModifiers();
            if (!modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
                error(method, "@MigratesFrom method " + methodName + " must be static and not private");
                valid = false;
            }
            if (method.getParameters().size() != 1
                    || !isObjectNode(method.getParameters().get(0).asType())
                    || !isObjectNode(method.getReturnType())) {
                error(method, "@MigratesFrom method " + methodName + " must take and return " + OBJECT_NODE);
                valid = false;
            }
            // A job type's version below 1 is reported on the class; every migration would be out of range.
            if (version >= 1 && (migration.from() < 1 || migration.from() >= version)) {
                error(method, "@MigratesFrom(" + migration.from() + ") on " + methodName + ": " + migration.from()
                        + " must be between 1 and version - 1 (" + (version - 1) + ")");
                valid = false;
            }
            Migration first = byVersion.putIfAbsent(migration.from(), migration);
            if (first != null) {
                error(method, "duplicate @MigratesFrom(" + migration.from() + ") in class " + className + " (also "
                        + first.method().getSimpleName() + ")");
                valid = false;
            }
        }
        int oldest = byVersion.keySet().stream()
                .filter(from -> from >= 1 && from < version)
                .min(Integer::compare)
                .orElse(version);
        for (int from = oldest; from < version; from++) {
            if (!byVersion.containsKey(from)) {
                error(type, "migration chain of job type " + CatalogSource.stringLiteral(name) + " is incomplete: no"
                        + " @MigratesFrom(" + from + "), needed to migrate from version " + oldest + " to version "
                        + version);
                valid = false;
            }
        }
        return valid;
    }

    /** Whether {@code type} is exactly Jackson's {@code ObjectNode}. */
    private static boolean isObjectNode(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((DeclaredType) type).asElement() instanceof TypeElement element
                && element.getQualifiedName().contentEquals(OBJECT_NODE);
    }

    /** How diagnostics name a method: its class's name, a dot and its simple name. */
    private static String methodName(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        return method.getEnclosingElement() instanceof TypeElement type ? displayName(type) + "." + name : name;
    }

    /** In the last round: reports the types that still refer to something unresolved. */
    private void reportStillDeferred() {
        deferred.forEach((name, element) -> {
            TypeElement type = Objects.requireNonNullElse(elements.getTypeElement(name), element);
            error(type, "@JobType class " + name + " was not processed because it refers to types or values that"
                    + " could not be resolved; fix the other compilation errors first");
        });
        deferred.clear();
    }

    /** The supertype {@code dev.stint.Job<...>} of a type, if any, and whether its hierarchy has unresolved types. */
    private record JobSupertype(DeclaredType type, boolean unresolved) {}

    /**
     * Walks the supertypes of {@code type}, nearest first, with type arguments substituted (so that a class
     * extending {@code Base<String>}, where {@code Base<T> implements Job<T>}, finds {@code Job<String>}).
     */
    private JobSupertype findJobSupertype(TypeElement type) {
        Deque<TypeMirror> pending = new ArrayDeque<>();
        pending.add(type.asType());
        Set<String> visited = new HashSet<>();
        DeclaredType job = null;
        boolean unresolved = false;
        while (!pending.isEmpty()) {
            TypeMirror next = pending.remove();
            if (next.getKind() == TypeKind.ERROR) {
                unresolved = true;
            } else if (next instanceof DeclaredType declared) {
                TypeElement element = (TypeElement) declared.asElement();
                String name = element.getQualifiedName().toString();
                if (name.equals(JOB)) {
                    if (job == null) {
                        job = declared;
                        unresolved |= declared.getTypeArguments().stream()
                                .anyMatch(argument -> argument.getKind() == TypeKind.ERROR);
                    }
                } else if (visited.add(name)) {
                    pending.addAll(types.directSupertypes(next));
                }
            }
        }
        return new JobSupertype(job, unresolved);
    }

    /** The erasure of the type argument of {@code Job<O>}; {@code Object} when raw or a type variable. */
    private TypeReference outputType(DeclaredType job) {
        List<? extends TypeMirror> arguments = job.getTypeArguments();
        if (arguments.size() != 1) {
            return TypeReference.OBJECT;
        }
        TypeMirror output = arguments.get(0);
        return switch (output.getKind()) {
            case TYPEVAR, WILDCARD -> TypeReference.OBJECT;
            default -> reference(types.erasure(output));
        };
    }

    /** Whether a class has a constructor that Jackson can rebuild it with. */
    private static boolean hasCreator(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
            AnnotationMirror creator = findAnnotation(constructor, JSON_CREATOR);
            if (creator != null && !isDisabledCreator(creator)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code @JsonCreator} says {@code mode = DISABLED}. */
    private static boolean isDisabledCreator(AnnotationMirror creator) {
        return creator.getElementValues().entrySet().stream()
                .anyMatch(value -> value.getKey().getSimpleName().contentEquals("mode")
                        && value.getValue().getValue() instanceof Element mode
                        && mode.getSimpleName().contentEquals("DISABLED"));
    }

    // ---------------------------------------------------------------------------------------------
    // Writing the catalog

    /**
     * Creates, but does not write, the catalog's source file. Javac warns about every source file created in
     * the last round (it will not be processed), whatever the lint options; creating the file in an earlier
     * round and writing it in the last one avoids that warning and still lists the jobs of every round.
     */
    private void reserveCatalogFile() {
        String packageName = catalogPackage();
        if (packageName == null) {
            return;
        }
        String catalogName = packageName + "." + CatalogSource.CLASS_NAME;
        try {
            catalogFile = filer.createSourceFile(catalogName, originatingElements(entries));
            catalogPackage = packageName;
        } catch (IOException e) {
            error(null, "could not create the job catalog " + catalogName + ": " + e);
        }
    }

    private void writeCatalog() {
        List<CatalogEntry> sorted = entries.stream().sorted(CatalogEntry.ORDER).toList();
        boolean reachable = true;
        for (CatalogEntry entry : sorted) {
            TypeReference output = entry.outputType();
            if (!entry.jobClass().accessibleFrom(catalogPackage) || !output.accessibleFrom(catalogPackage)) {
                error(elements.getTypeElement(entry.className()), "@JobType class " + entry.className()
                        + " has output type " + output.literal() + ", which the generated catalog in package "
                        + catalogPackage + " cannot refer to: make " + output.literal() + " public");
                reachable = false;
            }
        }
        if (!reachable) {
            return;
        }

        String catalogName = catalogPackage + "." + CatalogSource.CLASS_NAME;
        try (Writer writer = catalogFile.openWriter()) {
            writer.write(CatalogSource.render(catalogPackage, sorted));
        } catch (IOException e) {
            error(null, "could not write the job catalog " + catalogName + ": " + e);
            return;
        }
        writeServiceFile(catalogName, originatingElements(sorted));
    }

    /** The elements of the jobs' classes, for the filer (which tells build tools what a file depends on). */
    private Element[] originatingElements(List<CatalogEntry> jobs) {
        return jobs.stream()
                .map(entry -> elements.getTypeElement(entry.className()))
                .filter(Objects::nonNull)
                .toArray(Element[]::new);
    }

    /** The catalog's package: the option's value, or the jobs' common package; null (reported) if invalid. */
    private String catalogPackage() {
        String option = processingEnv.getOptions().get(CATALOG_PACKAGE_OPTION);
        if (option != null && !option.isBlank()) {
            String packageName = option.strip();
            if (!SourceVersion.isName(packageName)) {
                error(null, "-A" + CATALOG_PACKAGE_OPTION + "=" + option + " is not a valid package name");
                return null;
            }
            return packageName;
        }
        List<String> common = null;
        for (CatalogEntry entry : entries) {
            List<String> segments = List.of(entry.jobClass().packageName().split("\\."));
            if (common == null) {
                common = segments;
            } else {
                int shared = 0;
                while (shared < common.size() && shared < segments.size()
                        && common.get(shared).equals(segments.get(shared))) {
                    shared++;
                }
                common = common.subList(0, shared);
            }
        }
        return common == null || common.isEmpty() ? DEFAULT_CATALOG_PACKAGE : String.join(".", common);
    }

    /**
     * Writes the service file listing the catalog, keeping the entries of a file already in the class output
     * (copied from resources, say) except earlier generated catalogs of another package.
     */
    private void writeServiceFile(String catalogName, Element[] origins) {
        List<String> lines = new ArrayList<>();
        for (String line : existingServiceFileLines()) {
            String provider = line.replaceFirst("#.*", "").strip();
            boolean staleCatalog = provider.equals(CatalogSource.CLASS_NAME)
                    || provider.endsWith("." + CatalogSource.CLASS_NAME);
            if (!line.isBlank() && !staleCatalog && !lines.contains(line)) {
                lines.add(line);
            }
        }
        lines.add(catalogName);
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE, origins);
            try (OutputStream out = file.openOutputStream()) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (FilerException e) {
            messager.printMessage(Diagnostic.Kind.WARNING, SERVICE_FILE + " was already written in this compilation,"
                    + " so the Stint registry processor did not register " + catalogName + " in it (" + e.getMessage()
                    + "); list it there yourself, or pass the catalog to the library builder");
        } catch (IOException e) {
            error(null, "could not write " + SERVICE_FILE + ": " + e);
        }
    }

    private List<String> existingServiceFileLines() {
        try {
            FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE);
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(existing.openInputStream(), StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip).toList();
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // no such file yet
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Model helpers

    /** How the generated catalog names {@code type}, an erased type. */
    private TypeReference reference(TypeMirror type) {
        if (type instanceof DeclaredType declared) {
            return reference((TypeElement) declared.asElement());
        }
        if (type instanceof ArrayType array) {
            return reference(types.erasure(array.getComponentType())).arrayOf();
        }
        if (type.getKind().isPrimitive()) {
            return TypeReference.primitive(type.getKind().name().toLowerCase(Locale.ROOT));
        }
        return TypeReference.OBJECT;
    }

    private TypeReference reference(TypeElement type) {
        TypeReference.Access access = TypeReference.Access.PUBLIC;
        TypeReference.Deprecation deprecation = TypeReference.Deprecation.NONE;
        for (Element element = type; element instanceof TypeElement current; element = element.getEnclosingElement()) {
            NestingKind nesting = current.getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS
                    || current.getModifiers().contains(Modifier.PRIVATE)) {
                access = TypeReference.Access.PRIVATE;
            } else if (!isPublic(current) && access == TypeReference.Access.PUBLIC) {
                access = TypeReference.Access.PACKAGE;
            }
            if (elements.isDeprecated(current)) {
                Deprecated deprecated = current.getAnnotation(Deprecated.class);
                TypeReference.Deprecation found = deprecated != null && deprecated.forRemoval()
                        ? TypeReference.Deprecation.FOR_REMOVAL
                        : TypeReference.Deprecation.DEPRECATED;
                if (found.compareTo(deprecation) > 0) {
                    deprecation = found;
                }
            }
        }
        return new TypeReference(type.getQualifiedName().toString(),
                elements.getPackageOf(type).getQualifiedName().toString(), access, deprecation);
    }

    /** Whether a type is public, explicitly or as a member of an interface. */
    private static boolean isPublic(TypeElement type) {
        return type.getModifiers().contains(Modifier.PUBLIC) || isInterfaceMember(type);
    }

    /** Whether a member type needs no enclosing instance, explicitly or implicitly. */
    private static boolean isStatic(TypeElement type) {
        return type.getModifiers().contains(Modifier.STATIC)
                || type.getKind() != ElementKind.CLASS
                || isInterfaceMember(type);
    }

    private static boolean isInterfaceMember(TypeElement type) {
        return type.getNestingKind() == NestingKind.MEMBER && type.getEnclosingElement().getKind().isInterface();
    }

    private static AnnotationMirror findAnnotation(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element annotationType = mirror.getAnnotationType().asElement();
            if (annotationType instanceof TypeElement typeElement
                    && typeElement.getQualifiedName().contentEquals(annotationName)) {
                return mirror;
            }
        }
        return null;
    }

    /** An annotation's values by element name, defaults included. */
    private Map<String, Object> annotationValues(AnnotationMirror mirror) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(entry.getKey().getSimpleName().toString(), entry.getValue().getValue());
        }
        return values;
    }

    private static String displayName(TypeElement type) {
        String qualified = type.getQualifiedName().toString();
        return qualified.isEmpty() ? type.getSimpleName().toString() : qualified;
    }

    private static String article(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private void error(Element element, String message) {
        failed = true;
        if (element == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A job type's identity in the catalog. */
    private record JobKey(String name, int version) {}
}

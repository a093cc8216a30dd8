package dev.gleaner.cli;

import java.util.concurrent.Callable;

/**
 * A command that talks to a running server; it returns its exit code ({@link dev.gleaner.client.ExitCodes}), and an
 * unexpected exception in it ends with {@code 4} rather than picocli's {@code 1} (which means "some pages failed").
 */
interface ClientCommand extends Callable<Integer> {}

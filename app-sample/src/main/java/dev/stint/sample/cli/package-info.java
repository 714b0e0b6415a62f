/**
 * The console's subcommands: parsing the command line, opening the library, and printing results for
 * people ({@code list}, progress lines) and scripts ({@code dispatch}'s id, {@code list --json}).
 */
package dev.stint.sample.cli;

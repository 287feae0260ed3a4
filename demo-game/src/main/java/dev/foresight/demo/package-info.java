/**
 * The Foresight command line and demo game: {@code java -jar demo-game/target/foresight.jar <command>}.
 * See {@link dev.foresight.demo.ForesightCli} for the commands.
 */
package dev.foresight.demo;

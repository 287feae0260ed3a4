/** Small PNG charts drawn with Java2D (headless), for the command line's reports. */
package dev.foresight.demo.plot;

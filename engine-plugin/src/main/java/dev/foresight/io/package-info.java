/** File helpers shared by every writer: atomic replacement (temp file + rename). */
package dev.foresight.io;

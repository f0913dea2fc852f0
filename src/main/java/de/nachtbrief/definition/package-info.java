/** Job definitions: jobs/<name>.yaml bound to validated records. */
package de.nachtbrief.definition;

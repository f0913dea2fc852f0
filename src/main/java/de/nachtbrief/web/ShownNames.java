package de.nachtbrief.web;

import org.springframework.stereotype.Component;

import de.nachtbrief.ingest.FileNames;

/**
 * File names as the pages show them, {@code ${@names.shown(file)}}: HTML escaping keeps
 * markup out, this keeps control and bidi characters out.
 */
@Component("names")
public class ShownNames {

	public String shown(String name) {
		return FileNames.shown(name);
	}

}

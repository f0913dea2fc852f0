package de.nachtbrief.web;

/** A job, run, brief or failed file the caller named does not exist: HTTP 404. */
class NotFoundException extends RuntimeException {

	NotFoundException(String message) {
		super(message);
	}

}

package de.nachtbrief.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bad requests answered in the caller's terms: JSON for the API, the upload page with the
 * reason for a browser.
 */
@RestControllerAdvice
class WebErrors {

	private final WebSettings settings;

	WebErrors(WebSettings settings) {
		this.settings = settings;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	Object badRequest(IllegalArgumentException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	Object notFound(NotFoundException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tooLarge(HttpServletRequest request) {
		return answer(request, HttpStatus.PAYLOAD_TOO_LARGE,
				"The file is larger than the limit of " + size(this.settings.maxUpload()) + ".");
	}

	@ExceptionHandler(MultipartException.class)
	Object unreadableUpload(MultipartException ex, HttpServletRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		return answer(request, HttpStatus.BAD_REQUEST, "The upload could not be read: " + cause.getMessage());
	}

	private Object answer(HttpServletRequest request, HttpStatus status, String message) {
		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", message));
		}
		ModelAndView page = new ModelAndView("error-page", status);
		page.addObject("status", status.value());
		page.addObject("error", message);
		return page;
	}

	static String size(DataSize size) {
		return size.toMegabytes() >= 1 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
	}

}
